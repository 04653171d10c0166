#include "domain/account_rules.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

TEST(AccountRulesTest, Logins) {
  EXPECT_EQ(NormalizeLogin("Ivanov.PS"), "ivanov.ps");
  static const struct {
    std::string_view login;
    bool valid;
  } kCases[] = {
      {"ivanov.ps", true}, {"admin", true},      {"a1", true},      {"x", false},
      {".dot", false},     {"has space", false}, {"иванов", false}, {"a'; DROP TABLE users;--", false},
      {"", false},
  };
  for (const auto& c : kCases) EXPECT_EQ(IsValidLogin(c.login), c.valid) << c.login;
  EXPECT_FALSE(IsValidLogin(std::string(65, 'a')));
  EXPECT_TRUE(IsValidLogin(std::string(64, 'a')));
}

TEST(AccountRulesTest, NewPasswords) {
  EXPECT_TRUE(CheckNewPassword("ivanov", "длинный пароль").ok());
  EXPECT_EQ(CheckNewPassword("ivanov", "short").error().code, ErrorCode::kWeakPassword);
  EXPECT_EQ(CheckNewPassword("ivanov.ps", "IVANOV.PS").error().code, ErrorCode::kWeakPassword);
  EXPECT_EQ(CheckNewPassword("ivanov", "bad\xFFutf8 password").error().code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(CheckNewPassword("ivanov", std::string(257, 'a')).error().code, ErrorCode::kWeakPassword);
}

TEST(AccountRulesTest, BackoffGrowsAndIsCapped) {
  for (int i = 0; i < kFreeLoginFailures; ++i) EXPECT_EQ(LoginBackoffSeconds(i), 0);
  EXPECT_EQ(LoginBackoffSeconds(kFreeLoginFailures), 30);
  EXPECT_EQ(LoginBackoffSeconds(kFreeLoginFailures + 1), 60);
  EXPECT_EQ(LoginBackoffSeconds(kFreeLoginFailures + 2), 120);
  EXPECT_EQ(LoginBackoffSeconds(kFreeLoginFailures + 10), 15 * 60);
  EXPECT_EQ(LoginBackoffSeconds(1000), 15 * 60);
}

TEST(AccountRulesTest, NameParts) {
  EXPECT_TRUE(CheckNamePart("lastName", "Салтыков-Щедрин").ok());
  EXPECT_EQ(CheckNamePart("lastName", "").error().code, ErrorCode::kMissingField);
  EXPECT_EQ(CheckNamePart("lastName", " Иванов").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(CheckNamePart("lastName", "Ив\x01анов").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(CheckNamePart("lastName", "\xC3\x28").error().code, ErrorCode::kInvalidUtf8);
  EXPECT_TRUE(CheckNamePart("lastName", "O'Brien; DROP TABLE users;--").ok());  // stored as data
}

TEST(AccountRulesTest, Emails) {
  EXPECT_TRUE(IsPlausibleEmail("ivanova@example.com"));
  EXPECT_FALSE(IsPlausibleEmail("no-at-sign"));
  EXPECT_FALSE(IsPlausibleEmail("two@@example.com"));
  EXPECT_FALSE(IsPlausibleEmail("@example.com"));
  EXPECT_FALSE(IsPlausibleEmail("a b@example.com"));
}

}  // namespace
}  // namespace ej::domain
