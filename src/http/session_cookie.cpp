#include "http/session_cookie.h"

namespace ej::http {

std::string SessionCookie(std::string_view token, int64_t max_age, bool secure) {
  std::string out(kSessionCookieName);
  out += "=";
  out += token;
  out += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (secure) out += "; Secure";
  return out;
}

std::string SessionTokenFromCookies(std::string_view header) {
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view part = header.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(kSessionCookieName) && part.size() > kSessionCookieName.size() &&
        part[kSessionCookieName.size()] == '=') {
      return std::string(part.substr(kSessionCookieName.size() + 1));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace ej::http
