// Every demo role against every endpoint, on its own data, on someone
// else's data and on another school's data. Two schools, both backends.
#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <map>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {
namespace {

using storage::Value;

constexpr const char* kRoles[] = {"admin",        "director", "deputy", "teacher",
                                  "classteacher", "student",  "parent", "secretary"};

class RightsApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() { fixtures_.clear(); }

  struct Fixture {
    std::unique_ptr<TestServer> server;
    std::unique_ptr<HttpClient> client;
    std::map<std::string, std::unique_ptr<ApiSession>> sessions;
    int64_t school = 0, other_school = 0;
    int64_t student = 0, classmate = 0, other_class_student = 0, other_school_student = 0;
    int64_t parent = 0, other_parent = 0, colleague = 0, other_school_teacher = 0;
  };

  void SetUp() override {
    auto& f = fixtures_[GetParam()];
    if (!f) {
      f = std::make_unique<Fixture>();
      TestServer::Options o;
      o.backend = GetParam();
      o.demo_schools = 2;
      f->server = std::make_unique<TestServer>(o);
      f->client = std::make_unique<HttpClient>(f->server->port());
      for (const char* login : kRoles) {
        f->sessions[login] = std::make_unique<ApiSession>(*f->client, login, "demo");
        ASSERT_TRUE(f->sessions[login]->ok()) << login;
      }
      auto db = f->server->OpenDatabase();
      auto id = [&](const std::string& sql, std::initializer_list<Value> p = {}) {
        auto row = db->QueryOne(sql, p);
        EXPECT_TRUE(row.has_value()) << sql;
        return row ? row->Int(0) : 0;
      };
      f->student = f->sessions["student"]->user_id();
      f->parent = f->sessions["parent"]->user_id();
      f->school = id("SELECT school_id FROM user_roles WHERE user_id = $1", {Value{f->student}});
      f->other_school = id("SELECT id FROM schools WHERE id <> $1 LIMIT 1", {Value{f->school}});
      const int64_t cls = id("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{f->student}});
      f->classmate =
          id("SELECT student_id FROM enrolments WHERE class_id = $1 AND student_id <> $2"
             " AND student_id NOT IN (SELECT student_id FROM guardians WHERE parent_id = $3) LIMIT 1",
             {Value{cls}, Value{f->student}, Value{f->parent}});
      f->other_class_student =
          id("SELECT student_id FROM enrolments WHERE class_id <> $1 AND school_id = $2 ORDER BY student_id LIMIT 1",
             {Value{cls}, Value{f->school}});
      f->other_school_student =
          id("SELECT student_id FROM enrolments WHERE school_id = $1 LIMIT 1", {Value{f->other_school}});
      f->other_parent = id("SELECT parent_id FROM guardians WHERE student_id = $1 LIMIT 1", {Value{f->classmate}});
      f->colleague = f->sessions["teacher"]->user_id();
      f->other_school_teacher = id("SELECT user_id FROM user_roles WHERE school_id = $1 AND role = 'teacher' LIMIT 1",
                                   {Value{f->other_school}});
    }
    f_ = f.get();
  }

  static inline std::map<std::string, std::unique_ptr<Fixture>> fixtures_;
  Fixture* f_ = nullptr;
};

// Expected status per role, in the order of kRoles.
using Row = std::array<int, 8>;

void ExpectEach(const std::string& what, const Row& expected, const std::function<HttpResponse(ApiSession&)>& call,
                std::map<std::string, std::unique_ptr<ApiSession>>& sessions) {
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    HttpResponse r = call(*sessions[kRoles[i]]);
    EXPECT_EQ(r.status, expected[i]) << kRoles[i] << " " << what << ": " << r.body;
  }
}

std::string U(int64_t id) { return "/api/v1/users/" + std::to_string(id); }

TEST_P(RightsApiTest, ReadingPeople) {
  auto& s = f_->sessions;
  //                                admin dir  dep  tchr ctchr stud par  secr
  ExpectEach(
      "GET me", {200, 200, 200, 200, 200, 200, 200, 200}, [&](ApiSession& a) { return a.Get("/api/v1/me"); }, s);
  ExpectEach(
      "change own password with a wrong current one", {403, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) {
        return a.Post("/api/v1/me/password", R"({"currentPassword":"not it","newPassword":"whatever 123"})");
      },
      s);
  ExpectEach(
      "GET student", {200, 200, 200, 200, 200, 200, 200, 200}, [&](ApiSession& a) { return a.Get(U(f_->student)); }, s);
  ExpectEach(
      "GET classmate", {200, 200, 200, 200, 200, 404, 404, 200}, [&](ApiSession& a) { return a.Get(U(f_->classmate)); },
      s);
  ExpectEach(
      "GET student of another class", {200, 200, 200, 404, 404, 404, 404, 200},
      [&](ApiSession& a) { return a.Get(U(f_->other_class_student)); }, s);
  ExpectEach(
      "GET student of another school", {404, 404, 404, 404, 404, 404, 404, 404},
      [&](ApiSession& a) { return a.Get(U(f_->other_school_student)); }, s);
  ExpectEach(
      "GET own parent", {200, 200, 200, 404, 200, 404, 200, 200}, [&](ApiSession& a) { return a.Get(U(f_->parent)); },
      s);
  ExpectEach(
      "GET another parent", {200, 200, 200, 404, 200, 404, 404, 200},
      [&](ApiSession& a) { return a.Get(U(f_->other_parent)); }, s);
  ExpectEach(
      "GET colleague", {200, 200, 200, 200, 200, 404, 404, 200}, [&](ApiSession& a) { return a.Get(U(f_->colleague)); },
      s);
  ExpectEach(
      "GET teacher of another school", {404, 404, 404, 404, 404, 404, 404, 404},
      [&](ApiSession& a) { return a.Get(U(f_->other_school_teacher)); }, s);
  ExpectEach(
      "GET a missing id", {404, 404, 404, 404, 404, 404, 404, 404}, [&](ApiSession& a) { return a.Get(U(999999999)); },
      s);
  ExpectEach(
      "list own school", {200, 200, 200, 403, 403, 403, 403, 200},
      [&](ApiSession& a) { return a.Get("/api/v1/users?role=teacher&schoolId=" + std::to_string(f_->school)); }, s);
  ExpectEach(
      "list another school", {403, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) { return a.Get("/api/v1/users?schoolId=" + std::to_string(f_->other_school)); }, s);
}

TEST_P(RightsApiTest, ContactsAreShownOnlyToThoseWhoKeepThem) {
  auto by_class_teacher = f_->sessions["classteacher"]->Get(U(f_->parent)).Json();
  EXPECT_TRUE(by_class_teacher.as_object().contains("email"));
  auto by_teacher = f_->sessions["teacher"]->Get(U(f_->student)).Json();
  EXPECT_FALSE(by_teacher.as_object().contains("email"));
  EXPECT_FALSE(by_teacher.as_object().contains("login"));
}

TEST_P(RightsApiTest, ManagingAccounts) {
  auto& s = f_->sessions;
  int n = 0;
  ExpectEach(
      "create a teacher", {201, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) {
        return a.Post("/api/v1/users", R"({"login":"new.t)" + std::to_string(++n) +
                                           R"(","password":"long password","lastName":"Новая",)"
                                           R"("firstName":"Учительница","roles":["teacher"]})");
      },
      s);
  ExpectEach(
      "create in another school", {403, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) {
        return a.Post("/api/v1/users",
                      R"({"schoolId":)" + std::to_string(f_->other_school) + R"(,"login":"x.y)" + std::to_string(++n) +
                          R"(","password":"long password","lastName":"А","firstName":"Б","roles":["teacher"]})");
      },
      s);
  ExpectEach(
      "lock a classmate", {204, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) { return a.Post(U(f_->classmate) + "/lock", "{}"); }, s);
  ExpectEach(
      "unlock a classmate", {204, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) { return a.Post(U(f_->classmate) + "/unlock", "{}"); }, s);
  ExpectEach(
      "lock a teacher of another school", {403, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) { return a.Post(U(f_->other_school_teacher) + "/lock", "{}"); }, s);
  ExpectEach(
      "reset a password", {204, 403, 403, 403, 403, 403, 403, 403},
      [&](ApiSession& a) { return a.Post(U(f_->classmate) + "/password", R"({"newPassword":"reset password 1"})"); },
      s);
  // The other school's teacher was never locked.
  auto db = f_->server->OpenDatabase();
  EXPECT_EQ(db->QueryOne("SELECT locked FROM users WHERE id = $1", {Value{f_->other_school_teacher}})->Int(0), 0);
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM users WHERE login LIKE 'x.y%'")->Int(0), 0);
}

TEST_P(RightsApiTest, StudentsAndParentsWriteNothing) {
  for (const char* login : {"student", "parent"}) {
    auto& a = *f_->sessions[login];
    EXPECT_EQ(
        a.Post(
             "/api/v1/users",
             R"({"login":"hack","password":"long password","lastName":"А","firstName":"Б","roles":["administrator"]})")
            .status,
        403);
    EXPECT_EQ(a.Post(U(a.user_id()) + "/unlock", "{}").status, 403);
    EXPECT_EQ(a.Post(U(f_->student) + "/password", R"({"newPassword":"taken over 123"})").status, 403);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RightsApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
