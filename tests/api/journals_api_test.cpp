// Journals over HTTP on both backends: who opens which, the grid in one
// response (students of the period, lessons, marks, averages and forecast),
// and marks written through the journal.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class JournalsApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("journals");
    if (HasFatalFailure()) return;
    db_ = server_->OpenDatabase();
  }
  json::array List(const std::string& who) {
    auto r = As(who).Get("/api/v1/journals");
    EXPECT_EQ(r.status, 200) << who << ": " << r.body;
    return r.status == 200 ? r.Json().at("items").as_array() : json::array{};
  }
  // The demo teacher's journal of the demo student's class in the current period.
  json::object TeachersCurrentJournal() {
    for (const auto& j : List("teacher")) {
      if (j.at("current").as_bool() && j.at("class").is_object() && j.at("class").at("name").as_string() == "7Б") {
        return j.as_object();
      }
    }
    ADD_FAILURE() << "no current journal of 7Б for the teacher";
    return {};
  }
  std::unique_ptr<storage::Connection> db_;
};

TEST_P(JournalsApiTest, EachOpensTheJournalsOfTheirWork) {
  // The demo teacher teaches in some classes and leads one of their own.
  std::string led;
  const json::value me = As("teacher").Get("/api/v1/me").Json();
  for (const auto& r : me.at("roles").as_array()) {
    if (r.at("role").as_string() == "class_teacher") led = std::string(r.at("className").as_string());
  }
  const json::array teacher = List("teacher");
  ASSERT_FALSE(teacher.empty());
  for (const auto& j : teacher) {
    bool teaches = false;
    for (const auto& t : j.at("teachers").as_array())
      teaches = teaches || t.at("id").as_int64() == As("teacher").user_id();
    const std::string name(j.at("class").is_object() ? j.at("class").at("name").as_string()
                                                     : j.at("group").at("name").as_string());
    const bool leads = !led.empty() && name.rfind(led, 0) == 0;
    EXPECT_TRUE(teaches || leads) << json::serialize(j);
  }
  // The class teacher opens every subject of the class, those of others too.
  std::set<std::string> class_subjects;
  for (const auto& j : List("classteacher")) {
    if (j.at("class").is_object() && j.at("class").at("name").as_string() == "7Б") {
      class_subjects.insert(std::string(j.at("subject").at("name").as_string()));
    }
  }
  EXPECT_GE(class_subjects.size(), 8u);
  // The deputy reads every journal of the school; quarters for grades 1-9, halves for 10-11.
  const json::array deputy = List("deputy");
  EXPECT_GT(deputy.size(), teacher.size());
  std::set<std::string> kinds;
  for (const auto& j : deputy) kinds.insert(std::string(j.at("period").at("kind").as_string()));
  EXPECT_EQ(kinds, (std::set<std::string>{"quarter", "half"}));
  // Students and parents have their diary, not the journal; the secretary doesn't keep marks.
  for (const char* who : {"student", "parent", "secretary"}) EXPECT_TRUE(List(who).empty()) << who;
}

TEST_P(JournalsApiTest, TheGridInOneResponseWithMarksAveragesAndTheForecast) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const std::string path = "/api/v1/journals/" + std::to_string(journal.at("id").as_int64());
  auto r = As("teacher").Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value grid = r.Json();
  EXPECT_TRUE(grid.at("canWrite").as_bool());
  const json::array& students = grid.at("students").as_array();
  const int64_t in_class = db_->QueryOne(
                                  "SELECT COUNT(*) FROM enrolments WHERE class_id = $1 AND starts_on <= $2 AND "
                                  "(ends_on IS NULL OR ends_on >= $2)",
                                  {Value{journal.at("class").at("id").as_int64()}, Value{Today()}})
                               ->Int(0);
  EXPECT_GE(static_cast<int64_t>(students.size()), in_class);
  const json::array& lessons = grid.at("lessons").as_array();
  ASSERT_FALSE(lessons.empty());
  for (size_t i = 1; i < lessons.size(); ++i) {
    EXPECT_LE(lessons[i - 1].at("date").as_string(), lessons[i].at("date").as_string());
  }
  for (const auto& l : lessons) {
    EXPECT_GE(l.at("date").as_string(), journal.at("period").at("startsOn").as_string());
    EXPECT_LE(l.at("date").as_string(), journal.at("period").at("endsOn").as_string());
  }
  // Two marks through the journal: a 5 for a control work (weight 3) and a 3 for an oral answer.
  int64_t held = 0;
  for (const auto& l : lessons) {
    if (l.at("date").as_string() <= Today() && l.at("canWrite").as_bool()) held = l.at("id").as_int64();
  }
  ASSERT_NE(held, 0);
  const int64_t student = As("student").user_id();
  auto add = [&](const std::string& value, const std::string& type) {
    return As("teacher").Post(path + "/marks", R"({"studentId":)" + std::to_string(student) + R"(,"lessonId":)" +
                                                   std::to_string(held) + R"(,"value":")" + value +
                                                   R"(","workType":")" + type + R"("})");
  };
  ASSERT_EQ(add("5", "control").status, 201);
  ASSERT_EQ(add("3", "oral").status, 201);
  grid = As("teacher").Get(path).Json();
  int marks = 0;
  for (const auto& m : grid.at("marks").as_array()) marks += m.at("studentId").as_int64() == student;
  EXPECT_EQ(marks, 2);
  for (const auto& a : grid.at("averages").as_array()) {
    if (a.at("studentId").as_int64() != student) continue;
    EXPECT_EQ(a.at("count").as_int64(), 2);
    EXPECT_DOUBLE_EQ(a.at("plain").as_double(), 4.0);
    EXPECT_DOUBLE_EQ(a.at("weighted").as_double(), 4.5);  // (5*3 + 3*1) / 4
    EXPECT_EQ(a.at("forecast").as_int64(), 5);            // 4.50 rounds up by default
  }
  // The class teacher and the deputy read it without writing; a teacher of
  // another subject, the student and the parent don't open it.
  auto ct = As("classteacher").Get(path);
  ASSERT_EQ(ct.status, 200);
  EXPECT_FALSE(ct.Json().at("canWrite").as_bool());
  EXPECT_EQ(As("deputy").Get(path).status, 200);
  for (const char* who : {"student", "parent", "secretary"}) EXPECT_EQ(As(who).Get(path).status, 403) << who;
  // A lesson of another journal is not written through this one.
  const int64_t foreign =
      db_->QueryOne("SELECT id FROM lessons WHERE teacher_id = $1 AND (class_id IS NULL OR class_id <> $2) LIMIT 1",
                    {Value{As("teacher").user_id()}, Value{journal.at("class").at("id").as_int64()}})
          ->Int(0);
  auto wrong = As("teacher").Post(path + "/marks", R"({"studentId":)" + std::to_string(student) + R"(,"lessonId":)" +
                                                       std::to_string(foreign) + R"(,"value":"5","workType":"oral"})");
  EXPECT_EQ(wrong.status, 404) << wrong.body;
  EXPECT_EQ(As("teacher").Get("/api/v1/journals/999999999").status, 404);
}

// The lesson's record: topic and homework (in advance too), late topics
// flagged, versions, and what the grid shows.
TEST_P(JournalsApiTest, TopicAndHomeworkOfALessonWithTheirDeadlines) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const std::string path = "/api/v1/journals/" + std::to_string(journal.at("id").as_int64());
  const json::value grid = As("teacher").Get(path).Json();
  int64_t past = 0, future = 0;
  for (const auto& l : grid.at("lessons").as_array()) {
    if (!l.at("canWrite").as_bool() || l.at("recordVersion").as_int64() != 0) continue;
    if (l.at("date").as_string() < Today()) past = past ? past : l.at("id").as_int64();
    if (l.at("date").as_string() > Today()) future = l.at("id").as_int64();
  }
  ASSERT_NE(past, 0);
  ASSERT_NE(future, 0);
  auto record = [&](int64_t lesson) { return "/api/v1/lessons/" + std::to_string(lesson) + "/record"; };
  // In advance: the topic and the homework of a lesson to come; the homework is for the next lesson.
  auto ahead = As("teacher").Put(record(future), R"({"topic":"Сложение дробей","homework":"§ 12, № 3-5","version":0})");
  ASSERT_EQ(ahead.status, 200) << ahead.body;
  EXPECT_FALSE(ahead.Json().at("topicLate").as_bool());
  EXPECT_FALSE(ahead.Json().at("homeworkLate").as_bool());
  EXPECT_TRUE(ahead.Json().at("homeworkDue").is_string());
  EXPECT_EQ(ahead.Json().at("version").as_int64(), 1);
  // Saved from a screen that had not seen it: a conflict, nothing overwritten.
  auto stale = As("teacher").Put(record(future), R"({"topic":"Другая тема","version":0})");
  EXPECT_EQ(stale.ErrorCode(), "journal.conflict");
  // Homework set days after the lesson is late (flagged by default).
  auto late = As("teacher").Put(record(past), R"({"topic":"Повторение","homework":"№ 1","version":0})");
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_TRUE(late.Json().at("homeworkLate").as_bool());
  // Nobody else writes it; a due date before the lesson is refused.
  for (const char* who : {"classteacher", "deputy", "student"}) {
    EXPECT_EQ(As(who).Put(record(future), R"({"topic":"x","version":1})").status, 403) << who;
  }
  EXPECT_EQ(As("teacher").Put(record(future), R"({"homeworkDue":"2000-01-01","version":1})").ErrorCode(),
            "request.invalid_value");
  const json::value after = As("deputy").Get(path).Json();
  bool shown = false;
  for (const auto& l : after.at("lessons").as_array()) {
    if (l.at("id").as_int64() != future) continue;
    shown = true;
    EXPECT_EQ(l.at("topic").as_string(), "Сложение дробей");
    EXPECT_EQ(l.at("homework").as_string(), "§ 12, № 3-5");
  }
  EXPECT_TRUE(shown);  // The lesson's history, for those who open its journal.
  auto history = As("classteacher").Get("/api/v1/lessons/" + std::to_string(future) + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value h = history.Json();
  EXPECT_EQ(h.at("record").at("topic").as_string(), "Сложение дробей");
  ASSERT_EQ(h.at("history").as_array().size(), 1u);
  EXPECT_EQ(h.at("history").as_array()[0].at("action").as_string(), "lesson.record");
  EXPECT_TRUE(h.at("history").as_array()[0].at("before").is_null());
  EXPECT_EQ(h.at("history").as_array()[0].at("by").at("id").as_int64(), As("teacher").user_id());
  EXPECT_EQ(As("parent").Get("/api/v1/lessons/" + std::to_string(future) + "/history").status, 404);
}

// A teacher's remark or praise for a student at a lesson, for the parents
// to see; taken back only with a reason.
TEST_P(JournalsApiTest, ATeachersCommentToTheParents) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const std::string path = "/api/v1/journals/" + std::to_string(journal.at("id").as_int64());
  const json::value grid = As("teacher").Get(path).Json();
  int64_t held = 0, future = 0;
  for (const auto& l : grid.at("lessons").as_array()) {
    if (!l.at("canWrite").as_bool()) continue;
    if (l.at("date").as_string() <= Today()) held = l.at("id").as_int64();
    if (l.at("date").as_string() > Today() && !future) future = l.at("id").as_int64();
  }
  ASSERT_NE(held, 0);
  const int64_t student = As("student").user_id();
  const std::string url = "/api/v1/lessons/" + std::to_string(held) + "/comments";
  const std::string praise =
      R"({"studentId":)" + std::to_string(student) + R"(,"kind":"praise","text":"Отличный доклад","toParents":true})";
  for (const char* who : {"classteacher", "deputy", "student", "parent"}) {
    EXPECT_EQ(As(who).Post(url, praise).status, 403) << who;
  }
  EXPECT_EQ(As("teacher")
                .Post(url, R"({"studentId":)" + std::to_string(student) + R"(,"kind":"blame","text":"x"})")
                .ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("teacher")
                .Post(url, R"({"studentId":)" + std::to_string(student) + R"(,"kind":"remark","text":"  "})")
                .ErrorCode(),
            "request.missing_field");
  if (future) {
    EXPECT_EQ(As("teacher").Post("/api/v1/lessons/" + std::to_string(future) + "/comments", praise).ErrorCode(),
              "lesson.not_held");
  }
  auto saved = As("teacher").Post(url, praise);
  ASSERT_EQ(saved.status, 201) << saved.body;
  const json::value comment = saved.Json();
  EXPECT_TRUE(comment.at("toParents").as_bool());
  EXPECT_EQ(comment.at("author").at("id").as_int64(), As("teacher").user_id());
  const int64_t id = comment.at("id").as_int64();
  auto shown = [&] {
    const json::value now = As("deputy").Get(path).Json();
    for (const auto& c : now.at("comments").as_array()) {
      if (c.at("id").as_int64() == id) return true;
    }
    return false;
  };
  EXPECT_TRUE(shown());
  const std::string remove = "/api/v1/comments/" + std::to_string(id) + "/remove";
  EXPECT_EQ(As("teacher").Post(remove, "{}").ErrorCode(), "request.missing_field");
  EXPECT_EQ(As("classteacher").Post(remove, R"({"reason":"ошибка"})").status, 403);
  ASSERT_EQ(As("teacher").Post(remove, R"({"reason":"Не тот ученик"})").status, 200);
  EXPECT_FALSE(shown());
  EXPECT_EQ(As("teacher").Post(remove, R"({"reason":"ещё раз"})").status, 404);
  // The row and both events stay.
  EXPECT_EQ(
      db_->QueryOne("SELECT COUNT(*) FROM journal_events WHERE entity = 'comment' AND entity_id = $1", {Value{id}})
          ->Int(0),
      2);
}

// Files for the homework: the teacher attaches them (what the file is, is
// judged by its content), the class and their parents download them, and a
// file taken back stays in the history.
TEST_P(JournalsApiTest, HomeworkFilesForTheClassAndTheirParents) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const std::string path = "/api/v1/journals/" + std::to_string(journal.at("id").as_int64());
  const json::value grid = As("teacher").Get(path).Json();
  int64_t lesson = 0;
  for (const auto& l : grid.at("lessons").as_array()) {
    if (l.at("canWrite").as_bool() && l.at("date").as_string() > Today()) lesson = l.at("id").as_int64();
  }
  ASSERT_NE(lesson, 0);
  auto upload = [&](const std::string& who, const std::string& name, const std::string& bytes) {
    return client_->Send(
        "POST", "/api/v1/lessons/" + std::to_string(lesson) + "/files?fileName=" + name, bytes,
        {{"Cookie", As(who).cookie()}, {"X-CSRF-Token", As(who).csrf()}, {"Content-Type", "application/octet-stream"}});
  };
  const std::string pdf =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
      "endobj\n"
      "trailer << /Root 1 0 R >>\n%%EOF\n";
  // A script renamed to .pdf is still a script.
  EXPECT_EQ(upload("teacher", "task.pdf", "#!/bin/sh\nrm -rf /\n").ErrorCode(), "file.type_not_allowed");
  EXPECT_EQ(upload("classteacher", "task.pdf", pdf).status, 403);
  EXPECT_EQ(upload("student", "task.pdf", pdf).status, 403);
  auto saved = upload("teacher", "%D0%97%D0%B0%D0%B4%D0%B0%D0%BD%D0%B8%D0%B5.pdf", pdf);  // «Задание.pdf»
  ASSERT_EQ(saved.status, 201) << saved.body;
  const json::value file = saved.Json();
  EXPECT_EQ(file.at("name").as_string(), "Задание.pdf");
  EXPECT_EQ(file.at("mediaType").as_string(), "application/pdf");
  EXPECT_EQ(file.at("size").as_int64(), static_cast<int64_t>(pdf.size()));
  const std::string url = "/api/v1/files/" + std::to_string(file.at("id").as_int64());
  for (const char* who : {"student", "parent", "classteacher", "deputy"}) {
    auto got = As(who).Get(url);
    ASSERT_EQ(got.status, 200) << who << ": " << got.body;
    EXPECT_EQ(got.body, pdf) << who;
    EXPECT_EQ(got.Header("content-type"), "application/pdf");
    EXPECT_NE(got.Header("content-disposition").find("filename*=UTF-8''%D0%97"), std::string::npos)
        << got.Header("content-disposition");
  }
  bool listed = false;
  const json::value with_file = As("teacher").Get(path).Json();
  for (const auto& f : with_file.at("files").as_array()) listed = listed || f.at("id") == file.at("id");
  EXPECT_TRUE(listed);
  const std::string remove = url + "/remove";
  EXPECT_EQ(As("classteacher").Post(remove, R"({"reason":"не то"})").status, 403);
  EXPECT_EQ(As("teacher").Post(remove, "{}").ErrorCode(), "request.missing_field");
  ASSERT_EQ(As("teacher").Post(remove, R"({"reason":"Не тот файл"})").status, 200);
  EXPECT_EQ(As("student").Get(url).status, 404);
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM journal_events WHERE entity = 'file' AND entity_id = $1",
                          {Value{file.at("id").as_int64()}})
                ->Int(0),
            2);
}

// The student and the parents see the marks of the period, the averages and
// the forecast of the period mark; nobody else's.
TEST_P(JournalsApiTest, TheStudentAndParentsSeeTheMarksAndTheForecast) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const int64_t journal_id = journal.at("id").as_int64();
  const json::value grid = As("teacher").Get("/api/v1/journals/" + std::to_string(journal_id)).Json();
  int64_t lesson = 0, other = 0;
  for (const auto& l : grid.at("lessons").as_array()) {
    if (l.at("canWrite").as_bool() && l.at("date").as_string() <= Today()) lesson = l.at("id").as_int64();
  }
  for (const auto& st : grid.at("students").as_array()) {
    if (st.at("id").as_int64() != As("student").user_id()) other = st.at("id").as_int64();
  }
  ASSERT_NE(lesson, 0);
  const int64_t student = As("student").user_id();
  auto mark = As("teacher").Post("/api/v1/journals/" + std::to_string(journal_id) + "/marks",
                                 R"({"studentId":)" + std::to_string(student) + R"(,"lessonId":)" +
                                     std::to_string(lesson) + R"(,"value":"5","workType":"control"})");
  ASSERT_EQ(mark.status, 201) << mark.body;
  const std::string url = "/api/v1/students/" + std::to_string(student) + "/progress";
  for (const char* who : {"student", "parent", "classteacher"}) {
    auto got = As(who).Get(url);
    ASSERT_EQ(got.status, 200) << who << ": " << got.body;
    const json::value p = got.Json();
    EXPECT_EQ(p.at("period").at("number").as_int64(), journal.at("period").at("number").as_int64());
    bool found = false;
    for (const auto& s : p.at("subjects").as_array()) {
      if (s.at("subject").at("id") != journal.at("subject").at("id")) continue;
      found = true;
      EXPECT_GE(s.at("count").as_int64(), 1);
      EXPECT_TRUE(s.at("forecast").is_int64());
      bool has = false;
      for (const auto& m : s.at("marks").as_array()) has = has || m.at("id") == mark.Json().at("id");
      EXPECT_TRUE(has) << who;
    }
    EXPECT_TRUE(found) << who;
  }
  ASSERT_NE(other, 0);
  EXPECT_EQ(As("student").Get("/api/v1/students/" + std::to_string(other) + "/progress").status, 404);
  EXPECT_EQ(As("parent").Get("/api/v1/students/" + std::to_string(other) + "/progress").status, 404);
  EXPECT_EQ(As("student").Get(url + "?date=завтра").ErrorCode(), "request.invalid_value");
}

// Attendance: the teacher marks absent or late at a held lesson; the class
// teacher gives the reason, for a range of days too.
TEST_P(JournalsApiTest, AbsencesMarkedByTheTeacherAndExcusedByTheClassTeacher) {
  const json::object journal = TeachersCurrentJournal();
  ASSERT_FALSE(journal.empty());
  const std::string path = "/api/v1/journals/" + std::to_string(journal.at("id").as_int64());
  const json::value grid = As("teacher").Get(path).Json();
  int64_t held = 0, future = 0;
  std::string held_date;
  for (const auto& l : grid.at("lessons").as_array()) {
    if (!l.at("canWrite").as_bool()) continue;
    if (l.at("date").as_string() <= Today()) {
      held = l.at("id").as_int64();
      held_date = std::string(l.at("date").as_string());
    } else if (!future) {
      future = l.at("id").as_int64();
    }
  }
  ASSERT_NE(held, 0);
  const int64_t student = As("student").user_id();
  const std::string mark = "/api/v1/lessons/" + std::to_string(held) + "/attendance";
  const std::string absent = R"({"studentId":)" + std::to_string(student) + R"(,"kind":"absent"})";
  auto a = As("teacher").Post(mark, absent);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.Json().at("kind").as_string(), "absent");
  EXPECT_TRUE(a.Json().at("reason").is_null());
  for (const char* who : {"classteacher", "deputy", "parent"}) EXPECT_EQ(As(who).Post(mark, absent).status, 403) << who;
  if (future) {
    EXPECT_EQ(As("teacher").Post("/api/v1/lessons/" + std::to_string(future) + "/attendance", absent).ErrorCode(),
              "lesson.not_held");
  }
  EXPECT_EQ(
      As("teacher").Post(mark, R"({"studentId":)" + std::to_string(student) + R"(,"kind":"sleeping"})").ErrorCode(),
      "request.invalid_value");
  // The class teacher: ill that whole day. Every lesson of the day gets the reason.
  const std::string excuse = "/api/v1/students/" + std::to_string(student) + "/absence-reason";
  for (const char* who : {"teacher", "student", "parent", "secretary"}) {
    EXPECT_EQ(As(who).Post(excuse, R"({"from":")" + held_date + R"(","reason":"ill"})").status, 403) << who;
  }
  auto excused = As("classteacher").Post(excuse, R"({"from":")" + held_date + R"(","reason":"ill"})");
  ASSERT_EQ(excused.status, 200) << excused.body;
  EXPECT_GE(excused.Json().at("lessons").as_int64(), 1);
  const json::value after = As("teacher").Get(path).Json();
  bool seen = false;
  for (const auto& r : after.at("attendance").as_array()) {
    if (r.at("lessonId").as_int64() == held && r.at("studentId").as_int64() == student) {
      seen = true;
      EXPECT_EQ(r.at("reason").as_string(), "ill");
    }
  }
  EXPECT_TRUE(seen);
  // Back to present: the mark is taken back, its history stays.
  auto present = As("teacher").Post(mark, R"({"studentId":)" + std::to_string(student) + R"(,"kind":"present"})");
  ASSERT_EQ(present.status, 200) << present.body;
  EXPECT_EQ(db_->QueryOne("SELECT COUNT(*) FROM journal_events WHERE entity = 'attendance' AND entity_id = $1",
                          {Value{a.Json().at("id").as_int64()}})
                ->Int(0),
            3);
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalsApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
