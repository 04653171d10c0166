// The timetable over HTTP on both backends: the demo's week, personal
// timetables, weekly templates that change from a date, conflicts refused
// with nothing written, substitutions, cancellations and moves with their
// history, groups with dated membership, and who may do what.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>
#include <map>
#include <set>

#include "api/demo_server_test.h"
#include "domain/calendar.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

std::string AddDays(const std::string& day, int n) {
  return domain::FormatDate(*domain::ParseDate(day) + date::days{n});
}

int Weekday(const std::string& day) { return static_cast<int>(date::weekday{*domain::ParseDate(day)}.iso_encoding()); }

std::string Id(int64_t id) { return std::to_string(id); }

class TimetableApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("timetable", 2);
    if (HasFatalFailure()) return;
    auto db = server_->OpenDatabase();
    class_7b_ =
        db->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{As("student").user_id()}})->Int(0);
    school_ = db->QueryOne("SELECT school_id FROM classes WHERE id = $1", {Value{class_7b_}})->Int(0);
    math_ =
        db->QueryOne("SELECT id FROM subjects WHERE school_id = $1 AND name = 'Математика'", {Value{school_}})->Int(0);
    other_class_ = db->QueryOne("SELECT id FROM classes WHERE school_id = $1 AND id <> $2 ORDER BY id LIMIT 1",
                                {Value{school_}, Value{class_7b_}})
                       ->Int(0);
    // The first day from tomorrow on when 7Б has lessons.
    auto lessons =
        As("student").Get("/api/v1/me/timetable?from=" + AddDays(Today(), 1) + "&to=" + AddDays(Today(), 60));
    ASSERT_EQ(lessons.status, 200) << lessons.body;
    const json::value v = lessons.Json();
    for (const auto& l : v.at("items").as_array()) {
      if (l.at("class").is_object()) {
        day_ = std::string(l.at("date").as_string());
        break;
      }
    }
  }

  // A teacher of the demo school with an empty timetable, created here.
  int64_t NewTeacher(const std::string& login) {
    auto r = As("admin").Post("/api/v1/users", json::serialize(json::object{{"login", login},
                                                                            {"password", "secret-password-1"},
                                                                            {"lastName", "Новикова"},
                                                                            {"firstName", "Анна"},
                                                                            {"middleName", "Петровна"},
                                                                            {"roles", json::array{"teacher"}},
                                                                            {"position", "учитель математики"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().at("id").as_int64();
  }
  int64_t NewRoom(const std::string& name) {
    auto r = As("admin").Post("/api/v1/rooms", json::serialize(json::object{{"name", name}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().at("id").as_int64();
  }
  int64_t NewClass(const std::string& letter, int grade = 5) {
    auto r = As("admin").Post("/api/v1/classes", json::serialize(json::object{{"grade", grade}, {"letter", letter}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().at("id").as_int64();
  }
  static json::object Slot(int weekday, int number, int64_t subject, int64_t teacher, std::optional<int64_t> room) {
    json::object s{{"weekday", weekday}, {"lessonNumber", number}, {"subjectId", subject}, {"teacherId", teacher}};
    if (room) s["roomId"] = *room;
    return s;
  }
  HttpResponse SetTemplate(const std::string& who, const char* target, int64_t id, const std::string& from,
                           json::array slots) {
    return As(who).Put("/api/v1/timetable/template",
                       json::serialize(json::object{{target, id}, {"validFrom", from}, {"slots", std::move(slots)}}));
  }
  json::array Lessons(const std::string& who, const std::string& query) {
    auto r = As(who).Get("/api/v1/timetable?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().at("items").as_array();
  }
  // The first lesson of 7Б on day_.
  json::object FirstLessonOf7B() {
    auto lessons = Lessons("deputy", "classId=" + Id(class_7b_) + "&from=" + day_ + "&to=" + day_);
    for (const auto& l : lessons) {
      if (l.at("class").is_object() && l.at("status").as_string() == "planned") return l.as_object();
    }
    ADD_FAILURE() << "no planned lesson of 7Б on " << day_;
    return {};
  }
  int64_t LessonCount(const std::string& column, int64_t id) {
    return server_->OpenDatabase()
        ->QueryOne("SELECT COUNT(*) FROM lessons WHERE " + column + " = $1 AND retired_at IS NULL", {Value{id}})
        ->Int(0);
  }

  int64_t class_7b_ = 0, school_ = 0, math_ = 0, other_class_ = 0;
  std::string day_;
};

TEST_P(TimetableApiTest, EveryoneSeesTheirOwnWeek) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string q = "from=" + day_ + "&to=" + day_;
  // The student: lessons of 7Б and of their own language subgroup only.
  auto student = As("student").Get("/api/v1/me/timetable?" + q);
  ASSERT_EQ(student.status, 200) << student.body;
  const json::value sv = student.Json();
  const auto& items = sv.at("items").as_array();
  ASSERT_GE(items.size(), 4u);
  std::set<int64_t> numbers;
  for (const auto& l : items) {
    for (const char* field :
         {"id", "date", "lessonNumber", "start", "end", "subject", "teacher", "room", "class", "group", "status"}) {
      EXPECT_TRUE(l.as_object().contains(field)) << field;
    }
    EXPECT_EQ(l.at("date").as_string(), day_);
    EXPECT_EQ(l.at("status").as_string(), "planned");
    EXPECT_EQ(l.at("start").as_string().size(), 5u);
    EXPECT_TRUE(numbers.insert(l.at("lessonNumber").as_int64()).second) << "two lessons at once";
    if (l.at("group").is_object()) {
      EXPECT_NE(l.at("group").at("name").as_string().find("7Б"), json::string::npos);
    }
  }
  // The parent sees the child's (by default, the only child; or named).
  auto parent = As("parent").Get("/api/v1/me/timetable?" + q);
  ASSERT_EQ(parent.status, 200);
  EXPECT_EQ(parent.Json().at("items").as_array().size(), items.size());
  EXPECT_EQ(As("parent").Get("/api/v1/me/timetable?" + q + "&studentId=" + Id(As("student").user_id())).status, 200);
  // Somebody else's child is not found; a student can't look at another student.
  auto other = server_->OpenDatabase()
                   ->QueryOne("SELECT student_id FROM enrolments WHERE class_id = $1 AND student_id <> $2 LIMIT 1",
                              {Value{other_class_}, Value{As("student").user_id()}})
                   ->Int(0);
  EXPECT_EQ(As("parent").Get("/api/v1/me/timetable?" + q + "&studentId=" + Id(other)).status, 404);
  EXPECT_EQ(As("student").Get("/api/v1/me/timetable?" + q + "&studentId=" + Id(other)).status, 404);
  // The teacher: their own lessons, 7Б among them during the week.
  auto week = As("teacher").Get("/api/v1/me/timetable?from=" + day_ + "&to=" + AddDays(day_, 6)).Json();
  bool in_7b = false;
  for (const auto& l : week.at("items").as_array()) {
    EXPECT_EQ(l.at("teacher").at("id").as_int64(), As("teacher").user_id());
    in_7b = in_7b || (l.at("class").is_object() && l.at("class").at("name").as_string() == "7Б");
  }
  EXPECT_TRUE(in_7b);
  // Without dates: the current week. Bad spans are refused.
  EXPECT_EQ(As("teacher").Get("/api/v1/me/timetable").status, 200);
  EXPECT_EQ(As("teacher").Get("/api/v1/me/timetable?from=2026-13-01&to=2026-12-01").ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("teacher").Get("/api/v1/me/timetable?from=2026-12-01&to=2026-11-01").status, 400);
  EXPECT_EQ(As("teacher").Get("/api/v1/me/timetable?from=2026-09-01&to=2027-05-31").status, 400);
}

TEST_P(TimetableApiTest, ViewsByClassTeacherRoomAndDayFollowRights) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string q = "&from=" + day_ + "&to=" + day_;
  auto by_class = Lessons("classteacher", "classId=" + Id(class_7b_) + q);
  ASSERT_FALSE(by_class.empty());
  const int64_t room = by_class.front().at("room").at("id").as_int64();
  const int64_t teacher = by_class.front().at("teacher").at("id").as_int64();
  for (const auto& l : Lessons("deputy", "roomId=" + Id(room) + q)) EXPECT_EQ(l.at("room").at("id").as_int64(), room);
  for (const auto& l : Lessons("secretary", "teacherId=" + Id(teacher) + q)) {
    EXPECT_EQ(l.at("teacher").at("id").as_int64(), teacher);
  }
  // The whole school's day: every class.
  std::set<std::string> classes;
  for (const auto& l : Lessons("director", "from=" + day_ + "&to=" + day_)) {
    if (l.at("class").is_object()) classes.insert(std::string(l.at("class").at("name").as_string()));
  }
  EXPECT_EQ(classes.size(), 31u);
  // Students and parents: their own class only.
  EXPECT_EQ(As("student").Get("/api/v1/timetable?classId=" + Id(class_7b_) + q).status, 200);
  EXPECT_EQ(As("parent").Get("/api/v1/timetable?classId=" + Id(class_7b_) + q).status, 200);
  EXPECT_EQ(As("student").Get("/api/v1/timetable?classId=" + Id(other_class_) + q).status, 403);
  EXPECT_EQ(As("student").Get("/api/v1/timetable?teacherId=" + Id(teacher) + q).status, 403);
  EXPECT_EQ(As("parent").Get("/api/v1/timetable?from=" + day_ + "&to=" + day_).status, 403);
  EXPECT_EQ(As("deputy").Get("/api/v1/timetable?classId=1&roomId=2" + q).status, 400);
  // The template of 7Б as the administration sees it.
  auto t = As("classteacher").Get("/api/v1/timetable/template?classId=" + Id(class_7b_));
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_GT(t.Json().at("slots").as_array().size(), 20u);
}

TEST_P(TimetableApiTest, AnAdministratorBuildsAClassTimetableTheTeacherSees) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string suffix = GetParam() == "sqlite" ? "s" : "p";
  const int64_t cls = NewClass("Д" + suffix);
  const int64_t teacher = NewTeacher("novikova.tt" + suffix);
  const int64_t room = NewRoom("Кабинет 4" + suffix);
  // The curriculum names the teacher; the load shows it.
  auto curriculum = As("admin").Put(
      "/api/v1/classes/" + Id(cls) + "/curriculum",
      json::serialize(json::object{
          {"items", json::array{json::object{
                        {"subjectId", math_}, {"hoursPerWeek", 5}, {"teacherIds", json::array{teacher}}}}}}));
  ASSERT_EQ(curriculum.status, 200) << curriculum.body;
  const int wd = Weekday(day_);
  // Only the administration sets the timetable.
  json::array slots{Slot(wd, 2, math_, teacher, room), Slot(wd, 3, math_, teacher, room)};
  // Staff who see it are refused; students and parents don't see another class at all.
  for (const char* who : {"teacher", "classteacher", "secretary"}) {
    EXPECT_EQ(SetTemplate(who, "classId", cls, day_, slots).status, 403) << who;
  }
  for (const char* who : {"student", "parent"})
    EXPECT_EQ(SetTemplate(who, "classId", cls, day_, slots).status, 404) << who;
  auto saved = SetTemplate("deputy", "classId", cls, day_, slots);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_GT(saved.Json().at("lessonsCreated").as_int64(), 1);
  EXPECT_EQ(saved.Json().at("slots").as_array().size(), 2u);
  // The new teacher's timetable shows the lessons.
  ApiSession novikova(*client_, "novikova.tt" + suffix, "secret-password-1");
  ASSERT_TRUE(novikova.ok());
  auto mine = novikova.Get("/api/v1/me/timetable?from=" + day_ + "&to=" + day_).Json();
  ASSERT_EQ(mine.at("items").as_array().size(), 2u);
  const auto& first = mine.at("items").as_array()[0];
  EXPECT_EQ(first.at("lessonNumber").as_int64(), 2);
  EXPECT_EQ(first.at("subject").at("name").as_string(), "Математика");
  EXPECT_EQ(first.at("room").at("name").as_string(), "Кабинет 4" + suffix);
  EXPECT_EQ(first.at("class").at("id").as_int64(), cls);
  EXPECT_EQ(first.at("status").as_string(), "planned");
  // The class may be renamed to another shift only together with its timetable.
  EXPECT_EQ(As("admin").Patch("/api/v1/classes/" + Id(cls), R"({"shift": 2})").status, 400);
  EXPECT_EQ(As("admin")
                .Patch("/api/v1/classes/" + Id(cls), json::serialize(json::object{{"classTeacherId", teacher}}))
                .status,
            200);
}

TEST_P(TimetableApiTest, ConflictsAreRefusedAndNothingIsWritten) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string suffix = GetParam() == "sqlite" ? "s" : "p";
  const int64_t cls = NewClass("Е" + suffix);
  const int64_t free_teacher = NewTeacher("orlova.ee" + suffix);
  const int64_t free_room = NewRoom("Кабинет 5" + suffix);
  auto busy = FirstLessonOf7B();
  const int wd = Weekday(day_);
  const int n = static_cast<int>(busy.at("lessonNumber").as_int64());
  const int64_t busy_teacher = busy.at("teacher").at("id").as_int64();
  const int64_t busy_room = busy.at("room").at("id").as_int64();
  const int64_t before = LessonCount("class_id", cls);
  // The teacher is teaching 7Б then.
  auto r = SetTemplate("admin", "classId", cls, day_, {Slot(wd, n, math_, busy_teacher, free_room)});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.ErrorCode(), "timetable.conflict");
  EXPECT_NE(r.Json().at("error").at("message").as_string().find("7Б"), json::string::npos) << r.body;
  // The room is taken by 7Б.
  r = SetTemplate("admin", "classId", cls, day_, {Slot(wd, n, math_, free_teacher, busy_room)});
  EXPECT_EQ(r.ErrorCode(), "timetable.conflict") << r.body;
  EXPECT_NE(r.Json().at("error").at("message").as_string().find("кабинет"), json::string::npos) << r.body;
  // The class in two lessons at once.
  const int64_t other_teacher = NewTeacher("orlova.ff" + suffix);
  r = SetTemplate("admin", "classId", cls, day_,
                  {Slot(wd, 1, math_, free_teacher, free_room), Slot(wd, 1, math_, other_teacher, std::nullopt)});
  EXPECT_EQ(r.ErrorCode(), "timetable.conflict") << r.body;
  // Lessons the bells don't have, a day off, another school's things.
  EXPECT_EQ(SetTemplate("admin", "classId", cls, day_, {Slot(wd, 11, math_, free_teacher, free_room)}).ErrorCode(),
            "timetable.invalid");
  EXPECT_EQ(SetTemplate("admin", "classId", cls, day_, {Slot(7, 1, math_, free_teacher, free_room)}).ErrorCode(),
            "timetable.invalid");
  auto db = server_->OpenDatabase();
  const int64_t foreign_teacher =
      db->QueryOne("SELECT user_id FROM user_roles WHERE school_id <> $1 AND role = 'teacher' LIMIT 1",
                   {Value{school_}})
          ->Int(0);
  EXPECT_EQ(SetTemplate("admin", "classId", cls, day_, {Slot(wd, 1, math_, foreign_teacher, free_room)}).ErrorCode(),
            "timetable.invalid");
  EXPECT_EQ(SetTemplate("admin", "classId", cls, "2031-01-01", {}).status, 400);
  EXPECT_EQ(
      As("admin")
          .Put("/api/v1/timetable/template", R"({"classId": 1, "groupId": 2, "validFrom": "2026-09-01", "slots": []})")
          .status,
      400);
  // Nothing was written by any of them.
  EXPECT_EQ(LessonCount("class_id", cls), before);
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1", {Value{cls}})->Int(0), 0);
}

TEST_P(TimetableApiTest, ATemplateChangesFromADateAndThePastStays) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string suffix = GetParam() == "sqlite" ? "s" : "p";
  const int64_t cls = NewClass("Ж" + suffix);
  const int64_t teacher = NewTeacher("zueva.zz" + suffix);
  const int wd = Weekday(day_);
  // Entered late: from the start of the year (nothing to rewrite yet).
  auto year_start =
      server_->OpenDatabase()
          ->QueryOne("SELECT y.starts_on FROM academic_years y JOIN classes c ON c.year_id = y.id WHERE c.id = $1",
                     {Value{cls}})
          ->Text(0);
  ASSERT_EQ(SetTemplate("admin", "classId", cls, year_start, {Slot(wd, 1, math_, teacher, std::nullopt)}).status, 200);
  const std::string next_week = AddDays(day_, 7);
  auto changed = SetTemplate("admin", "classId", cls, next_week, {Slot(wd, 8, math_, teacher, std::nullopt)});
  ASSERT_EQ(changed.status, 200) << changed.body;
  // Before the change: lesson 1; from it: lesson 8.
  auto before = Lessons("admin", "classId=" + Id(cls) + "&from=" + day_ + "&to=" + day_);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].at("lessonNumber").as_int64(), 1);
  auto after = Lessons("admin", "classId=" + Id(cls) + "&from=" + next_week + "&to=" + next_week);
  if (!after.empty()) {
    EXPECT_EQ(after[0].at("lessonNumber").as_int64(), 8);
  }
  // The template as of each date.
  auto old_t = As("admin").Get("/api/v1/timetable/template?classId=" + Id(cls) + "&date=" + day_).Json();
  EXPECT_EQ(old_t.at("slots").as_array().at(0).at("lessonNumber").as_int64(), 1);
  EXPECT_FALSE(old_t.at("slots").as_array().at(0).at("validTo").is_null());
  auto new_t = As("admin").Get("/api/v1/timetable/template?classId=" + Id(cls) + "&date=" + next_week).Json();
  EXPECT_EQ(new_t.at("slots").as_array().at(0).at("lessonNumber").as_int64(), 8);
  // Past lessons are not rewritten.
  auto past = SetTemplate("admin", "classId", cls, year_start, {});
  EXPECT_EQ(past.status, 400) << past.body;
  EXPECT_EQ(past.ErrorCode(), "timetable.invalid");
}

TEST_P(TimetableApiTest, SubstitutionsCancellationsAndMovesKeepTheirHistory) {
  if (day_.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string suffix = GetParam() == "sqlite" ? "s" : "p";
  const int64_t substitute = NewTeacher("zamena.zz" + suffix);
  auto lesson = FirstLessonOf7B();
  const std::string url = "/api/v1/lessons/" + Id(lesson.at("id").as_int64());
  const int64_t planned = lesson.at("teacher").at("id").as_int64();
  // Only the administration changes lessons.
  const std::string body = json::serialize(json::object{{"teacherId", substitute}, {"reason", "Болезнь учителя"}});
  for (const char* who : {"teacher", "classteacher", "student", "parent", "secretary"}) {
    const int status = As(who).Post(url + "/substitute", body).status;
    EXPECT_TRUE(status == 403 || status == 404) << who << " " << status;
  }
  auto r = As("deputy").Post(url + "/substitute", body);
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = r.Json();
  EXPECT_EQ(v.at("status").as_string(), "substituted");
  EXPECT_EQ(v.at("teacher").at("id").as_int64(), substitute);
  EXPECT_EQ(v.at("plannedTeacher").at("id").as_int64(), planned);
  ASSERT_EQ(v.at("changes").as_array().size(), 1u);
  EXPECT_EQ(v.at("changes").as_array()[0].at("changedBy").at("id").as_int64(), As("deputy").user_id());
  EXPECT_EQ(v.at("changes").as_array()[0].at("reason").as_string(), "Болезнь учителя");
  // The substitute sees it; the student sees it substituted.
  ApiSession zamena(*client_, "zamena.zz" + suffix, "secret-password-1");
  auto theirs = zamena.Get("/api/v1/me/timetable?from=" + day_ + "&to=" + day_).Json();
  ASSERT_EQ(theirs.at("items").as_array().size(), 1u);
  EXPECT_EQ(theirs.at("items").as_array()[0].at("status").as_string(), "substituted");
  // A substitute already teaching then is refused.
  auto other = Lessons("deputy", "from=" + day_ + "&to=" + day_);
  for (const auto& l : other) {
    if (l.at("lessonNumber") == lesson.at("lessonNumber") && l.at("id") != lesson.at("id")) {
      auto clash = As("deputy").Post(url + "/substitute",
                                     json::serialize(json::object{{"teacherId", l.at("teacher").at("id")}}));
      EXPECT_EQ(clash.ErrorCode(), "timetable.conflict") << clash.body;
      break;
    }
  }
  // Back to the timetable, then cancelled, then restored.
  EXPECT_EQ(As("deputy").Post(url + "/restore", "{}").Json().at("status").as_string(), "planned");
  auto cancelled = As("deputy").Post(url + "/cancel", R"({"reason": "Карантин"})");
  EXPECT_EQ(cancelled.Json().at("status").as_string(), "cancelled");
  EXPECT_EQ(As("deputy").Post(url + "/cancel", "{}").status, 400);
  EXPECT_EQ(As("deputy").Post(url + "/restore", "{}").Json().at("status").as_string(), "planned");
  // Moved to the ninth... no: to a free lesson later that day.
  std::set<int64_t> taken;
  for (const auto& l : Lessons("deputy", "classId=" + Id(class_7b_) + "&from=" + day_ + "&to=" + day_)) {
    taken.insert(l.at("lessonNumber").as_int64());
  }
  int free_number = 8;
  while (taken.count(free_number) && free_number > 1) --free_number;
  auto moved = As("deputy").Post(url + "/move", json::serialize(json::object{{"date", day_},
                                                                             {"lessonNumber", free_number},
                                                                             {"roomId", NewRoom("Кабинет 6" + suffix)},
                                                                             {"reason", "Экскурсия"}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto mv = moved.Json();
  EXPECT_EQ(mv.at("status").as_string(), "moved");
  ASSERT_TRUE(mv.at("movedTo").is_object());
  auto target = As("student").Get("/api/v1/lessons/" + Id(mv.at("movedTo").at("lessonId").as_int64()));
  ASSERT_EQ(target.status, 200) << target.body;
  EXPECT_EQ(target.Json().at("lessonNumber").as_int64(), free_number);
  EXPECT_EQ(target.Json().at("movedFrom").at("lessonId").as_int64(), lesson.at("id").as_int64());
  // Moving into the class's own busy lesson is a conflict.
  auto restored = As("deputy").Post(url + "/restore", "{}");
  ASSERT_EQ(restored.status, 200) << restored.body;
  for (int64_t busy : taken) {
    if (busy == lesson.at("lessonNumber").as_int64()) continue;
    EXPECT_EQ(As("deputy")
                  .Post(url + "/move", json::serialize(json::object{{"date", day_}, {"lessonNumber", busy}}))
                  .ErrorCode(),
              "timetable.conflict");
    break;
  }
  // The whole history is kept, oldest first.
  auto history = As("classteacher").Get(url).Json().at("changes").as_array();
  std::vector<std::string> kinds;
  for (const auto& c : history) kinds.push_back(std::string(c.at("kind").as_string()));
  EXPECT_EQ(kinds, (std::vector<std::string>{"substitute", "restore", "cancel", "restore", "move", "restore"}));
}

TEST_P(TimetableApiTest, GroupsWithDatedMembership) {
  const std::string suffix = GetParam() == "sqlite" ? "s" : "p";
  auto db = server_->OpenDatabase();
  std::vector<int64_t> students;
  for (const auto& r : db->Query("SELECT student_id FROM enrolments WHERE class_id = $1 ORDER BY student_id LIMIT 4",
                                 {Value{class_7b_}})) {
    students.push_back(r.Int(0));
  }
  const int64_t stranger =
      db->QueryOne("SELECT student_id FROM enrolments WHERE class_id = $1 LIMIT 1", {Value{other_class_}})->Int(0);
  // The demo's language subgroups of 7Б.
  auto listed = As("classteacher").Get("/api/v1/groups?classId=" + Id(class_7b_));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_GE(listed.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(As("student").Get("/api/v1/groups").status, 403);
  // A subgroup takes only the class's students.
  auto created =
      As("deputy").Post("/api/v1/groups", json::serialize(json::object{{"kind", "subgroup"},
                                                                       {"name", "7Б информатика, гр. 1" + suffix},
                                                                       {"classId", class_7b_},
                                                                       {"subjectId", math_}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string group = "/api/v1/groups/" + Id(created.Json().at("id").as_int64());
  EXPECT_EQ(
      As("deputy")
          .Post("/api/v1/groups", json::serialize(json::object{
                                      {"kind", "subgroup"}, {"name", "без класса" + suffix}, {"subjectId", math_}}))
          .ErrorCode(),
      "request.missing_field");
  EXPECT_EQ(As("teacher")
                .Post("/api/v1/groups",
                      json::serialize(json::object{{"kind", "extracurricular"}, {"name", "Кружок" + suffix}}))
                .status,
            403);
  const std::string today = Today();
  auto year = db->QueryOne(
      "SELECT y.starts_on, y.ends_on FROM academic_years y JOIN classes c ON c.year_id = y.id"
      " WHERE c.id = $1",
      {Value{class_7b_}});
  const std::string from = year->Text(0);
  auto bad = As("deputy").Put(
      group + "/members",
      json::serialize(json::object{{"date", from}, {"studentIds", json::array{students[0], stranger}}}));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.Json().at("error").at("message").as_string().find("подгруппа"), json::string::npos) << bad.body;
  // Three from the start; one leaves and another comes a month later.
  ASSERT_EQ(As("deputy")
                .Put(group + "/members",
                     json::serialize(json::object{{"date", from},
                                                  {"studentIds", json::array{students[0], students[1], students[2]}}}))
                .status,
            200);
  const std::string later = AddDays(from, 30);
  auto changed = As("deputy").Put(
      group + "/members", json::serialize(json::object{
                              {"date", later}, {"studentIds", json::array{students[0], students[1], students[3]}}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto members_at = [&](const std::string& day) {
    std::set<int64_t> ids;
    auto v = As("classteacher").Get(group + "?date=" + day).Json();
    for (const auto& m : v.at("members").as_array()) ids.insert(m.at("studentId").as_int64());
    return ids;
  };
  EXPECT_EQ(members_at(from), (std::set<int64_t>{students[0], students[1], students[2]}));
  EXPECT_EQ(members_at(later), (std::set<int64_t>{students[0], students[1], students[3]}));
  EXPECT_EQ(members_at(AddDays(later, -1)), (std::set<int64_t>{students[0], students[1], students[2]}));
  // An individual curriculum is for one student.
  auto individual = As("deputy").Post(
      "/api/v1/groups",
      json::serialize(json::object{
          {"kind", "individual"}, {"name", "ИУП " + suffix}, {"subjectId", math_}, {"hoursPerWeek", 1.5}}));
  ASSERT_EQ(individual.status, 201) << individual.body;
  EXPECT_EQ(individual.Json().at("hoursPerWeek").as_double(), 1.5);
  EXPECT_EQ(
      As("deputy")
          .Put("/api/v1/groups/" + Id(individual.Json().at("id").as_int64()) + "/members",
               json::serialize(json::object{{"date", today}, {"studentIds", json::array{students[0], students[1]}}}))
          .status,
      400);
}

INSTANTIATE_TEST_SUITE_P(Backends, TimetableApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing

namespace ej::testing {
namespace {

// Changing the bells or the calendar of a year with a timetable: lessons
// from today on follow, the past stays. Its own server: it changes the year.
class TimetableResyncApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("timetable-resync", 1);
    if (HasFatalFailure()) return;
    auto db = server_->OpenDatabase();
    year_ = db->QueryOne("SELECT id FROM academic_years")->Int(0);
    class_7b_ =
        db->QueryOne("SELECT class_id FROM enrolments WHERE student_id = $1", {Value{As("student").user_id()}})->Int(0);
  }
  // The first lesson's start of 7Б on the days in [from, to] that have lessons.
  std::map<std::string, std::string> FirstStarts(const std::string& from, const std::string& to) {
    std::map<std::string, std::string> out;
    auto v = As("deputy").Get("/api/v1/timetable?classId=" + Id(class_7b_) + "&from=" + from + "&to=" + to).Json();
    for (const auto& l : v.at("items").as_array()) {
      if (l.at("lessonNumber").as_int64() == 1) out[std::string(l.at("date").as_string())] = l.at("start").as_string();
    }
    return out;
  }
  int64_t year_ = 0, class_7b_ = 0;
};

TEST_P(TimetableResyncApiTest, NewBellsMoveTheComingLessonsOnly) {
  const std::string today = Today();
  auto past_before = FirstStarts(AddDays(today, -20), AddDays(today, -1));
  auto coming_before = FirstStarts(AddDays(today, 1), AddDays(today, 20));
  if (coming_before.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string url = "/api/v1/years/" + Id(year_) + "/bells";
  json::value bells = As("admin").Get(url).Json();
  json::object body{{"schedules", bells.at("schedules")}};
  // A lesson number the timetable uses can't go.
  json::value without_last = body;
  without_last.at("schedules").as_array()[0].at("lessons").as_array().pop_back();
  auto refused = As("admin").Put(url, json::serialize(without_last));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.Json().at("error").at("message").as_string().find("в звонках"), json::string::npos) << refused.body;
  // The first lesson at 08:00 from today on.
  json::object& first = body.at("schedules").as_array()[0].at("lessons").as_array()[0].as_object();
  first["start"] = "08:00";
  first["end"] = "08:45";
  auto saved = As("admin").Put(url, json::serialize(body));
  ASSERT_EQ(saved.status, 200) << saved.body;
  for (const auto& [day, start] : FirstStarts(AddDays(today, 1), AddDays(today, 20))) EXPECT_EQ(start, "08:00") << day;
  EXPECT_EQ(FirstStarts(AddDays(today, -20), AddDays(today, -1)), past_before);
}

TEST_P(TimetableResyncApiTest, ANewHolidayTakesItsLessonsAwayAndGivesThemBack) {
  const std::string today = Today();
  auto coming = FirstStarts(AddDays(today, 1), AddDays(today, 20));
  if (coming.empty()) GTEST_SKIP() << "no teaching days left in the demo year";
  const std::string day = coming.begin()->first;
  const std::string url = "/api/v1/years/" + Id(year_);
  const json::value year = As("admin").Get(url).Json();
  json::object calendar{
      {"workingDays", year.at("workingDays")}, {"periods", year.at("periods")}, {"holidays", year.at("holidays")}};
  json::object& with_holiday = calendar;
  with_holiday["holidays"].as_array().push_back(
      json::object{{"name", "День города"}, {"kind", "holiday"}, {"startsOn", day}, {"endsOn", day}});
  auto saved = As("admin").Put(url + "/calendar", json::serialize(with_holiday));
  ASSERT_EQ(saved.status, 200) << saved.body;
  const std::string q = "/api/v1/me/timetable?from=" + day + "&to=" + day;
  EXPECT_TRUE(As("student").Get(q).Json().at("items").as_array().empty());
  // Taken back: the lessons return.
  with_holiday["holidays"].as_array().pop_back();
  ASSERT_EQ(As("admin").Put(url + "/calendar", json::serialize(with_holiday)).status, 200);
  EXPECT_FALSE(As("student").Get(q).Json().at("items").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TimetableResyncApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
