// Credentials on paper over HTTP, on both backends: who may issue codes for
// whom, activation with a one-time code, and the activated share.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class CredentialsApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("credentials", 2);
    if (HasFatalFailure()) return;
    auto db = server_->OpenDatabase();
    class_7b_ =
        db->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{As("student").user_id()}})->Int(0);
    school_ = db->QueryOne("SELECT school_id FROM classes WHERE id = $1", {Value{class_7b_}})->Int(0);
    other_class_ = db->QueryOne("SELECT id FROM classes WHERE school_id = $1 AND id <> $2 ORDER BY id LIMIT 1",
                                {Value{school_}, Value{class_7b_}})
                       ->Int(0);
  }
  HttpResponse Issue(const std::string& who, const json::object& body) {
    return As(who).Post("/api/v1/credentials", json::serialize(body));
  }
  HttpResponse Activate(const std::string& login, const std::string& code, const std::string& password) {
    return client_->Send("POST", "/api/v1/auth/activate",
                         json::serialize(json::object{{"login", login}, {"code", code}, {"newPassword", password}}),
                         {});
  }

  int64_t class_7b_ = 0, school_ = 0, other_class_ = 0;
};

TEST_P(CredentialsApiTest, TheClassTeacherIssuesCodesForTheClassAndTheyWorkOnce) {
  // Only the class teacher of 7Б and the administrator.
  for (const char* who : {"teacher", "deputy", "director", "secretary", "student", "parent"}) {
    const int status = Issue(who, {{"classId", class_7b_}, {"who", "students"}}).status;
    EXPECT_TRUE(status == 403 || status == 404) << who << " " << status;
  }
  EXPECT_EQ(Issue("classteacher", {{"classId", other_class_}}).status, 403);
  // Students and parents who haven't signed in yet: the demo student and parent have.
  auto r = Issue("classteacher", {{"classId", class_7b_}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value v = r.Json();
  const auto& items = v.at("items").as_array();
  ASSERT_GT(items.size(), 20u);
  for (const auto& i : items) {
    EXPECT_NE(i.at("userId").as_int64(), As("student").user_id());
    EXPECT_NE(i.at("userId").as_int64(), As("parent").user_id());
    EXPECT_EQ(i.at("code").as_string().size(), 9u);
    EXPECT_FALSE(i.at("login").as_string().empty());
  }
  const std::string login(items[0].at("login").as_string());
  const std::string code(items[0].at("code").as_string());
  // A wrong code, a weak password: refused, the code still unused.
  EXPECT_EQ(Activate(login, "AAAA-AAAA", "new-password-1").ErrorCode(), "auth.invalid_activation_code");
  EXPECT_EQ(Activate(login, code, "short").ErrorCode(), "auth.weak_password");
  // Typed in lower case without the dash: accepted, a session opens.
  std::string typed;
  for (char c : code) {
    if (c != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  auto activated = Activate(login, typed, "new-password-1");
  ASSERT_EQ(activated.status, 200) << activated.body;
  EXPECT_FALSE(activated.Header("set-cookie").empty());
  EXPECT_FALSE(activated.Json().at("csrfToken").as_string().empty());
  // Once only; the new password works.
  EXPECT_EQ(Activate(login, code, "new-password-2").ErrorCode(), "auth.invalid_activation_code");
  ApiSession session(*client_, login, "new-password-1");
  EXPECT_TRUE(session.ok());
  // A newer code revokes the older one.
  auto first = Issue("admin", {{"userIds", json::array{items[1].at("userId")}}});
  auto second = Issue("admin", {{"userIds", json::array{items[1].at("userId")}}});
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string login2(items[1].at("login").as_string());
  EXPECT_EQ(Activate(login2, std::string(first.Json().at("items").as_array()[0].at("code").as_string()), "pass-word-33")
                .ErrorCode(),
            "auth.invalid_activation_code");
  EXPECT_EQ(
      Activate(login2, std::string(second.Json().at("items").as_array()[0].at("code").as_string()), "pass-word-33")
          .status,
      200);
  // Printed slips: a PDF to download, the codes in it.
  auto pdf = Issue("classteacher", {{"userIds", json::array{items[2].at("userId")}}, {"format", "pdf"}});
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.Header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(Issue("classteacher", {{"classId", class_7b_}, {"format", "docx"}}).status, 400);
  // The codes are kept only as hashes.
  auto db = server_->OpenDatabase();
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM activation_codes WHERE code_hash LIKE '%-%' OR LENGTH(code_hash) <> 64")
                ->Int(0),
            0);
}

TEST_P(CredentialsApiTest, StaffCodesByTheAdministratorAndRightsAcrossSchools) {
  auto db = server_->OpenDatabase();
  const int64_t teacher = As("teacher").user_id();
  const int64_t foreign =
      db->QueryOne("SELECT user_id FROM user_roles WHERE school_id <> $1 AND role = 'teacher' LIMIT 1",
                   {Value{school_}})
          ->Int(0);
  EXPECT_EQ(Issue("classteacher", {{"userIds", json::array{teacher}}}).status, 403);
  EXPECT_EQ(Issue("admin", {{"userIds", json::array{foreign}}}).status, 403);
  EXPECT_EQ(Issue("admin", {{"userIds", json::array{teacher}}, {"classId", class_7b_}}).status, 400);
  EXPECT_EQ(Issue("admin", {{"classId", class_7b_}, {"who", "cats"}}).status, 400);
  auto r = Issue("admin", {{"userIds", json::array{teacher}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("items").as_array()[0].at("role").as_string(), "учитель математики");
  // A person without a login gets one from their name.
  const int64_t no_login = db->QueryOne(
                                 "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.school_id = "
                                 "$1 AND r.role = 'parent'"
                                 " ORDER BY u.id DESC LIMIT 1",
                                 {Value{school_}})
                               ->Int(0);
  db->Execute("UPDATE users SET login = NULL WHERE id = $1", {Value{no_login}});
  auto issued = Issue("admin", {{"userIds", json::array{no_login}}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string login(issued.Json().at("items").as_array()[0].at("login").as_string());
  EXPECT_EQ(db->QueryOne("SELECT login FROM users WHERE id = $1", {Value{no_login}})->Text(0), login);
}

TEST_P(CredentialsApiTest, TheActivatedShareForTheSchoolAndTheClass) {
  // The administration sees the school; the class teacher only their class.
  EXPECT_EQ(As("classteacher").Get("/api/v1/credentials/status").status, 403);
  EXPECT_EQ(As("teacher").Get("/api/v1/credentials/status?classId=" + std::to_string(class_7b_)).status, 403);
  auto school = As("director").Get("/api/v1/credentials/status");
  ASSERT_EQ(school.status, 200) << school.body;
  const json::value s = school.Json();
  EXPECT_EQ(s.at("students").at("total").as_int64(), 800);
  EXPECT_GE(s.at("students").at("activated").as_int64(), 1);  // the demo student has signed in
  EXPECT_EQ(s.at("classes").as_array().size(), 31u);
  EXPECT_GT(s.at("staff").at("total").as_int64(), 60);
  auto cls = As("classteacher").Get("/api/v1/credentials/status?classId=" + std::to_string(class_7b_));
  ASSERT_EQ(cls.status, 200) << cls.body;
  const json::value c = cls.Json();
  bool student_seen = false;
  for (const auto& p : c.at("people").as_array()) {
    if (p.at("userId").as_int64() == As("student").user_id()) {
      student_seen = true;
      EXPECT_TRUE(p.at("activated").as_bool());
    }
  }
  EXPECT_TRUE(student_seen);
  EXPECT_EQ(c.at("classes").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CredentialsApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
