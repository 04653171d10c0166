// Logins, back-off, sessions and password changes on both backends.
#include "service/people/auth_service.h"

#include <gtest/gtest.h>

#include "domain/account_rules.h"
#include "service/common/crypto.h"
#include "service/school/setup_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;

using ej::testing::FixedClock;

class AuthServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    InitCrypto();
    conn_ = ej::testing::OpenFreshDatabase(GetParam());
    InitCommand init;
    init.school_name = "Школа № 1";
    init.administrator = {"Admin", "correct horse", "Иванова", "Мария", "Петровна", {}, {}, {}};
    auto r = InitInstallation(*conn_, clock_, init);
    ASSERT_TRUE(r.ok()) << r.error().message;
    admin_id_ = r->administrator_id;
    settings_.idle_timeout = 600;
    settings_.absolute_timeout = 3600;
    auth_ = std::make_unique<AuthService>(settings_, clock_);
  }

  int64_t CountSessions() { return conn_->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0); }

  FixedClock clock_;
  AuthSettings settings_;
  std::unique_ptr<storage::Connection> conn_;
  std::unique_ptr<AuthService> auth_;
  int64_t admin_id_ = 0;
  ClientInfo client_{"127.0.0.1", "test"};
};

TEST_P(AuthServiceTest, LoginIsCaseInsensitiveAndOpensASession) {
  auto r = auth_->Login(*conn_, "ADMIN", "correct horse", client_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->session->user_id, admin_id_);
  EXPECT_EQ(r->session->principal->profile.full_name, "Иванова Мария Петровна");
  ASSERT_EQ(r->session->principal->profile.roles.size(), 1u);
  EXPECT_EQ(r->session->principal->profile.roles[0].role, domain::Role::kAdministrator);
  EXPECT_EQ(CountSessions(), 1);
  // Only the token's hash is stored.
  auto stored = conn_->QueryOne("SELECT token_hash FROM sessions");
  EXPECT_NE(stored->Text(0), r->token);
  EXPECT_EQ(stored->Text(0), Sha256Hex(r->token));
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownLoginLookTheSame) {
  auto wrong = auth_->Login(*conn_, "admin", "wrong password", client_);
  auto unknown = auth_->Login(*conn_, "nobody", "wrong password", client_);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidCredentials);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidCredentials);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(CountSessions(), 0);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM auth_events WHERE event = 'login_failed'")->Int(0), 2);
}

TEST_P(AuthServiceTest, RepeatedFailuresBlockLoginsWithGrowingBackoff) {
  for (int i = 0; i < domain::kFreeLoginFailures - 1; ++i) {
    EXPECT_EQ(auth_->Login(*conn_, "admin", "bad", client_).error().code, ErrorCode::kInvalidCredentials);
  }
  // The fifth failure starts a 30 s block: even the right password is refused.
  EXPECT_EQ(auth_->Login(*conn_, "admin", "bad", client_).error().code, ErrorCode::kInvalidCredentials);
  EXPECT_EQ(auth_->Login(*conn_, "admin", "correct horse", client_).error().code, ErrorCode::kTooManyAttempts);
  clock_.now += 31;
  // Another failure doubles the block.
  EXPECT_EQ(auth_->Login(*conn_, "admin", "bad", client_).error().code, ErrorCode::kInvalidCredentials);
  clock_.now += 31;
  EXPECT_EQ(auth_->Login(*conn_, "admin", "correct horse", client_).error().code, ErrorCode::kTooManyAttempts);
  clock_.now += 30;
  ASSERT_TRUE(auth_->Login(*conn_, "admin", "correct horse", client_).ok());
  // A success resets the count.
  EXPECT_EQ(conn_->QueryOne("SELECT failed_logins FROM users WHERE id = $1", {storage::Value{admin_id_}})->Int(0), 0);
}

TEST_P(AuthServiceTest, LockedAccountsCannotLogIn) {
  conn_->Query("UPDATE users SET locked = 1");
  EXPECT_EQ(auth_->Login(*conn_, "admin", "correct horse", client_).error().code, ErrorCode::kAccountLocked);
  // The lock is only revealed to someone who knows the password.
  EXPECT_EQ(auth_->Login(*conn_, "admin", "bad", client_).error().code, ErrorCode::kInvalidCredentials);
}

TEST_P(AuthServiceTest, SessionsExpireWhenIdleAndAbsolutely) {
  auto r = auth_->Login(*conn_, "admin", "correct horse", client_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(auth_->FindCached(r->token).status, SessionCache::Status::kFresh);
  clock_.now += 300;
  EXPECT_TRUE(auth_->Resolve(*conn_, r->token).ok());  // activity at +300
  clock_.now += 599;
  EXPECT_TRUE(auth_->Resolve(*conn_, r->token).ok());  // idle 599 s < 600
  clock_.now += 600;
  EXPECT_EQ(auth_->FindCached(r->token).status, SessionCache::Status::kExpired);
  EXPECT_EQ(auth_->Resolve(*conn_, r->token).error().code, ErrorCode::kSessionExpired);

  auto r2 = auth_->Login(*conn_, "admin", "correct horse", client_);
  for (int i = 0; i < 7; ++i) {  // active every 500 s, but the absolute limit is 3600 s
    clock_.now += 500;
    EXPECT_TRUE(auth_->Resolve(*conn_, r2->token).ok()) << i;
  }
  clock_.now += 500;
  EXPECT_EQ(auth_->Resolve(*conn_, r2->token).error().code, ErrorCode::kSessionExpired);
}

TEST_P(AuthServiceTest, CacheIsRevalidatedAgainstTheDatabase) {
  auto r = auth_->Login(*conn_, "admin", "correct horse", client_);
  // Another process logs the session out: this process notices within revalidate_after.
  conn_->Query("DELETE FROM sessions");
  EXPECT_EQ(auth_->FindCached(r->token).status, SessionCache::Status::kFresh);
  clock_.now += settings_.revalidate_after;
  EXPECT_EQ(auth_->FindCached(r->token).status, SessionCache::Status::kMissingOrStale);
  EXPECT_EQ(auth_->Resolve(*conn_, r->token).error().code, ErrorCode::kUnauthenticated);
}

TEST_P(AuthServiceTest, LogoutEndsTheSession) {
  auto r = auth_->Login(*conn_, "admin", "correct horse", client_);
  auth_->Logout(*conn_, r->token, client_);
  EXPECT_EQ(CountSessions(), 0);
  EXPECT_EQ(auth_->FindCached(r->token).status, SessionCache::Status::kMissingOrStale);
  EXPECT_EQ(auth_->Resolve(*conn_, r->token).error().code, ErrorCode::kUnauthenticated);
  auth_->Logout(*conn_, r->token, client_);  // twice is fine
}

TEST_P(AuthServiceTest, PasswordChangeEndsOtherSessionsOnly) {
  auto a = auth_->Login(*conn_, "admin", "correct horse", client_);
  auto b = auth_->Login(*conn_, "admin", "correct horse", client_);
  EXPECT_EQ(auth_->ChangePassword(*conn_, *a->session, "wrong", "new password 1", client_).error().code,
            ErrorCode::kWrongPassword);
  EXPECT_EQ(auth_->ChangePassword(*conn_, *a->session, "correct horse", "short", client_).error().code,
            ErrorCode::kWeakPassword);
  ASSERT_TRUE(auth_->ChangePassword(*conn_, *a->session, "correct horse", "new password 1", client_).ok());
  EXPECT_TRUE(auth_->Resolve(*conn_, a->token).ok());
  EXPECT_EQ(auth_->Resolve(*conn_, b->token).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(auth_->Login(*conn_, "admin", "correct horse", client_).error().code, ErrorCode::kInvalidCredentials);
  EXPECT_TRUE(auth_->Login(*conn_, "admin", "new password 1", client_).ok());
}

TEST_P(AuthServiceTest, InvalidUtf8IsRefusedBeforeAnyLookup) {
  EXPECT_EQ(auth_->Login(*conn_, "adm\xFFin", "x", client_).error().code, ErrorCode::kInvalidUtf8);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM auth_events")->Int(0), 1);  // only account_created
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
