// AttendanceService: absences and lateness, and their reasons.
#include "service/journal/attendance_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/journal_statements.h"
#include "service/journal/lesson_facts.h"
#include "service/journal/plan_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;

struct AttendanceColumns : storage::Columns {
  size_t id = Add("a.id");
  size_t lesson_id = Add("a.lesson_id");
  size_t student_id = Add("a.student_id");
  size_t date = Add("l.lesson_date");
  size_t kind = Add("a.kind");
  size_t reason = Add("a.reason");
  size_t version = Add("a.version");
  size_t removed_at = Add("a.removed_at");
};
const AttendanceColumns kAttendance;
const std::string kAttendanceSelect =
    "SELECT " + kAttendance.List() + " FROM attendance a JOIN lessons l ON l.id = a.lesson_id";

}  // namespace

const std::string& attendance::SelectSql() { return kAttendanceSelect; }

AttendanceView attendance::Read(const storage::Row& r) {
  const AttendanceColumns& k = kAttendance;
  return AttendanceView{r.Int(k.id),
                        r.Int(k.lesson_id),
                        r.Int(k.student_id),
                        r.Text(k.date),
                        r.Text(k.kind),
                        r.OptText(k.reason),
                        static_cast<int>(r.Int(k.version))};
}

bool attendance::Removed(const storage::Row& r) { return !r.IsNull(kAttendance.removed_at); }

namespace {

std::string AttendanceSnapshot(const AttendanceView& a, bool removed) {
  json::object o{{"lessonId", a.lesson_id}, {"studentId", a.student_id}, {"kind", a.kind}, {"version", a.version}};
  if (a.reason) o["reason"] = *a.reason;
  if (removed) o["removed"] = true;
  return json::serialize(o);
}

std::optional<AttendanceView> LoadAttendance(storage::Connection& conn, int64_t lesson_id, int64_t student_id,
                                             bool* removed) {
  auto r = conn.QueryOne(attendance::SelectSql() + " WHERE a.lesson_id = $1 AND a.student_id = $2",
                         {Value{lesson_id}, Value{student_id}});
  if (!r) return std::nullopt;
  if (removed) *removed = attendance::Removed(*r);
  return attendance::Read(*r);
}

}  // namespace

domain::Result<AttendanceView> AttendanceService::MarkAttendance(storage::Connection& conn, const domain::Actor& actor,
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
    conn.Query(sql::InsertOne(kAttendanceInto),
               {Value{lesson->school_id}, Value{lesson_id}, Value{student_id}, Value{kind}, Value{}, Value{int64_t{1}},
                Value{actor.user_id}, Value{now}, Value{}, Value{}});
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
  events::Append(
      conn,
      {lesson->school_id, actor.user_id, present ? "attendance.remove" : "attendance.mark", "attendance", after->id,
       before ? std::optional<std::string>(AttendanceSnapshot(*before, was_removed)) : std::nullopt,
       AttendanceSnapshot(*after, removed), std::nullopt},
      now);
  tx.Commit();
  if (removed) after->kind = "present";
  return *after;
}

domain::Result<int> AttendanceService::SetAbsenceReason(storage::Connection& conn, const domain::Actor& actor,
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
  for (const auto& l :
       conn.Query("SELECT l.id FROM lessons l WHERE l.school_id = $1 AND l.lesson_date >= $2 AND l.lesson_date <= $3"
                  " AND " +
                      sql::HeldLesson("l") +
                      " AND ("
                      " EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = l.class_id AND e.student_id = $4"
                      "   AND " +
                      sql::ActiveOn("e", "l.lesson_date") +
                      ")"
                      " OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = l.group_id AND m.student_id = $4"
                      "   AND " +
                      sql::ActiveOn("m", "l.lesson_date") +
                      "))"
                      " ORDER BY l.lesson_date, l.lesson_number",
                  {Value{cls->school_id}, Value{from}, Value{to}, Value{student_id}})) {
    const int64_t lesson_id = l.Int(0);
    bool was_removed = false;
    auto before = LoadAttendance(conn, lesson_id, student_id, &was_removed);
    if (before && !was_removed && before->reason == reason) continue;
    if (before && !was_removed && before->kind == "late") continue;  // late, not absent: no reason to give
    if (!before) {
      conn.Query(sql::InsertOne(kAttendanceInto), {Value{cls->school_id}, Value{lesson_id}, Value{student_id},
                                                   Value{std::string("absent")}, Value{reason}, Value{int64_t{1}},
                                                   Value{actor.user_id}, Value{now}, Value{actor.user_id}, Value{now}});
    } else {
      conn.Query(
          "UPDATE attendance SET kind = 'absent', reason = $3, removed_at = NULL, reason_by = $4,"
          " reason_at = $5, version = version + 1 WHERE lesson_id = $1 AND student_id = $2",
          {Value{lesson_id}, Value{student_id}, Value{reason}, Value{actor.user_id}, Value{now}});
    }
    bool removed = false;
    auto after = LoadAttendance(conn, lesson_id, student_id, &removed);
    events::Append(conn,
                   {cls->school_id, actor.user_id, "attendance.reason", "attendance", after->id,
                    before ? std::optional<std::string>(AttendanceSnapshot(*before, was_removed)) : std::nullopt,
                    AttendanceSnapshot(*after, removed), std::nullopt},
                   now);
    ++changed;
  }
  tx.Commit();
  return changed;
}

}  // namespace ej::service
