// Marks over HTTP on both backends: who may write, the scale, the student on
// the lesson's day, held lessons only, deadlines, corrections with a reason and
// a version, idempotent retries, and the history with `ejournal verify`.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class MarksApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("marks", 2);  // a second school: its work types are not ours
    if (HasFatalFailure()) return;
    db_ = server_->OpenDatabase();
    school_ =
        db_->QueryOne("SELECT school_id FROM user_roles WHERE user_id = $1", {Value{As("teacher").user_id()}})->Int(0);
    class_ = db_->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{As("student").user_id()}})
                 ->Int(0);
  }
  int64_t WorkType(const std::string& code) {
    return db_->QueryOne("SELECT id FROM work_types WHERE school_id = $1 AND code = $2", {Value{school_}, Value{code}})
        ->Int(0);
  }
  // A held lesson of the demo teacher in the demo student's class, at most `max_age` days
  // before today and at least `min_age`, skipping `skip` such lessons (each test its own).
  int64_t Lesson(int min_age, int max_age, int skip = 0) {
    auto r = db_->QueryOne(
        "SELECT id FROM lessons WHERE teacher_id = $1 AND class_id = $2 AND status = 'planned' AND retired_at IS NULL"
        " AND lesson_date <= $3 AND lesson_date >= $4 AND id NOT IN (SELECT lesson_id FROM marks)"
        " ORDER BY lesson_date DESC, id LIMIT 1 OFFSET $5",
        {Value{As("teacher").user_id()}, Value{class_}, Value{Shift(-min_age)}, Value{Shift(-max_age)},
         Value{static_cast<int64_t>(skip)}});
    EXPECT_TRUE(r.has_value()) << "no lesson " << min_age << ".." << max_age << " days ago";
    return r ? r->Int(0) : 0;
  }
  std::string Shift(int days) {
    return db_->backend() == storage::Backend::kSqlite
               ? db_->QueryOne("SELECT date($1, $2)", {Value{Today()}, Value{std::to_string(days) + " days"}})->Text(0)
               : db_->QueryOne("SELECT to_char(($1::date + $2::int), 'YYYY-MM-DD')",
                               {Value{Today()}, Value{static_cast<int64_t>(days)}})
                     ->Text(0);
  }
  std::string Mark(int64_t student, const std::string& value, int64_t type, const std::string& extra = "") {
    return R"({"studentId":)" + std::to_string(student) + R"(,"value":")" + value + R"(","workTypeId":)" +
           std::to_string(type) + extra + "}";
  }
  std::string Url(int64_t lesson) { return "/api/v1/lessons/" + std::to_string(lesson) + "/marks"; }

  std::unique_ptr<storage::Connection> db_;
  int64_t school_ = 0, class_ = 0;
};

TEST_P(MarksApiTest, ATeachersMarkIsCorrectedWithAReasonAndTheHistoryKeepsEveryValue) {
  const int64_t lesson = Lesson(0, 8);
  const int64_t student = As("student").user_id();
  const int64_t essay = WorkType("essay");
  auto created =
      As("teacher").Post(Url(lesson), Mark(student, "5", essay, R"(,"clientId":"c-)" + GetParam() + R"(-1")"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value mark = created.Json();
  EXPECT_EQ(mark.at("value").as_string(), "5");
  EXPECT_EQ(mark.at("weight").as_int64(), 3);
  EXPECT_FALSE(mark.at("late").as_bool());
  const int64_t id = mark.at("id").as_int64();
  // The same write again (a retry after a dropped connection): the same mark, nothing doubled.
  auto again = As("teacher").Post(Url(lesson), Mark(student, "5", essay, R"(,"clientId":"c-)" + GetParam() + R"(-1")"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json().at("id").as_int64(), id);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM marks WHERE lesson_id = $1", {Value{lesson}})->Int(0), 1);
  // Several marks per student per lesson are allowed.
  ASSERT_EQ(As("teacher").Post(Url(lesson), Mark(student, "4", WorkType("oral"))).status, 201);

  const std::string path = "/api/v1/marks/" + std::to_string(id);
  EXPECT_EQ(As("teacher").Patch(path, R"({"value":"4","version":1})").ErrorCode(), "request.missing_field");
  EXPECT_EQ(As("teacher").Patch(path, R"({"value":"7","reason":"ошибка","version":1})").ErrorCode(),
            "mark.invalid_value");
  auto corrected = As("teacher").Patch(path, R"({"value":"4","reason":"Перепутал ученика","version":1})");
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json().at("version").as_int64(), 2);
  // A save from a screen that still shows version 1 is a conflict, with the mark as it is now.
  auto stale = As("teacher").Patch(path, R"({"value":"3","reason":"ещё раз","version":1})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "journal.conflict");
  EXPECT_EQ(stale.Json().at("current").at("value").as_string(), "4");
  auto removed = As("teacher").Post(path + "/remove", R"({"reason":"Работа не сдана","version":2})");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(removed.Json().at("removed").as_bool());

  auto history = As("parent").Get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value h = history.Json();
  const json::array& events = h.at("history").as_array();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].at("action").as_string(), "mark.create");
  EXPECT_EQ(events[1].at("action").as_string(), "mark.correct");
  EXPECT_EQ(events[1].at("before").at("value").as_string(), "5");
  EXPECT_EQ(events[1].at("after").at("value").as_string(), "4");
  EXPECT_EQ(events[1].at("reason").as_string(), "Перепутал ученика");
  EXPECT_EQ(events[2].at("action").as_string(), "mark.remove");
  EXPECT_EQ(events[2].at("reason").as_string(), "Работа не сдана");
  EXPECT_FALSE(events[1].at("by").at("fullName").as_string().empty());
  // The row is still there: nothing is deleted.
  EXPECT_EQ(db_->QueryOne("SELECT value FROM marks WHERE id = $1", {Value{id}})->Text(0), "4");
  // Nobody outside the student's circle reads it.
  EXPECT_EQ(As("student").Get(path + "/history").status, 200);
}

TEST_P(MarksApiTest, OnlyTheTeacherOfTheLessonWritesAndTheSubstituteForIt) {
  // A lesson at an hour the class teacher is free, so that they can stand in.
  auto free = db_->QueryOne(
      "SELECT l.id FROM lessons l WHERE l.teacher_id = $1 AND l.class_id = $2 AND l.status = 'planned'"
      " AND l.lesson_date <= $3 AND l.id NOT IN (SELECT lesson_id FROM marks) AND NOT EXISTS (SELECT 1 FROM lessons x"
      " WHERE x.lesson_date = l.lesson_date AND x.lesson_number = l.lesson_number AND x.retired_at IS NULL"
      " AND x.status IN ('planned', 'substituted') AND (x.teacher_id = $4 OR x.substitute_id = $4))"
      " ORDER BY l.lesson_date DESC LIMIT 1",
      {Value{As("teacher").user_id()}, Value{class_}, Value{Today()}, Value{As("classteacher").user_id()}});
  ASSERT_TRUE(free.has_value());
  const int64_t lesson = free->Int(0);
  const int64_t student = As("student").user_id();
  const std::string body = Mark(student, "4", WorkType("oral"));
  for (const char* who : {"admin", "director", "deputy", "classteacher", "student", "parent", "secretary"}) {
    EXPECT_EQ(As(who).Post(Url(lesson), body).status, 403) << who;
  }
  // The deputy puts the class teacher in for the teacher: the substitute writes, the teacher doesn't.
  auto sub =
      As("deputy").Post("/api/v1/lessons/" + std::to_string(lesson) + "/substitute",
                        R"({"teacherId":)" + std::to_string(As("classteacher").user_id()) + R"(,"reason":"Болезнь"})");
  ASSERT_EQ(sub.status, 200) << sub.body;
  EXPECT_EQ(As("teacher").Post(Url(lesson), body).status, 403);
  auto by_substitute = As("classteacher").Post(Url(lesson), body);
  ASSERT_EQ(by_substitute.status, 201) << by_substitute.body;
  EXPECT_EQ(by_substitute.Json().at("createdBy").as_int64(), As("classteacher").user_id());
}

TEST_P(MarksApiTest, BadMarksAreRefusedAndNothingIsWritten) {
  const int64_t lesson = Lesson(0, 8, 2);
  const int64_t student = As("student").user_id();
  const int64_t oral = WorkType("oral");
  const int64_t events = db_->QueryOne("SELECT COUNT(*) FROM journal_events")->Int(0);
  const int64_t other_student =
      db_->QueryOne("SELECT student_id FROM enrolments WHERE class_id <> $1 LIMIT 1", {Value{class_}})->Int(0);
  auto future_lesson =
      db_->QueryOne("SELECT id FROM lessons WHERE teacher_id = $1 AND class_id = $2 AND lesson_date > $3 LIMIT 1",
                    {Value{As("teacher").user_id()}, Value{class_}, Value{Today()}});
  ASSERT_TRUE(future_lesson.has_value());
  const int64_t future = future_lesson->Int(0);
  auto other_type = db_->QueryOne("SELECT id FROM work_types WHERE school_id <> $1 LIMIT 1", {Value{school_}});
  ASSERT_TRUE(other_type.has_value());
  const int64_t other_school_type = other_type->Int(0);
  const struct {
    std::string url, body, code;
  } kCases[] = {
      {Url(lesson), Mark(student, "6", oral), "mark.invalid_value"},
      {Url(lesson), Mark(student, "зач", oral), "mark.invalid_value"},
      {Url(lesson), Mark(student, "", oral), "request.missing_field"},
      {Url(lesson), Mark(student, "5 ", oral), "mark.invalid_value"},
      {Url(lesson), Mark(other_student, "5", oral), "mark.student_not_in_lesson"},
      {Url(future), Mark(student, "5", oral), "lesson.not_held"},
      {Url(lesson), Mark(student, "5", other_school_type), "request.invalid_value"},
      {Url(lesson), R"({"studentId":)" + std::to_string(student) + R"(,"value":"5"})", "request.missing_field"},
      {Url(lesson), Mark(student, "5", oral, R"(,"clientId":"")"), "request.invalid_value"},
      {Url(999999999), Mark(student, "5", oral), "request.not_found"},
  };
  for (const auto& c : kCases) {
    auto r = As("teacher").Post(c.url, c.body);
    EXPECT_EQ(r.ErrorCode(), c.code) << c.body << " -> " << r.body;
  }
  // A cancelled lesson was not held.
  ASSERT_EQ(
      As("deputy").Post("/api/v1/lessons/" + std::to_string(lesson) + "/cancel", R"({"reason":"Карантин"})").status,
      200);
  EXPECT_EQ(As("teacher").Post(Url(lesson), Mark(student, "5", oral)).ErrorCode(), "lesson.not_held");
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM journal_events")->Int(0), events);
}

TEST_P(MarksApiTest, NoMarksInTheFirstGrade) {
  auto first = db_->QueryOne(
      "SELECT l.id, l.teacher_id, e.student_id FROM lessons l JOIN classes c ON c.id = l.class_id"
      " JOIN enrolments e ON e.class_id = c.id WHERE c.grade = 1 AND l.status = 'planned' AND l.lesson_date <= $1"
      " AND l.school_id = $2 ORDER BY l.lesson_date DESC LIMIT 1",
      {Value{Today()}, Value{school_}});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(db_->QueryOne("SELECT login FROM users WHERE id = $1", {Value{first->Int(1)}})->IsNull(0), false);
  ASSERT_EQ(
      As("admin")
          .Post("/api/v1/users/" + std::to_string(first->Int(1)) + "/password", R"({"newPassword":"first grade 2026"})")
          .status,
      204);
  const std::string teacher_login =
      db_->QueryOne("SELECT login FROM users WHERE id = $1", {Value{first->Int(1)}})->Text(0);
  ApiSession teacher(*client_, teacher_login, "first grade 2026");
  ASSERT_TRUE(teacher.ok()) << teacher.login_response().body;
  EXPECT_EQ(teacher.Post(Url(first->Int(0)), Mark(first->Int(2), "5", WorkType("oral"))).ErrorCode(),
            "mark.not_graded_grade");
}

TEST_P(MarksApiTest, LateMarksAreFlaggedOrRefusedAsTheSchoolDecided) {
  const int64_t old_lesson = Lesson(20, 60);
  const int64_t student = As("student").user_id();
  // By default a late mark is accepted and flagged for the control reports.
  auto flagged = As("teacher").Post(Url(old_lesson), Mark(student, "4", WorkType("essay")));
  ASSERT_EQ(flagged.status, 201) << flagged.body;
  EXPECT_TRUE(flagged.Json().at("late").as_bool());
  // A school that refuses late entries.
  db_->Query("INSERT INTO journal_settings (school_id, late_policy) VALUES ($1, 'refuse')", {Value{school_}});
  auto refused = As("teacher").Post(Url(old_lesson), Mark(student, "5", WorkType("control")));
  db_->Query("DELETE FROM journal_settings WHERE school_id = $1", {Value{school_}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.ErrorCode(), "journal.deadline_passed");
}

TEST_P(MarksApiTest, WorkTypesWithTheirWeights) {
  auto r = As("student").Get("/api/v1/work-types");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = r.Json();
  bool admin_control = false;
  for (const auto& t : body.at("items").as_array()) {
    if (t.at("shortName").as_string() == "АК/Р") admin_control = t.at("weight").as_int64() == 3;
  }
  EXPECT_TRUE(admin_control);
}

// The administration edits the work types, their weights and terms, and the
// school's rules for late entries and rounding; teachers only read them.
TEST_P(MarksApiTest, TheAdministrationEditsWorkTypesAndTheJournalsRules) {
  const std::string quiz =
      R"({"code":"quiz_)" + GetParam() +
      R"(","name":"Тест","shortName":"Тест","weight":2,"deadlineDays":3,"byGrade":[{"gradeFrom":10,"gradeTo":11,"days":5}]})";
  EXPECT_EQ(As("teacher").Post("/api/v1/work-types", quiz).status, 403);
  EXPECT_EQ(As("deputy")
                .Post("/api/v1/work-types", R"({"code":"Тест","name":"x","shortName":"x","weight":1,"deadlineDays":0})")
                .ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("deputy")
                .Post("/api/v1/work-types", R"({"code":"x1","name":"x","shortName":"x","weight":11,"deadlineDays":0})")
                .ErrorCode(),
            "request.invalid_value");
  auto created = As("deputy").Post("/api/v1/work-types", quiz);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(As("deputy").Post("/api/v1/work-types", quiz).ErrorCode(), "request.conflict");
  const json::value type = created.Json();
  ASSERT_EQ(type.at("byGrade").as_array().size(), 1u);
  EXPECT_EQ(type.at("byGrade").as_array()[0].at("days").as_int64(), 5);
  const std::string url = "/api/v1/work-types/" + std::to_string(type.at("id").as_int64());
  const std::string heavier = R"({"name":"Тест","shortName":"Тест","weight":4,"deadlineDays":3})";
  EXPECT_EQ(As("teacher").Put(url, heavier).status, 403);
  auto updated = As("director").Put(url, heavier);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json().at("weight").as_int64(), 4);
  EXPECT_TRUE(updated.Json().at("byGrade").as_array().empty());
  // A mark of the type weighs what the type weighs when it is set.
  auto mark = As("teacher").Post(Url(Lesson(0, 8, 2)), Mark(As("student").user_id(), "5", type.at("id").as_int64()));
  ASSERT_EQ(mark.status, 201) << mark.body;
  EXPECT_EQ(mark.Json().at("weight").as_int64(), 4);

  auto rules = As("teacher").Get("/api/v1/journal-settings");
  ASSERT_EQ(rules.status, 200) << rules.body;
  EXPECT_EQ(rules.Json().at("latePolicy").as_string(), "flag");
  EXPECT_EQ(rules.Json().at("lessonLateDays").as_int64(), 7);
  const std::string strict = R"({"latePolicy":"refuse","lessonLateDays":5,"homeworkHours":1,"roundingFrom":60})";
  EXPECT_EQ(As("teacher").Put("/api/v1/journal-settings", strict).status, 403);
  EXPECT_EQ(As("deputy")
                .Put("/api/v1/journal-settings",
                     R"({"latePolicy":"maybe","lessonLateDays":5,"homeworkHours":1,"roundingFrom":60})")
                .ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("deputy")
                .Put("/api/v1/journal-settings",
                     R"({"latePolicy":"flag","lessonLateDays":5,"homeworkHours":1,"roundingFrom":100})")
                .ErrorCode(),
            "request.invalid_value");
  auto saved = As("deputy").Put("/api/v1/journal-settings", strict);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(As("teacher").Get("/api/v1/journal-settings").Json().at("roundingFrom").as_int64(), 60);
  // Back as the other tests expect them.
  ASSERT_EQ(As("deputy")
                .Put("/api/v1/journal-settings",
                     R"({"latePolicy":"flag","lessonLateDays":7,"homeworkHours":2,"roundingFrom":50})")
                .status,
            200);
}

INSTANTIATE_TEST_SUITE_P(Backends, MarksApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

// A history row edited or removed in the database behind the application's
// back: `ejournal verify` names the first broken event.
class VerifyApiTest : public ::testing::TestWithParam<std::string> {};

TEST_P(VerifyApiTest, TamperingWithTheHistoryIsFoundAndNamed) {
  TestServer::Options o;
  o.backend = GetParam();
  TestServer server(o);
  HttpClient client(server.port());
  ApiSession teacher(client, "teacher", "demo");
  ASSERT_TRUE(teacher.ok());
  auto db = server.OpenDatabase();
  const int64_t student = db->QueryOne("SELECT id FROM users WHERE login = 'student'")->Int(0);
  const int64_t cls = db->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{student}})->Int(0);
  const int64_t oral = db->QueryOne("SELECT id FROM work_types WHERE code = 'oral' LIMIT 1")->Int(0);
  int saved = 0;
  for (const auto& l : db->Query("SELECT id FROM lessons WHERE teacher_id = $1 AND class_id = $2 AND status = 'planned'"
                                 " AND lesson_date <= $3 ORDER BY lesson_date DESC LIMIT 3",
                                 {Value{teacher.user_id()}, Value{cls}, Value{Today()}})) {
    auto r = teacher.Post(
        "/api/v1/lessons/" + std::to_string(l.Int(0)) + "/marks",
        R"({"studentId":)" + std::to_string(student) + R"(,"value":"4","workTypeId":)" + std::to_string(oral) + "}");
    if (r.status == 201) ++saved;
  }
  ASSERT_GE(saved, 2);
  std::string out;
  EXPECT_EQ(RunEjournal({"verify", "--database", server.database_url()}, out), 0) << out;
  EXPECT_NE(out.find("цела"), std::string::npos) << out;

  // Someone with the database in hand turns a 4 into a 5.
  const int64_t second = db->QueryOne("SELECT id FROM journal_events ORDER BY seq LIMIT 1 OFFSET 1")->Int(0);
  db->Query(
      "UPDATE journal_events SET after_json = REPLACE(after_json, '\"value\":\"4\"', '\"value\":\"5\"')"
      " WHERE id = $1",
      {Value{second}});
  EXPECT_EQ(RunEjournal({"verify", "--database", server.database_url()}, out), 1) << out;
  EXPECT_NE(out.find("событие " + std::to_string(second)), std::string::npos) << out;
  db->Query(
      "UPDATE journal_events SET after_json = REPLACE(after_json, '\"value\":\"5\"', '\"value\":\"4\"')"
      " WHERE id = $1",
      {Value{second}});
  EXPECT_EQ(RunEjournal({"verify", "--database", server.database_url()}, out), 0) << out;
  // ... or deletes the first event: the next one is named.
  const int64_t first = db->QueryOne("SELECT id FROM journal_events ORDER BY seq LIMIT 1")->Int(0);
  db->Query("DELETE FROM journal_events WHERE id = $1", {Value{first}});
  EXPECT_EQ(RunEjournal({"verify", "--database", server.database_url()}, out), 1) << out;
  EXPECT_NE(out.find("событие " + std::to_string(second)), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
