// JournalService: what is written into a lesson besides marks (its record:
// topic, work done, homework) and attendance, each change with its event.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <ctime>

#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/journal_events.h"
#include "service/journal_rows.h"
#include "service/journal_service.h"
#include "service/lesson_facts.h"
#include "service/lookup.h"
#include "service/principal.h"
#include "service/plan_service.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;


struct Settings {
  std::string late_policy = "flag";
  int lesson_late_days = 7;
  int homework_hours = 2;
};

Settings LoadSettings(storage::Connection& conn, int64_t school_id) {
  Settings s;
  if (auto r = conn.QueryOne("SELECT late_policy, lesson_late_days, homework_hours FROM journal_settings"
                             " WHERE school_id = $1",
                             {Value{school_id}})) {
    s.late_policy = r->Text(0);
    s.lesson_late_days = static_cast<int>(r->Int(1));
    s.homework_hours = static_cast<int>(r->Int(2));
  }
  return s;
}

// Minutes since local midnight of a Unix time (the server's zone, as "today").
int LocalMinutes(int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_hour * 60 + local.tm_min;
}

std::optional<LessonRecord> LoadRecord(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne(
      "SELECT lesson_id, topic, work_done, homework, homework_due, topic_late, homework_late, version, plan_topic_id"
      " FROM lesson_records WHERE lesson_id = $1",
      {Value{lesson_id}});
  if (!r) return std::nullopt;
  return LessonRecord{r->Int(0),       r->OptText(1),      r->OptText(2),      r->OptText(3),
                      r->OptText(4),   r->Int(5) != 0,     r->Int(6) != 0,     static_cast<int>(r->Int(7)),
                      r->OptInt(8)};
}

std::string RecordJson(const LessonRecord& r) {
  json::object o{{"lessonId", r.lesson_id}, {"version", r.version}};
  if (r.topic) o["topic"] = *r.topic;
  if (r.work_done) o["workDone"] = *r.work_done;
  if (r.homework) o["homework"] = *r.homework;
  if (r.homework_due) o["homeworkDue"] = *r.homework_due;
  if (r.topic_late) o["topicLate"] = true;
  if (r.homework_late) o["homeworkLate"] = true;
  if (r.plan_topic_id) o["planTopicId"] = *r.plan_topic_id;
  return json::serialize(o);
}

std::string AttendanceJson(const AttendanceView& a, bool removed) {
  json::object o{{"lessonId", a.lesson_id}, {"studentId", a.student_id}, {"kind", a.kind}, {"version", a.version}};
  if (a.reason) o["reason"] = *a.reason;
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

std::optional<AttendanceView> LoadAttendance(storage::Connection& conn, int64_t lesson_id, int64_t student_id,
                                             bool* removed) {
  auto r = conn.QueryOne(
      "SELECT a.id, a.lesson_id, a.student_id, l.lesson_date, a.kind, a.reason, a.version, a.removed_at"
      " FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE a.lesson_id = $1 AND a.student_id = $2",
      {Value{lesson_id}, Value{student_id}});
  if (!r) return std::nullopt;
  if (removed) *removed = !r->IsNull(7);
  return AttendanceView{r->Int(0), r->Int(1), r->Int(2), r->Text(3), r->Text(4), r->OptText(5),
                        static_cast<int>(r->Int(6))};
}

// "" clears a field; none leaves it; the text is trimmed and limited.
domain::Result<std::optional<std::string>> Edited(const std::optional<std::string>& given,
                                                  const std::optional<std::string>& old, const char* field,
                                                  size_t max) {
  if (!given) return old;
  std::string text(domain::Trim(*given));
  if (text.empty()) return std::optional<std::string>();
  if (domain::Utf8Length(text) > max) return Error::WithDetail(ErrorCode::kInvalidValue, field);
  return std::optional<std::string>(std::move(text));
}

}  // namespace

domain::Result<LessonRecord> JournalService::SetRecord(storage::Connection& conn, const domain::Actor& actor,
                                                       int64_t lesson_id, const LessonRecordChange& change) {
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status) return Error::Of(ErrorCode::kLessonNotHeld);
  const auto before = LoadRecord(conn, lesson_id);
  if (change.expected_version != (before ? before->version : 0)) return Error::Of(ErrorCode::kStaleVersion);
  LessonRecord after = before.value_or(LessonRecord{lesson_id, {}, {}, {}, {}, false, false, 0, std::nullopt});
  // A topic of the plan: its title is the topic unless one is typed.
  std::optional<std::string> typed = change.topic;
  std::optional<int64_t> plan_topic = after.plan_topic_id;
  if (change.plan_topic_id) {
    if (*change.plan_topic_id == 0) {
      plan_topic.reset();
    } else {
      auto found = plans::TopicForLesson(conn, lesson_id, *change.plan_topic_id);
      if (!found) return Error::WithDetail(ErrorCode::kInvalidValue, "planTopicId: не тема плана этого класса и предмета");
      plan_topic = found->id;
      if (!typed) typed = found->title;
    }
  } else if (change.topic && change.topic->empty()) {
    plan_topic.reset();  // the topic cleared: no topic of the plan either
  }
  auto topic = Edited(typed, after.topic, "topic", 500);
  if (!topic) return topic.error();
  auto work = Edited(change.work_done, after.work_done, "workDone", 2000);
  if (!work) return work.error();
  auto homework = Edited(change.homework, after.homework, "homework", 4000);
  if (!homework) return homework.error();
  auto due = Edited(change.homework_due, after.homework_due, "homeworkDue", 10);
  if (!due) return due.error();
  if (*due && (!domain::ParseDate(**due) || **due <= lesson->date)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "homeworkDue (день после урока, ГГГГ-ММ-ДД)");
  }
  const bool topic_changed = *topic != after.topic || *work != after.work_done || plan_topic != after.plan_topic_id;
  const bool homework_changed = *homework != after.homework || *due != after.homework_due;
  if (!topic_changed && !homework_changed) return Error::WithDetail(ErrorCode::kInvalidValue, "нечего сохранять");

  // Deadlines: the topic at most lesson_late_days after the lesson; homework
  // within homework_hours after the class's last lesson that day.
  const Settings settings = LoadSettings(conn, lesson->school_id);
  const std::string today = clock_.Today();
  const int days = domain::DaysBetween(lesson->date, today).value_or(0);
  bool topic_late = after.topic_late, homework_late = after.homework_late;
  if (topic_changed && days > settings.lesson_late_days) {
    if (settings.late_policy == "refuse") {
      return Error::WithDetail(ErrorCode::kDeadlinePassed,
                               "тема урока — не позже " + std::to_string(settings.lesson_late_days) + " дн.");
    }
    topic_late = true;
  }
  // The lesson's class or group.
  const std::string column = lesson->class_id ? "class_id" : "group_id";
  const int64_t target = lesson->class_id ? *lesson->class_id : *lesson->group_id;
  if (homework_changed && *homework && days >= 0) {
    auto last = conn.QueryOne("SELECT MAX(ends_at) FROM lessons WHERE " + column +
                                  " = $1 AND lesson_date = $2 AND retired_at IS NULL AND status <> 'cancelled'",
                              {Value{target}, Value{lesson->date}});
    const int last_end = last && !last->IsNull(0) ? static_cast<int>(last->Int(0)) : lesson->ends_at;
    const bool late = days > 0 || LocalMinutes(clock_.Now()) > last_end + settings.homework_hours * 60;
    if (late) {
      if (settings.late_policy == "refuse") {
        return Error::WithDetail(ErrorCode::kDeadlinePassed,
                                 "домашнее задание — в течение " + std::to_string(settings.homework_hours) +
                                     " ч после уроков");
      }
      homework_late = true;
    }
  }
  // The homework is for the next lesson of the subject unless said otherwise.
  if (homework_changed && *homework && !*due) {
    if (auto next = conn.QueryOne("SELECT MIN(lesson_date) FROM lessons WHERE " + column +
                                      " = $1 AND subject_id = $2 AND lesson_date > $3 AND retired_at IS NULL"
                                      " AND status IN ('planned', 'substituted')",
                                  {Value{target}, Value{lesson->subject_id}, Value{lesson->date}});
        next && !next->IsNull(0)) {
      *due = next->Text(0);
    }
  }
  after.topic = *topic;
  after.plan_topic_id = plan_topic;
  after.work_done = *work;
  after.homework = *homework;
  after.homework_due = *due;
  after.topic_late = topic_late;
  after.homework_late = homework_late;
  after.version += 1;
  const int64_t now = clock_.Now();
  const std::vector<Value> values = {Value{lesson_id},
                                     Value{lesson->school_id},
                                     storage::OrNull(after.topic),
                                     storage::OrNull(after.work_done),
                                     storage::OrNull(after.homework),
                                     storage::OrNull(after.homework_due),
                                     Value{int64_t{after.topic_late ? 1 : 0}},
                                     Value{int64_t{after.homework_late ? 1 : 0}},
                                     Value{int64_t{after.version}},
                                     Value{actor.user_id},
                                     Value{now},
                                     storage::OrNull(after.plan_topic_id)};
  if (before) {
    conn.Query(
        "UPDATE lesson_records SET topic = $3, work_done = $4, homework = $5, homework_due = $6, topic_late = $7,"
        " homework_late = $8, version = $9, updated_by = $10, updated_at = $11, plan_topic_id = $12 WHERE lesson_id = $1"
        " AND school_id = $2",
        values);
  } else {
    conn.Query(
        "INSERT INTO lesson_records (lesson_id, school_id, topic, work_done, homework, homework_due, topic_late,"
        " homework_late, version, updated_by, updated_at, plan_topic_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        values);
  }
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "lesson.record", "lesson", lesson_id,
                  before ? std::optional<std::string>(RecordJson(*before)) : std::nullopt, RecordJson(after),
                  std::nullopt},
                 now);
  tx.Commit();
  return after;
}

domain::Result<AttendanceView> JournalService::MarkAttendance(storage::Connection& conn, const domain::Actor& actor,
                                                              int64_t lesson_id, int64_t student_id,
                                                              const std::string& kind) {
  if (kind != "absent" && kind != "late" && kind != "present") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "kind (absent, late или present)");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status || lesson->date > clock_.Today()) return Error::Of(ErrorCode::kLessonNotHeld);
  if (!lessons::Attends(conn, *lesson, student_id)) return Error::Of(ErrorCode::kNotInLesson);
  bool was_removed = false;
  auto before = LoadAttendance(conn, lesson_id, student_id, &was_removed);
  const int64_t now = clock_.Now();
  const bool present = kind == "present";
  if ((!before || was_removed) && present) {
    tx.Commit();
    return AttendanceView{0, lesson_id, student_id, lesson->date, "present", std::nullopt, 0};
  }
  if (before && !was_removed && before->kind == kind) {
    tx.Commit();
    return *before;
  }
  if (!before) {
    conn.Query("INSERT INTO attendance (school_id, lesson_id, student_id, kind, marked_by, marked_at)"
               " VALUES ($1, $2, $3, $4, $5, $6)",
               {Value{lesson->school_id}, Value{lesson_id}, Value{student_id}, Value{kind}, Value{actor.user_id},
                Value{now}});
  } else {
    conn.Query(present ? "UPDATE attendance SET removed_at = $3, version = version + 1 WHERE lesson_id = $1"
                         " AND student_id = $2"
                       : "UPDATE attendance SET kind = $4, removed_at = NULL, marked_by = $5, marked_at = $3,"
                         " version = version + 1 WHERE lesson_id = $1 AND student_id = $2",
               present ? std::vector<Value>{Value{lesson_id}, Value{student_id}, Value{now}}
                       : std::vector<Value>{Value{lesson_id}, Value{student_id}, Value{now}, Value{kind},
                                            Value{actor.user_id}});
  }
  bool removed = false;
  auto after = LoadAttendance(conn, lesson_id, student_id, &removed);
  events::Append(conn,
                 {lesson->school_id, actor.user_id, present ? "attendance.remove" : "attendance.mark", "attendance",
                  after->id,
                  before ? std::optional<std::string>(AttendanceJson(*before, was_removed)) : std::nullopt,
                  AttendanceJson(*after, removed), std::nullopt},
                 now);
  tx.Commit();
  if (removed) after->kind = "present";
  return *after;
}

domain::Result<int> JournalService::SetAbsenceReason(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t student_id, const std::string& from,
                                                     const std::string& to, const std::string& reason) {
  if (reason != "ill" && reason != "excused" && reason != "unexcused") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "reason (ill, excused или unexcused)");
  }
  auto days = domain::DaysBetween(from, to);
  if (!days || *days < 0 || *days > 366) return Error::WithDetail(ErrorCode::kInvalidValue, "from, to (ГГГГ-ММ-ДД)");
  const std::string today = clock_.Today();
  if (to > today) return Error::WithDetail(ErrorCode::kInvalidValue, "to: не позже сегодняшнего дня");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto cls = lookup::ClassOfStudentOn(conn, student_id, from);
  if (!cls || !actor.HasAnyIn(cls->school_id)) return Error::Of(ErrorCode::kNotFound);
  if (!domain::Allowed(actor, Action::kExcuseAbsence, Resource::OfClass(cls->school_id, cls->id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const int64_t now = clock_.Now();
  int changed = 0;
  // Every held lesson of the student's class and groups on those days.
  for (const auto& l : conn.Query(
           "SELECT l.id FROM lessons l WHERE l.school_id = $1 AND l.lesson_date >= $2 AND l.lesson_date <= $3"
           " AND l.retired_at IS NULL AND l.status IN ('planned', 'substituted') AND ("
           " EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = l.class_id AND e.student_id = $4"
           "   AND e.starts_on <= l.lesson_date AND (e.ends_on IS NULL OR e.ends_on >= l.lesson_date))"
           " OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = l.group_id AND m.student_id = $4"
           "   AND m.starts_on <= l.lesson_date AND (m.ends_on IS NULL OR m.ends_on >= l.lesson_date)))"
           " ORDER BY l.lesson_date, l.lesson_number",
           {Value{cls->school_id}, Value{from}, Value{to}, Value{student_id}})) {
    const int64_t lesson_id = l.Int(0);
    bool was_removed = false;
    auto before = LoadAttendance(conn, lesson_id, student_id, &was_removed);
    if (before && !was_removed && before->reason == reason) continue;
    if (before && !was_removed && before->kind == "late") continue;  // late, not absent: no reason to give
    if (!before) {
      conn.Query("INSERT INTO attendance (school_id, lesson_id, student_id, kind, reason, marked_by, marked_at,"
                 " reason_by, reason_at) VALUES ($1, $2, $3, 'absent', $4, $5, $6, $5, $6)",
                 {Value{cls->school_id}, Value{lesson_id}, Value{student_id}, Value{reason}, Value{actor.user_id},
                  Value{now}});
    } else {
      conn.Query("UPDATE attendance SET kind = 'absent', reason = $3, removed_at = NULL, reason_by = $4,"
                 " reason_at = $5, version = version + 1 WHERE lesson_id = $1 AND student_id = $2",
                 {Value{lesson_id}, Value{student_id}, Value{reason}, Value{actor.user_id}, Value{now}});
    }
    bool removed = false;
    auto after = LoadAttendance(conn, lesson_id, student_id, &removed);
    events::Append(conn,
                   {cls->school_id, actor.user_id, "attendance.reason", "attendance", after->id,
                    before ? std::optional<std::string>(AttendanceJson(*before, was_removed)) : std::nullopt,
                    AttendanceJson(*after, removed), std::nullopt},
                   now);
    ++changed;
  }
  tx.Commit();
  return changed;
}

namespace {

constexpr const char* kCommentColumns =
    "SELECT c.id, c.lesson_id, c.student_id, l.lesson_date, c.kind, c.body, c.to_parents, c.version, c.created_by,"
    " u.last_name, u.first_name, u.middle_name, c.created_at, c.removed_at, c.school_id"
    " FROM lesson_comments c JOIN lessons l ON l.id = c.lesson_id JOIN users u ON u.id = c.created_by";

LessonComment ReadComment(const storage::Row& r) {
  return LessonComment{r.Int(0),         r.Int(1),         r.Int(2),
                       r.Text(3),        r.Text(4),        r.Text(5),
                       r.Int(6) != 0,    static_cast<int>(r.Int(7)),
                       Named{r.Int(8), FullName(r.Text(9), r.Text(10), r.OptText(11))}, r.Int(12)};
}

std::string CommentJson(const LessonComment& c, bool removed) {
  json::object o{{"lessonId", c.lesson_id}, {"studentId", c.student_id}, {"kind", c.kind},
                 {"text", c.text},          {"toParents", c.to_parents},  {"version", c.version}};
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

}  // namespace

namespace comments {
const char* SelectSql() { return kCommentColumns; }
LessonComment Read(const storage::Row& row) { return ReadComment(row); }
}  // namespace comments

domain::Result<std::pair<LessonRecord, std::vector<events::StoredEvent>>> JournalService::LessonHistory(
    storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto lesson = lessons::Load(conn, lesson_id);
  if (!lesson || !actor.HasAnyIn(lesson->school_id)) return Error::Of(ErrorCode::kNotFound);
  // The journal the lesson is in decides who reads it.
  if (!journals::MayReadLessonOf(conn, actor, lessons::TargetKey(*lesson), lesson->subject_id, lesson->date,
                                 clock_.Today())) {
    return Error::Of(ErrorCode::kNotFound);
  }
  LessonRecord record = LoadRecord(conn, lesson_id).value_or(LessonRecord{lesson_id, {}, {}, {}, {}, false, false, 0, {}});
  auto history = events::Of(conn, lesson->school_id, "lesson", lesson_id);
  tx.Commit();
  return std::make_pair(std::move(record), std::move(history));
}

domain::Result<LessonComment> JournalService::AddComment(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t lesson_id, int64_t student_id, const std::string& kind,
                                                         const std::string& text_arg, bool to_parents) {
  if (kind != "remark" && kind != "praise" && kind != "note") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "kind (remark, praise или note)");
  }
  const std::string text(domain::Trim(text_arg));
  if (text.empty()) return Error::WithDetail(ErrorCode::kMissingField, "text");
  if (domain::Utf8Length(text) > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, "text (до 1000 знаков)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status || lesson->date > clock_.Today()) return Error::Of(ErrorCode::kLessonNotHeld);
  if (!lessons::Attends(conn, *lesson, student_id)) return Error::Of(ErrorCode::kNotInLesson);
  const int64_t now = clock_.Now();
  auto inserted = conn.QueryOne(
      "INSERT INTO lesson_comments (school_id, lesson_id, student_id, kind, body, to_parents, created_by, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Value{lesson->school_id}, Value{lesson_id}, Value{student_id}, Value{kind}, Value{text},
       Value{int64_t{to_parents ? 1 : 0}}, Value{actor.user_id}, Value{now}});
  auto saved = ReadComment(*conn.QueryOne(std::string(kCommentColumns) + " WHERE c.id = $1", {Value{inserted->Int(0)}}));
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.create", "comment", saved.id, std::nullopt,
                  CommentJson(saved, false), std::nullopt},
                 now);
  tx.Commit();
  return saved;
}

domain::Result<LessonComment> JournalService::RemoveComment(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t comment_id, const std::string& reason_arg) {
  auto reason = lessons::Reason(reason_arg);
  if (!reason) return reason.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto row = conn.QueryOne(std::string(kCommentColumns) + " WHERE c.id = $1", {Value{comment_id}});
  if (!row || !actor.HasAnyIn(row->Int(14))) return Error::Of(ErrorCode::kNotFound);
  const LessonComment before = ReadComment(*row);
  auto lesson = lessons::Load(conn, before.lesson_id);
  if (!domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(lesson->school_id, lesson->writer_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (!row->IsNull(13)) return Error::WithDetail(ErrorCode::kNotFound, "комментарий уже снят");
  const int64_t now = clock_.Now();
  conn.Query("UPDATE lesson_comments SET removed_by = $2, removed_at = $3, version = version + 1 WHERE id = $1",
             {Value{comment_id}, Value{actor.user_id}, Value{now}});
  LessonComment after = before;
  after.version += 1;
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "comment.remove", "comment", comment_id,
                  CommentJson(before, false), CommentJson(after, true), *reason},
                 now);
  tx.Commit();
  return after;
}

}  // namespace ej::service
