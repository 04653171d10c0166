// Login, session cookie, CSRF, logout, /me, password change, expiry and
// lock-out, over HTTP against a running server, on both backends.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {
namespace {

// One server per backend for the suite; each test uses its own demo users
// for anything that changes state (lock-out, password, logout).
class AuthApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() { ReleaseSharedServers(); }
  void SetUp() override {
    TestServer::Options o;
    o.backend = GetParam();
    client_ = std::make_unique<HttpClient>(SharedServer("auth/" + GetParam(), o).port());
  }
  // A server whose sessions expire after 3 idle seconds (the shared one keeps
  // the default, so that a slow machine can't expire a test's session).
  HttpClient ShortSessions() {
    TestServer::Options o;
    o.backend = GetParam();
    o.extra_args = {"--session-idle-seconds", "3"};
    return HttpClient(SharedServer("auth-idle/" + GetParam(), o).port());
  }
  std::unique_ptr<HttpClient> client_;
};

TEST_P(AuthApiTest, LoginReturnsUserCsrfAndASafeCookie) {
  ApiSession s(*client_, "classteacher", "demo");
  ASSERT_TRUE(s.ok()) << s.login_response().body;
  auto v = s.login_response().Json();
  EXPECT_EQ(v.at("user").at("login").as_string(), "classteacher");
  EXPECT_FALSE(v.at("user").at("fullName").as_string().empty());
  EXPECT_GE(v.at("csrfToken").as_string().size(), 40u);
  std::string cookie = s.login_response().Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  // Behind a TLS-terminating proxy the cookie is Secure.
  auto tls =
      client_->Send("POST", "/api/v1/auth/login", LoginBody("teacher", "demo"), {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(tls.Header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_P(AuthApiTest, MeShowsRolesWithScopes) {
  ApiSession ct(*client_, "classteacher", "demo");
  auto me = ct.Get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  auto v = me.Json();
  EXPECT_EQ(v.at("id").as_int64(), ct.user_id());
  EXPECT_EQ(v.at("csrfToken").as_string(), ct.csrf());
  bool teacher = false, class_teacher = false;
  for (const auto& r : v.at("roles").as_array()) {
    if (r.at("role").as_string() == "teacher") teacher = true;
    if (r.at("role").as_string() == "class_teacher") {
      class_teacher = true;
      EXPECT_EQ(r.at("className").as_string(), "7Б");
    }
    EXPECT_GT(r.at("schoolId").as_int64(), 0);
  }
  EXPECT_TRUE(teacher && class_teacher);

  ApiSession parent(*client_, "parent", "demo");
  auto pv = parent.Get("/api/v1/me").Json();
  const auto& role = pv.at("roles").as_array().at(0);
  EXPECT_EQ(role.at("role").as_string(), "parent");
  ASSERT_FALSE(role.at("children").as_array().empty());
  ApiSession student(*client_, "student", "demo");
  bool child_found = false;
  for (const auto& c : role.at("children").as_array())
    child_found = child_found || c.at("id").as_int64() == student.user_id();
  EXPECT_TRUE(child_found);
}

// The capabilities /me gives are those the server then grants: the class
// teacher excuses absences in 7Б only, the parent manages nothing.
TEST_P(AuthApiTest, MeSaysWhatTheUserMayDo) {
  auto actions = [](const boost::json::value& v) {
    std::string out;
    for (const auto& a : v.at("actions").as_array()) out += std::string(a.as_string()) + " ";
    return out;
  };
  ApiSession ct(*client_, "classteacher", "demo");
  auto v = ct.Get("/api/v1/me").Json();
  const auto& caps = v.at("capabilities").as_array();
  ASSERT_EQ(caps.size(), 1u);
  const std::string school = actions(caps[0]);
  EXPECT_NE(school.find("readJournal "), std::string::npos);
  EXPECT_EQ(school.find("excuseAbsence "), std::string::npos);
  EXPECT_EQ(school.find("manageAccounts "), std::string::npos);
  int64_t led_class = 0;
  for (const auto& r : v.at("roles").as_array()) {
    if (r.at("role").as_string() == "class_teacher") led_class = r.at("classId").as_int64();
  }
  const auto& classes = caps[0].at("classes").as_array();
  ASSERT_EQ(classes.size(), 1u);
  EXPECT_EQ(classes[0].at("classId").as_int64(), led_class);
  EXPECT_NE(actions(classes[0]).find("excuseAbsence "), std::string::npos);

  ApiSession admin(*client_, "admin", "demo");
  auto av = admin.Get("/api/v1/me").Json();
  EXPECT_NE(actions(av.at("capabilities").as_array().at(0)).find("manageAccounts "), std::string::npos);

  ApiSession parent(*client_, "parent", "demo");
  auto pv = parent.Get("/api/v1/me").Json();
  EXPECT_EQ(actions(pv.at("capabilities").as_array().at(0)), "viewSchoolCalendar ");

  // The login answers with the same user, capabilities included.
  auto login = client_->Send("POST", "/api/v1/auth/login", LoginBody("admin", "demo"));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json().at("user").at("capabilities"), av.at("capabilities"));
}

TEST_P(AuthApiTest, WithoutASessionEverythingButLoginIsRefused) {
  for (const char* target : {"/api/v1/me", "/api/v1/users", "/api/v1/users/1"}) {
    auto r = client_->Send("GET", target);
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(r.ErrorCode(), "auth.unauthenticated") << target;
  }
  auto forged = client_->Send("GET", "/api/v1/me", "", {{"Cookie", "ej_session=forged-token"}});
  EXPECT_EQ(forged.status, 401);
}

TEST_P(AuthApiTest, MutatingRequestsNeedTheCsrfToken) {
  ApiSession s(*client_, "teacher", "demo");
  auto none = s.PostWithCsrf("/api/v1/auth/logout", "", std::nullopt);
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.ErrorCode(), "auth.csrf_invalid");
  std::string altered = s.csrf();
  altered[0] = altered[0] == 'x' ? 'y' : 'x';  // differs in exactly one character
  auto wrong = s.PostWithCsrf("/api/v1/auth/logout", "", altered);
  EXPECT_EQ(wrong.status, 403);
  // Another user's token does not fit this session either.
  ApiSession other(*client_, "student", "demo");
  EXPECT_EQ(s.PostWithCsrf("/api/v1/auth/logout", "", other.csrf()).status, 403);
  EXPECT_EQ(s.Get("/api/v1/me").status, 200) << "the session survived the refused requests";
}

TEST_P(AuthApiTest, LogoutEndsTheSessionAndClearsTheCookie) {
  ApiSession s(*client_, "teacher", "demo");
  auto out = s.Post("/api/v1/auth/logout", "");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  auto me = s.Get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.ErrorCode(), "auth.unauthenticated");
}

TEST_P(AuthApiTest, WrongPasswordsThenLockout) {
  for (int i = 0; i < 5; ++i) {
    auto r = client_->Send("POST", "/api/v1/auth/login", LoginBody("secretary", "wrong"));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.ErrorCode(), "auth.invalid_credentials");
    EXPECT_EQ(r.Header("set-cookie"), "");
  }
  auto blocked = client_->Send("POST", "/api/v1/auth/login", LoginBody("secretary", "demo"));
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.ErrorCode(), "auth.too_many_attempts");
  EXPECT_FALSE(blocked.Header("retry-after").empty());
  // Other accounts are not affected.
  EXPECT_TRUE(ApiSession(*client_, "deputy", "demo").ok());
}

TEST_P(AuthApiTest, IdleSessionsExpire) {
  HttpClient client = ShortSessions();
  ApiSession s(client, "student", "demo");
  EXPECT_EQ(s.Get("/api/v1/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(4200));
  auto me = s.Get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.ErrorCode(), "auth.session_expired");
}

TEST_P(AuthApiTest, PasswordChange) {
  ApiSession s(*client_, "director", "demo");
  auto weak = s.Post("/api/v1/me/password", R"({"currentPassword":"demo","newPassword":"123"})");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.ErrorCode(), "auth.weak_password");
  auto wrong = s.Post("/api/v1/me/password", R"({"currentPassword":"nope","newPassword":"новый пароль 2026"})");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.ErrorCode(), "auth.wrong_password");
  auto ok = s.Post("/api/v1/me/password", R"({"currentPassword":"demo","newPassword":"новый пароль 2026"})");
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(s.Get("/api/v1/me").status, 200) << "the current session stays";
  EXPECT_FALSE(ApiSession(*client_, "director", "demo").ok());
  EXPECT_TRUE(ApiSession(*client_, "director", "новый пароль 2026").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
