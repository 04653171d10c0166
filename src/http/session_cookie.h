#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ej::http {

inline constexpr std::string_view kSessionCookieName = "ej_session";

// Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure over TLS. An
// empty token with max_age 0 deletes the cookie.
std::string SessionCookie(std::string_view token, int64_t max_age, bool secure);

// The session token from a Cookie header ("" if absent).
std::string SessionTokenFromCookies(std::string_view cookie_header);

}  // namespace ej::http
