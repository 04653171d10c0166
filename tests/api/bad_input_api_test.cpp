// Bad input of every kind: a clear 4xx with a code, nothing written, and the
// server keeps serving. Both backends.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {
namespace {

class BadInputApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() { ReleaseSharedServers(); }
  void SetUp() override {
    TestServer::Options o;
    o.backend = GetParam();
    o.extra_args = {"--no-access-log"};
    server_ = &SharedServer("bad-input/" + GetParam(), o);
    client_ = std::make_unique<HttpClient>(server_->port());
    admin_ = std::make_unique<ApiSession>(*client_, "admin", "demo");
    ASSERT_TRUE(admin_->ok());
  }

  // Counts that must not change when a request is refused.
  std::string Snapshot() {
    auto db = server_->OpenDatabase();
    std::string out;
    for (const char* t : {"users", "user_roles", "schools"}) {
      out += std::to_string(db->QueryOne(std::string("SELECT COUNT(*) FROM ") + t)->Int(0)) + " ";
    }
    out += std::to_string(db->QueryOne("SELECT COALESCE(MAX(password_changed_at), 0) FROM users")->Int(0));
    return out;
  }

  void ExpectAlive() {
    auto r = client_->Send("GET", "/healthz");
    EXPECT_EQ(r.status, 200) << "the server stopped answering";
  }

  TestServer* server_ = nullptr;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<ApiSession> admin_;
};

const std::string kValidUser =
    R"({"login":"valid.user","password":"long password","lastName":"Петров","firstName":"Пётр","roles":["teacher"]})";

TEST_P(BadInputApiTest, MalformedBodies) {
  const std::string before = Snapshot();
  static const struct {
    const char* what;
    std::string body;
    std::string content_type;
    int status;
    const char* code;
  } kCases[] = {
      {"truncated JSON", R"({"login":"a",)", "application/json", 400, "request.malformed_json"},
      {"not JSON", "login=admin&password=demo", "application/json", 400, "request.malformed_json"},
      {"form encoding", "login=admin&password=demo", "application/x-www-form-urlencoded", 415,
       "request.unsupported_media_type"},
      {"an array", "[]", "application/json", 400, "request.wrong_type"},
      {"a number for a string", R"({"login":1,"password":"x"})", "application/json", 400, "request.wrong_type"},
      {"an object for a string", R"({"login":{"$ne":""},"password":"x"})", "application/json", 400,
       "request.wrong_type"},
      {"unknown field", R"({"login":"admin","password":"demo","role":"administrator"})", "application/json", 400,
       "request.unknown_field"},
      {"missing field", R"({"login":"admin"})", "application/json", 400, "request.missing_field"},
      {"empty field", R"({"login":"","password":"x"})", "application/json", 400, "request.missing_field"},
      {"invalid UTF-8", "{\"login\":\"adm\xC3\x28in\",\"password\":\"x\"}", "application/json", 400,
       "request.invalid_utf8"},
      {"invalid UTF-8 escaped", R"({"login":"\udc00","password":"x"})", "application/json", 400,
       "request.malformed_json"},
      {"NUL in a string", R"({"login":"adm\u0000in","password":"x"})", "application/json", 400,
       "request.invalid_value"},
      {"deep nesting", std::string(200, '[') + std::string(200, ']'), "application/json", 400,
       "request.malformed_json"},
  };
  for (const auto& c : kCases) {
    auto r = client_->Send("POST", "/api/v1/auth/login", c.body, {{"Content-Type", c.content_type}});
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), c.code) << c.what;
    auto v = r.Json();
    EXPECT_FALSE(v.at("error").at("message").as_string().empty()) << c.what;
  }
  EXPECT_EQ(Snapshot(), before);
  ExpectAlive();
}

TEST_P(BadInputApiTest, SqlMetacharactersAndBadUtf8InEveryTextField) {
  const std::string before = Snapshot();
  const char* fields[] = {"login", "password", "lastName", "firstName", "middleName", "email", "position"};
  const std::string evil[] = {"x'); DROP TABLE users; --", "\" OR 1=1 --", "'; DELETE FROM sessions; --"};
  for (const char* field : fields) {
    for (const auto& payload : evil) {
      boost::json::object body = boost::json::parse(kValidUser).as_object();
      body[field] = payload;
      auto r = admin_->Post("/api/v1/users", boost::json::serialize(body));
      // Names and passwords may hold such text (stored as data); logins and
      // e-mails may not. Either way nothing may break.
      if (std::string(field) == "login" || std::string(field) == "email") {
        EXPECT_EQ(r.status, 400) << field << " " << payload << ": " << r.body;
      } else if (r.status == 201) {
        auto v = r.Json();
        if (std::string(field) == "lastName") {
          EXPECT_EQ(v.at("lastName").as_string(), payload);
        }
        const int64_t id = v.at("id").as_int64();
        auto db = server_->OpenDatabase();
        db->Query("DELETE FROM auth_events WHERE user_id = $1", {storage::Value{id}});
        db->Query("DELETE FROM user_roles WHERE user_id = $1", {storage::Value{id}});
        db->Query("DELETE FROM users WHERE id = $1", {storage::Value{id}});
      } else {
        EXPECT_EQ(r.status, 400) << field << " " << payload << ": " << r.body;
      }
    }
    // Invalid UTF-8 as raw bytes in the same field.
    std::string raw = kValidUser;
    std::string key = std::string("\"") + field + "\":";
    size_t at = raw.find(key);
    std::string bad = key + "\"\xFF\xFE\"";
    if (at == std::string::npos) {
      raw.insert(1, bad + ",");
    } else {
      size_t end = raw.find('"', at + key.size() + 1);
      raw.replace(at, end + 1 - at, bad);
    }
    auto r = admin_->Post("/api/v1/users", raw);
    EXPECT_EQ(r.status, 400) << field;
    EXPECT_EQ(r.ErrorCode(), "request.invalid_utf8") << field;
  }
  EXPECT_EQ(Snapshot(), before);
  auto db = server_->OpenDatabase();
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0) > 0, true) << "sessions survived";
  ExpectAlive();
}

TEST_P(BadInputApiTest, OversizedBodiesAreRefusedBeforeReading) {
  const std::string before = Snapshot();
  std::string big(2 * 1024 * 1024, 'a');
  auto r = client_->Send("POST", "/api/v1/auth/login", R"({"login":")" + big + R"(","password":"x"})");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "request.body_too_large");
  // A long field within the body limit is refused by the field's own limit.
  auto long_name =
      admin_->Post("/api/v1/users", R"({"login":"long.name","password":"long password","lastName":")" +
                                        std::string(5000, 'x') + R"(","firstName":"Б","roles":["teacher"]})");
  EXPECT_EQ(long_name.status, 400);
  EXPECT_EQ(long_name.ErrorCode(), "request.invalid_value");
  EXPECT_EQ(Snapshot(), before);
  ExpectAlive();
}

TEST_P(BadInputApiTest, WrongTypesAndValuesInAccountCreation) {
  const std::string before = Snapshot();
  static const struct {
    const char* body;
    const char* code;
  } kCases[] = {
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б","roles":"teacher"})",
       "request.wrong_type"},
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б","roles":[1]})",
       "request.wrong_type"},
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б","roles":["root"]})",
       "request.invalid_value"},
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б"})", "request.missing_field"},
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б","roles":["teacher"],"schoolId":"1"})",
       "request.wrong_type"},
      {R"({"login":"a.b","password":"long password","lastName":"А","firstName":"Б","roles":["teacher"],"schoolId":1.5})",
       "request.wrong_type"},
      {R"({"login":"a.b","password":"long password","lastName":" А","firstName":"Б","roles":["teacher"]})",
       "request.invalid_value"},
      {R"({"login":"a.b","password":"long password","lastName":"А\u0007","firstName":"Б","roles":["teacher"]})",
       "request.invalid_value"},
      {R"({"login":"a.b","password":"short","lastName":"А","firstName":"Б","roles":["teacher"]})",
       "auth.weak_password"},
      {R"({"login":"admin","password":"long password","lastName":"А","firstName":"Б","roles":["teacher"]})",
       "user.login_taken"},
  };
  for (const auto& c : kCases) {
    auto r = admin_->Post("/api/v1/users", c.body);
    EXPECT_EQ(r.ErrorCode(), c.code) << c.body << " -> " << r.body;
    EXPECT_GE(r.status, 400);
    EXPECT_LT(r.status, 500);
  }
  for (const char* target :
       {"/api/v1/users/abc", "/api/v1/users/-1", "/api/v1/users/0", "/api/v1/users/1%27%20OR%201=1",
        "/api/v1/users?limit=100000", "/api/v1/users?role=root"}) {
    auto r = admin_->Get(target);
    EXPECT_EQ(r.status, 400) << target << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), "request.invalid_value") << target;
  }
  EXPECT_EQ(Snapshot(), before);
  ExpectAlive();
}

TEST_P(BadInputApiTest, UnknownPathsAndMethods) {
  auto r = client_->Send("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "request.not_found");
  auto m = client_->Send("DELETE", "/api/v1/me");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.ErrorCode(), "request.method_not_allowed");
  auto get_login = client_->Send("GET", "/api/v1/auth/login");
  EXPECT_EQ(get_login.status, 405);
  ExpectAlive();
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInputApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
