#include "domain/error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/utf8.h"

namespace ej::domain {
namespace {

TEST(ErrorTest, EveryCodeHasAUniqueStringAndARussianMessage) {
  std::set<std::string> seen;
  for (ErrorCode code : kAllErrorCodes) {
    std::string s(CodeString(code));
    EXPECT_TRUE(seen.insert(s).second) << "duplicate code " << s;
    std::string_view message = DefaultMessage(code);
    EXPECT_TRUE(IsValidUtf8(message));
    // Russian text: at least one Cyrillic letter (UTF-8 lead bytes 0xD0/0xD1).
    EXPECT_NE(message.find_first_of("\xD0\xD1"), std::string_view::npos) << s;
  }
}

TEST(ErrorTest, WithDetailAppendsToTheDefaultMessage) {
  Error e = Error::WithDetail(ErrorCode::kUnknownField, "foo");
  EXPECT_EQ(e.code, ErrorCode::kUnknownField);
  EXPECT_EQ(e.message, std::string(DefaultMessage(ErrorCode::kUnknownField)) + ": foo");
}

}  // namespace
}  // namespace ej::domain
