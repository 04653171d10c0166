#include "domain/translit.h"

#include <cstdint>

namespace ej::domain {
namespace {

// а..я (U+0430..U+044F) in order.
constexpr std::string_view kLower[32] = {
    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k",  "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "",  "e", "iu", "ia",
};

// Decodes one code point at `pos`, advancing it; U+FFFD for invalid input.
uint32_t NextCodePoint(std::string_view s, size_t& pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || pos + static_cast<size_t>(extra) >= s.size()) {
    ++pos;
    return 0xFFFD;
  }
  uint32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int i = 1; i <= extra; ++i) {
    unsigned char d = byte(pos + static_cast<size_t>(i));
    if ((d & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  pos += static_cast<size_t>(extra) + 1;
  return cp;
}

std::string_view Latin(uint32_t cp) {
  if (cp >= 0x0410 && cp <= 0x042F) cp += 0x20;  // А..Я → а..я
  if (cp >= 0x0430 && cp <= 0x044F) return kLower[cp - 0x0430];
  if (cp == 0x0401 || cp == 0x0451) return "e";  // Ё, ё
  return {};
}

}  // namespace

std::string TransliterateForLogin(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp = NextCodePoint(text, pos);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out += static_cast<char>(cp);
    } else if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else {
      out += Latin(cp);
    }
  }
  return out;
}

std::string MakeLogin(std::string_view last_name, std::string_view first_name, std::string_view middle_name) {
  auto initial = [](std::string_view name) {
    // The first letter that yields something (ь and ъ cannot start a name).
    size_t pos = 0;
    while (pos < name.size()) {
      size_t start = pos;
      NextCodePoint(name, pos);
      std::string t = TransliterateForLogin(name.substr(start, pos - start));
      if (!t.empty()) return t;
    }
    return std::string();
  };
  std::string login = TransliterateForLogin(last_name);
  login += '.';
  login += initial(first_name);
  login += initial(middle_name);
  return login;
}

}  // namespace ej::domain
