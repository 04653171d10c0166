#include "service/journal/lesson_facts.h"

#include "domain/rights.h"
#include "domain/timetable.h"
#include "domain/utf8.h"
#include "service/common/sql.h"

namespace ej::service::lessons {

using storage::Value;

std::optional<Facts> Load(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne(
      "SELECT l.id, l.school_id, l.lesson_date, l.class_id, l.group_id, l.teacher_id, l.substitute_id, l.status,"
      " l.retired_at, s.assessment, l.lesson_number, l.ends_at, l.subject_id"
      " FROM lessons l JOIN subjects s ON s.id = l.subject_id WHERE l.id = $1",
      {Value{lesson_id}});
  if (!r) return std::nullopt;
  Facts f;
  f.id = r->Int(0);
  f.school_id = r->Int(1);
  f.date = r->Text(2);
  f.class_id = r->OptInt(3);
  f.group_id = r->OptInt(4);
  const std::string status = r->Text(7);
  f.writer_id = status == "substituted" && !r->IsNull(6) ? r->Int(6) : r->Int(5);
  const auto parsed = domain::ParseLessonStatus(status);
  f.held_status = parsed && domain::IsHeld(*parsed, !r->IsNull(8));
  f.assessment = domain::ParseAssessment(r->Text(9)).value_or(domain::Assessment::kGraded);
  f.lesson_number = static_cast<int>(r->Int(10));
  f.ends_at = static_cast<int>(r->Int(11));
  f.subject_id = r->Int(12);
  return f;
}

bool Attends(storage::Connection& conn, const Facts& l, int64_t student_id) {
  const std::string statement = std::string(l.class_id ? "SELECT 1 FROM enrolments WHERE class_id = $1"
                                                       : "SELECT 1 FROM group_members WHERE group_id = $1") +
                                " AND student_id = $2 AND " + sql::ActiveOn("", "$3");
  return conn.QueryOne(statement, {Value{l.class_id ? *l.class_id : *l.group_id}, Value{student_id}, Value{l.date}})
      .has_value();
}

domain::Result<Facts> ForWriting(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id) {
  auto lesson = Load(conn, lesson_id);
  if (!lesson || !actor.HasAnyIn(lesson->school_id)) return domain::Error::Of(domain::ErrorCode::kNotFound);
  if (!domain::Allowed(actor, domain::Action::kWriteLesson,
                       domain::Resource::OfLesson(lesson->school_id, lesson->writer_id))) {
    return domain::Error::Of(domain::ErrorCode::kForbidden);
  }
  return std::move(*lesson);
}

domain::Result<Facts> TakeBack(storage::Connection& conn, const domain::Actor& actor, const Removable& entry,
                               int64_t entry_id, int64_t lesson_id, bool removed, int64_t now) {
  auto lesson = ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (removed) return domain::Error::WithDetail(domain::ErrorCode::kNotFound, std::string(entry.already_removed));
  conn.Query("UPDATE " + std::string(entry.table) + " SET removed_by = $2, removed_at = $3" +
                 (entry.versioned ? ", version = version + 1" : "") + " WHERE id = $1",
             {storage::Value{entry_id}, storage::Value{actor.user_id}, storage::Value{now}});
  return lesson;
}

domain::Result<std::string> Reason(std::string_view given, size_t max) {
  std::string reason(domain::Trim(given));
  if (reason.empty()) return domain::Error::WithDetail(domain::ErrorCode::kMissingField, "reason (причина)");
  if (domain::Utf8Length(reason) > max) return domain::Error::WithDetail(domain::ErrorCode::kInvalidValue, "reason");
  return reason;
}

std::string TargetKey(const Facts& lesson) {
  return lesson.class_id ? "c" + std::to_string(*lesson.class_id) : "g" + std::to_string(*lesson.group_id);
}

}  // namespace ej::service::lessons
