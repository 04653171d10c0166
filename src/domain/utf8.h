#pragma once

#include <string_view>

namespace ej::domain {

// True if `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of code points in valid UTF-8 text.
size_t Utf8Length(std::string_view text);

// True if `text` holds a control character (C0 except TAB/LF/CR, DEL, or U+0080..U+009F).
bool HasControlCharacters(std::string_view text);

// Without leading and trailing ASCII whitespace and no-break spaces (U+00A0).
std::string_view Trim(std::string_view text);

}  // namespace ej::domain
