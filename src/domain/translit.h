// Cyrillic to Latin for logins, by the rules of Russian foreign passports
// (ICAO Doc 9303 as adopted by the МВД in 2013): ж zh, х kh, ц ts, щ shch,
// ъ ie, ы y, ь dropped, ю iu, я ia, ё e, й i.
#pragma once

#include <string>
#include <string_view>

namespace ej::domain {

// Lowercase ASCII. Latin letters and digits pass through lowercased;
// spaces, punctuation and invalid UTF-8 are dropped.
std::string TransliterateForLogin(std::string_view utf8_russian);

// "Иванов", "Пётр", "Сергеевич" → "ivanov.ps": the surname, a dot, the
// transliterated first letters of the first name and the patronymic.
std::string MakeLogin(std::string_view last_name, std::string_view first_name, std::string_view middle_name);

}  // namespace ej::domain
