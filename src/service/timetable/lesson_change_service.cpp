#include "service/timetable/lesson_change_service.h"

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/lookup.h"
#include "service/school/calendar_service.h"
#include "service/school/facility_service.h"
#include "service/timetable/conflicts.h"
#include "service/timetable/lesson_rows.h"

namespace ej::service {

using domain::Action;
using domain::Date;
using domain::Error;
using domain::ErrorCode;
using domain::LessonStatus;
using domain::LessonTarget;
using domain::Resource;
using storage::TxMode;
using storage::Value;

using timetable::CheckConflicts;
using timetable::FindLesson;
using timetable::Invalid;
using timetable::LessonRow;
using timetable::LoadDetail;
using timetable::LoadTarget;

namespace {

std::optional<std::string> CleanReason(const std::optional<std::string>& reason) {
  if (!reason) return std::nullopt;
  std::string r(domain::Trim(*reason));
  if (r.empty()) return std::nullopt;
  return r;
}

void KeepLessonChange(storage::Connection& conn, const LessonRow& l, std::string_view kind, const std::string& detail,
                      const std::optional<std::string>& reason, int64_t user_id, int64_t now) {
  conn.Execute(
      "INSERT INTO lesson_changes (school_id, lesson_id, kind, detail, reason, changed_by, changed_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {Value{l.school_id}, Value{l.id}, Value{std::string(kind)}, Value{detail}, storage::OrNull(reason),
       Value{user_id}, Value{now}});
}

domain::PlacedLesson Placed(storage::Connection& conn, const LessonRow& l, int64_t teacher_id) {
  domain::PlacedLesson p;
  p.id = l.id;
  p.target = l.target;
  if (l.target.kind == LessonTarget::Kind::kClass) {
    p.class_id = l.target.id;
  } else {
    auto g = conn.QueryOne("SELECT class_id, kind FROM study_groups WHERE id = $1", {Value{l.target.id}});
    p.class_id = g->OptInt(0);
    p.subgroup = g->Text(1) == "subgroup";
  }
  p.date = l.date;
  p.lesson_number = l.lesson_number;
  p.starts_at = l.starts_at;
  p.ends_at = l.ends_at;
  p.teacher_id = teacher_id;
  p.room_id = l.room_id;
  return p;
}

// The lesson, found and changeable by the actor; or the error to return.
domain::Result<LessonRow> Changeable(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id) {
  auto l = FindLesson(conn, lesson_id);
  if (!l || !domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(l->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageTimetable, Resource::OfSchool(l->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  return *l;
}

void Stamp(storage::Connection& conn, int64_t lesson_id, int64_t user_id, int64_t now,
           const std::optional<std::string>& reason) {
  conn.Execute("UPDATE lessons SET changed_by = $2, changed_at = $3, change_reason = $4 WHERE id = $1",
               {Value{lesson_id}, Value{user_id}, Value{now}, storage::OrNull(reason)});
}

std::string When(const LessonRow& l) {
  return domain::FormatDateRu(l.date) + ", " + std::to_string(l.lesson_number) + "-й урок";
}

}  // namespace

domain::Result<LessonDetail> LessonChangeService::Substitute(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t lesson_id, int64_t teacher_id,
                                                             std::optional<int64_t> room_id,
                                                             const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled || l->status == LessonStatus::kMoved) {
    return Invalid("урок отменён или перенесён: сначала верните его в расписание");
  }
  if (teacher_id == l->teacher_id) return Invalid("teacherId: это учитель по расписанию; замену отменяют restore");
  if (!lookup::IsTeacherOf(conn, l->school_id, teacher_id)) return Invalid("teacherId: это не учитель этой школы");
  if (room_id &&
      !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2", {Value{*room_id}, Value{l->school_id}})) {
    return Invalid("roomId: нет такого кабинета в школе");
  }
  LessonRow changed = *l;
  if (room_id) changed.room_id = room_id;
  auto placed = Placed(conn, changed, teacher_id);
  if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
    return ok.error();
  }
  conn.Execute("UPDATE lessons SET status = 'substituted', substitute_id = $2, room_id = $3 WHERE id = $1",
               {Value{lesson_id}, Value{teacher_id}, storage::OrNull(changed.room_id)});
  std::string detail = When(*l) + ": замена, ведёт " + lookup::FullNameOf(conn, teacher_id) + " вместо " +
                       lookup::FullNameOf(conn, l->teacher_id);
  if (room_id && room_id != l->room_id) detail += ", другой кабинет";
  KeepLessonChange(conn, *l, "substitute", detail, reason, actor.user_id, clock_.Now());
  Stamp(conn, lesson_id, actor.user_id, clock_.Now(), reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> LessonChangeService::Cancel(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t lesson_id,
                                                         const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled) return Invalid("урок уже отменён");
  if (l->status == LessonStatus::kMoved) return Invalid("урок перенесён: отменяют урок на новом месте");
  conn.Execute("UPDATE lessons SET status = 'cancelled' WHERE id = $1", {Value{lesson_id}});
  KeepLessonChange(conn, *l, "cancel", When(*l) + ": урок отменён", reason, actor.user_id, clock_.Now());
  Stamp(conn, lesson_id, actor.user_id, clock_.Now(), reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> LessonChangeService::Move(storage::Connection& conn, const domain::Actor& actor,
                                                       int64_t lesson_id, const std::string& date_text,
                                                       int lesson_number, std::optional<int64_t> room_id,
                                                       const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  auto day = domain::ParseDate(date_text);
  if (!day) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled || l->status == LessonStatus::kMoved) {
    return Invalid("урок отменён или уже перенесён");
  }
  if (*day == l->date && lesson_number == l->lesson_number) return Invalid("урок и так стоит в это время");
  auto t = LoadTarget(conn, l->target);
  auto year = calendar::Load(conn, l->year_id, clock_.Today());
  if (*day < year->calendar.starts_on || *day > year->calendar.ends_on) return Invalid("date: вне учебного года");
  const int weekday = static_cast<int>(date::weekday{*day}.iso_encoding());
  auto bell = domain::FindBell(facility::LoadBells(conn, l->year_id), t->shift, weekday, lesson_number);
  if (!bell) {
    return Invalid("lessonNumber: в расписании звонков " + std::to_string(t->shift) + "-й смены нет " +
                   std::to_string(lesson_number) + "-го урока на " + std::string(domain::WeekdayShort(weekday)));
  }
  const auto room = room_id ? room_id : l->room_id;
  if (room_id &&
      !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2", {Value{*room_id}, Value{l->school_id}})) {
    return Invalid("roomId: нет такого кабинета в школе");
  }
  LessonRow target = *l;
  target.id = 0;
  target.date = *day;
  target.lesson_number = lesson_number;
  target.starts_at = bell->starts_at;
  target.ends_at = bell->ends_at;
  target.room_id = room;
  auto placed = Placed(conn, target, l->substitute_id.value_or(l->teacher_id));
  placed.id = 0;
  if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
    return ok.error();
  }
  const std::string column = timetable::TargetColumn(l->target);
  const int64_t now = clock_.Now();
  auto created = conn.QueryOne(
      "INSERT INTO lessons (school_id, year_id, lesson_date, lesson_number, starts_at, ends_at, " + column +
          ", subject_id, teacher_id, room_id, status, substitute_id, moved_from_id, changed_by, changed_at,"
          " change_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
      {Value{l->school_id}, Value{l->year_id}, Value{domain::FormatDate(*day)}, Value{int64_t{lesson_number}},
       Value{int64_t{bell->starts_at}}, Value{int64_t{bell->ends_at}}, Value{l->target.id}, Value{l->subject_id},
       Value{l->teacher_id}, storage::OrNull(room), Value{std::string(l->substitute_id ? "substituted" : "planned")},
       storage::OrNull(l->substitute_id), Value{l->id}, Value{actor.user_id}, Value{now}, storage::OrNull(reason)});
  conn.Execute("UPDATE lessons SET status = 'moved', moved_to_id = $2 WHERE id = $1",
               {Value{lesson_id}, Value{created->Int(0)}});
  KeepLessonChange(
      conn, *l, "move",
      When(*l) + ": перенесён на " + domain::FormatDateRu(*day) + ", " + std::to_string(lesson_number) + "-й урок",
      reason, actor.user_id, now);
  Stamp(conn, lesson_id, actor.user_id, now, reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> LessonChangeService::Restore(storage::Connection& conn, const domain::Actor& actor,
                                                          int64_t lesson_id,
                                                          const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  const int64_t now = clock_.Now();
  std::string detail = When(*l) + ": возвращён в расписание";
  switch (l->status) {
    case LessonStatus::kPlanned:
      return Invalid("урок и так идёт по расписанию");
    case LessonStatus::kSubstituted:
      detail = When(*l) + ": замена отменена, ведёт " + lookup::FullNameOf(conn, l->teacher_id);
      conn.Execute("UPDATE lessons SET status = 'planned', substitute_id = NULL WHERE id = $1", {Value{lesson_id}});
      break;
    case LessonStatus::kCancelled: {
      // Back in its place only if the place is still free.
      auto placed = Placed(conn, *l, l->substitute_id.value_or(l->teacher_id));
      if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
        return ok.error();
      }
      conn.Execute("UPDATE lessons SET status = $2 WHERE id = $1",
                   {Value{lesson_id}, Value{std::string(l->substitute_id ? "substituted" : "planned")}});
      break;
    }
    case LessonStatus::kMoved: {
      auto moved = FindLesson(conn, *l->moved_to_id);
      if (moved) {
        if (conn.QueryOne("SELECT 1 FROM lesson_changes WHERE lesson_id = $1 LIMIT 1", {Value{moved->id}})) {
          return Invalid("урок на новом месте уже менялся: сначала верните его");
        }
        conn.Execute("UPDATE lessons SET moved_to_id = NULL WHERE id = $1", {Value{lesson_id}});
        conn.Execute("UPDATE lessons SET retired_at = $2 WHERE id = $1", {Value{moved->id}, Value{now}});
      }
      auto placed = Placed(conn, *l, l->substitute_id.value_or(l->teacher_id));
      if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
        return ok.error();
      }
      conn.Execute("UPDATE lessons SET status = $2, moved_to_id = NULL WHERE id = $1",
                   {Value{lesson_id}, Value{std::string(l->substitute_id ? "substituted" : "planned")}});
      detail = When(*l) + ": перенос отменён";
      break;
    }
  }
  KeepLessonChange(conn, *l, "restore", detail, reason, actor.user_id, now);
  Stamp(conn, lesson_id, actor.user_id, now, reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

}  // namespace ej::service
