#include "domain/utf8.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

TEST(Utf8Test, Validity) {
  static const struct {
    std::string_view text;
    bool valid;
  } kCases[] = {
      {"", true},
      {"ascii", true},
      {"Иванов Пётр", true},
      {"\xF0\x9F\x98\x80", true},   // emoji, 4 bytes
      {"\xFF", false},              // never valid
      {"\xC3", false},              // truncated
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong, 3 bytes
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"ok\x80", false},            // stray continuation
      {"\xD0\x98\xD0", false},      // "И" then truncated
  };
  for (const auto& c : kCases) EXPECT_EQ(IsValidUtf8(c.text), c.valid) << c.text;
}

TEST(Utf8Test, LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length("Ёж"), 2u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
}

TEST(Utf8Test, ControlCharacters) {
  EXPECT_FALSE(HasControlCharacters("Строка\tс табуляцией\n"));
  EXPECT_TRUE(HasControlCharacters(std::string_view("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacters("a\x1b[31m"));
  EXPECT_TRUE(HasControlCharacters("\xC2\x85"));  // NEL
}

TEST(Utf8Test, Trim) {
  EXPECT_EQ(Trim("  5А \t"), "5А");
  EXPECT_EQ(Trim("\xC2\xA0Иванов\xC2\xA0"), "Иванов");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("а б"), "а б");
}

}  // namespace
}  // namespace ej::domain
