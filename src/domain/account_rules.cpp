#include "domain/account_rules.h"

#include <algorithm>

#include "domain/utf8.h"

namespace ej::domain {

std::string NormalizeLogin(std::string_view login) {
  std::string out(login);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsValidLogin(std::string_view login) {
  if (login.size() < 2 || login.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(login.front())) return false;
  return std::all_of(login.begin(), login.end(), [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

Status CheckNewPassword(std::string_view login, std::string_view password) {
  if (!IsValidUtf8(password)) return Error::Of(ErrorCode::kInvalidUtf8);
  size_t length = Utf8Length(password);
  if (length < 8 || length > 256 || NormalizeLogin(password) == NormalizeLogin(login)) {
    return Error::Of(ErrorCode::kWeakPassword);
  }
  return Ok{};
}

int64_t LoginBackoffSeconds(int failures) {
  if (failures < kFreeLoginFailures) return 0;
  constexpr int64_t kMax = 15 * 60;
  int shift = std::min(failures - kFreeLoginFailures, 10);
  return std::min<int64_t>(int64_t{30} << shift, kMax);
}

}  // namespace ej::domain

namespace ej::domain {

Status CheckNamePart(std::string_view field, std::string_view value) {
  if (!IsValidUtf8(value)) return Error::WithDetail(ErrorCode::kInvalidUtf8, field);
  if (value.empty()) return Error::WithDetail(ErrorCode::kMissingField, field);
  if (Utf8Length(value) > 100 || HasControlCharacters(value) || value.front() == ' ' || value.back() == ' ') {
    return Error::WithDetail(ErrorCode::kInvalidValue, field);
  }
  return Ok{};
}

bool IsPlausibleEmail(std::string_view email) {
  if (email.size() < 3 || email.size() > 254 || !IsValidUtf8(email)) return false;
  if (HasControlCharacters(email) || email.find(' ') != std::string_view::npos) return false;
  size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos;
}

std::string NormalizeActivationCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string FormatActivationCode(std::string_view normalized) {
  if (normalized.size() != kActivationCodeLength) return std::string(normalized);
  return std::string(normalized.substr(0, 4)) + "-" + std::string(normalized.substr(4));
}

}  // namespace ej::domain
