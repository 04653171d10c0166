// Rules for logins, passwords and the back-off after failed logins.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace ej::domain {

// Logins are case-insensitive: stored and compared lowercased.
std::string NormalizeLogin(std::string_view login);

// 2..64 characters of [a-z0-9._-], starting with a letter or digit.
bool IsValidLogin(std::string_view normalized_login);

// A new password: 8..256 characters of valid UTF-8, not the login itself.
Status CheckNewPassword(std::string_view login, std::string_view password);

// Consecutive failures allowed before logins are blocked for a while.
inline constexpr int kFreeLoginFailures = 5;

// How long logins are blocked after `failures` consecutive failures: none up
// to kFreeLoginFailures, then 30 s doubling with each further failure, at
// most 15 minutes. A success resets the count.
int64_t LoginBackoffSeconds(int failures);

}  // namespace ej::domain

namespace ej::domain {

// A part of a person's name (`field` names it in the message): 1..100
// characters of valid UTF-8 without control characters, no leading or
// trailing spaces.
Status CheckNamePart(std::string_view field, std::string_view value);

// A plausible e-mail address: 3..254 characters, one '@' with text on both
// sides, no spaces or control characters.
bool IsPlausibleEmail(std::string_view email);

// One-time activation codes on credential slips: 8 characters from an
// alphabet without look-alikes (no 0/O, 1/I/L), printed as "K7QF-2M9X".
inline constexpr std::string_view kActivationAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr size_t kActivationCodeLength = 8;
// What a person typed, as stored: upper case, without dashes and spaces.
std::string NormalizeActivationCode(std::string_view typed);
// "K7QF2M9X" -> "K7QF-2M9X".
std::string FormatActivationCode(std::string_view normalized);

}  // namespace ej::domain
