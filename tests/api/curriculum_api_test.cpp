// Subjects, class curricula with teachers, and teacher load over HTTP, on
// both backends, with the rights of every role and another school's people.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

constexpr const auto& kRoles = kDemoLogins;

class CurriculumApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("curriculum", 2);
    if (HasFatalFailure()) return;
    auto db = server_->OpenDatabase();
    class_7b_ =
        db->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{As("student").user_id()}})->Int(0);
    school_ = db->QueryOne("SELECT school_id FROM classes WHERE id = $1", {Value{class_7b_}})->Int(0);
    other_teacher_ = db->QueryOne(
                           "SELECT user_id FROM user_roles WHERE school_id <> $1 AND role = 'teacher'"
                           " ORDER BY user_id LIMIT 1",
                           {Value{school_}})
                         ->Int(0);
    other_subject_ =
        db->QueryOne("SELECT id FROM subjects WHERE school_id <> $1 ORDER BY id LIMIT 1", {Value{school_}})->Int(0);
  }
  std::string Url() { return "/api/v1/classes/" + std::to_string(class_7b_) + "/curriculum"; }
  // The current curriculum as PUT takes it.
  std::string Body(const json::value& curriculum) {
    json::array items;
    for (const auto& l : curriculum.at("items").as_array()) {
      json::array teachers;
      for (const auto& t : l.at("teachers").as_array()) teachers.push_back(t.at("id"));
      items.push_back(json::object{{"subjectId", l.at("subject").at("id")},
                                   {"hoursPerWeek", l.at("hoursPerWeek")},
                                   {"teacherIds", std::move(teachers)}});
    }
    return json::serialize(json::object{{"items", std::move(items)}});
  }

  int64_t class_7b_ = 0, school_ = 0, other_teacher_ = 0, other_subject_ = 0;
};

TEST_P(CurriculumApiTest, TheClassCurriculumWithItsTeachers) {
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 200, 200, 200, 200, 200};
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    EXPECT_EQ(As(kRoles[i]).Get(Url()).status, expected[i]) << kRoles[i];
  }
  auto v = As("classteacher").Get(Url()).Json();
  bool algebra = false;
  for (const auto& l : v.at("items").as_array()) {
    if (l.at("subject").at("name").as_string() == "Алгебра") {
      algebra = true;
      EXPECT_EQ(l.at("hoursPerWeek").as_double(), 3.0);
      EXPECT_EQ(l.at("teachers").as_array().at(0).at("id").as_int64(), As("teacher").user_id());
    }
  }
  EXPECT_TRUE(algebra);
  EXPECT_GT(v.at("hoursPerWeek").as_double(), 25.0);
  EXPECT_EQ(As("admin").Get("/api/v1/subjects").Json().at("items").as_array().size(), 22u);
}

TEST_P(CurriculumApiTest, OnlyTheAdministrationSetsItAndBadPlansChangeNothing) {
  auto before = As("deputy").Get(Url()).Json();
  const std::string body = Body(before);
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 403, 403, 403, 403, 403};  // 7Б is the student's and parent's own class
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    auto r = As(kRoles[i]).Put(Url(), body);
    EXPECT_EQ(r.status, expected[i]) << kRoles[i] << ": " << r.body;
  }
  json::value plan = json::parse(body);
  static const struct {
    const char* what;
    int status;
    const char* code;
    const char* fragment;
  } kCases[] = {
      {"a teacher of another school", 400, "curriculum.invalid", "не учитель этой школы"},
      {"a subject of another school", 400, "curriculum.invalid", "не относится к этой школе"},
      {"a student as the teacher", 400, "curriculum.invalid", "не учитель этой школы"},
      {"a third of an hour", 400, "request.invalid_value", "hoursPerWeek"},
      {"no hours", 400, "curriculum.invalid", "от 0.5"},
      {"too many hours", 400, "curriculum.invalid", "больше допустимых"},
      {"a string id", 400, "request.wrong_type", "subjectId"},
  };
  std::vector<json::value> plans(std::size(kCases), plan);
  plans[0].at("items").as_array()[0].as_object()["teacherIds"] = json::array{other_teacher_};
  plans[1].at("items").as_array()[0].as_object()["subjectId"] = other_subject_;
  plans[2].at("items").as_array()[0].as_object()["teacherIds"] = json::array{As("student").user_id()};
  plans[3].at("items").as_array()[0].as_object()["hoursPerWeek"] = 1.3;
  plans[4].at("items").as_array()[0].as_object()["hoursPerWeek"] = 0;
  plans[5].at("items").as_array()[0].as_object()["hoursPerWeek"] = 39.5;
  plans[6].at("items").as_array()[0].as_object()["subjectId"] = "1";
  for (size_t i = 0; i < std::size(kCases); ++i) {
    auto r = As("admin").Put(Url(), json::serialize(plans[i]));
    EXPECT_EQ(r.status, kCases[i].status) << kCases[i].what << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), kCases[i].code) << kCases[i].what;
    EXPECT_NE(r.body.find(kCases[i].fragment), std::string::npos) << kCases[i].what << ": " << r.body;
  }
  EXPECT_EQ(json::serialize(As("admin").Get(Url()).Json()), json::serialize(before));
}

TEST_P(CurriculumApiTest, TeacherLoad) {
  const std::string own = "/api/v1/teachers/" + std::to_string(As("teacher").user_id()) + "/load";
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 200, 404, 404, 404, 404};
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    EXPECT_EQ(As(kRoles[i]).Get(own).status, expected[i]) << kRoles[i];
  }
  auto load = As("teacher").Get(own).Json();
  double sum = 0;
  bool seven_b = false;
  for (const auto& l : load.at("items").as_array()) {
    sum += l.at("hoursPerWeek").as_double();
    seven_b = seven_b || (l.at("className").is_string() && l.at("className").as_string() == "7Б");
  }
  EXPECT_TRUE(seven_b);
  EXPECT_DOUBLE_EQ(load.at("hoursPerWeek").as_double(), sum);
  EXPECT_GT(sum, 10.0);
  // An elective of the teacher's adds its hours; a subgroup of a subject the
  // class's curriculum already gives the teacher adds none.
  const json::value first = load.at("items").as_array().at(0);
  const std::string elective = "Факультатив " + GetParam();
  ASSERT_EQ(As("deputy")
                .Post("/api/v1/groups", json::serialize(json::object{{"kind", "learning"},
                                                                     {"name", elective},
                                                                     {"teacherId", As("teacher").user_id()},
                                                                     {"subjectId", first.at("subject").at("id")},
                                                                     {"hoursPerWeek", 1.5}}))
                .status,
            201);
  ASSERT_EQ(As("deputy")
                .Post("/api/v1/groups", json::serialize(json::object{{"kind", "subgroup"},
                                                                     {"name", "Подгруппа " + GetParam()},
                                                                     {"teacherId", As("teacher").user_id()},
                                                                     {"classId", first.at("classId")},
                                                                     {"subjectId", first.at("subject").at("id")},
                                                                     {"hoursPerWeek", 2}}))
                .status,
            201);
  const json::value after = As("teacher").Get(own).Json();
  EXPECT_DOUBLE_EQ(after.at("hoursPerWeek").as_double(), sum + 1.5);
  bool listed = false;
  for (const auto& l : after.at("items").as_array()) {
    if (l.at("groupName").is_string() && l.at("groupName").as_string() == elective) {
      listed = true;
      EXPECT_TRUE(l.at("classId").is_null());
      EXPECT_DOUBLE_EQ(l.at("hoursPerWeek").as_double(), 1.5);
    }
  }
  EXPECT_TRUE(listed);
  // A teacher of another school, or a student, has no load here.
  EXPECT_EQ(As("admin").Get("/api/v1/teachers/" + std::to_string(other_teacher_) + "/load").status, 404);
  EXPECT_EQ(As("admin").Get("/api/v1/teachers/" + std::to_string(As("student").user_id()) + "/load").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CurriculumApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
