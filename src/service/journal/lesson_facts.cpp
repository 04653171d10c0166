#include "service/journal/lesson_facts.h"

#include "domain/rights.h"
#include "domain/timetable.h"
#include "domain/utf8.h"
#include "service/common/sql.h"
#include "storage/columns.h"

namespace ej::service::lessons {

using storage::Value;

namespace {

struct FactColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t school_id = Add("l.school_id");
  size_t date = Add("l.lesson_date");
  size_t class_id = Add("l.class_id");
  size_t group_id = Add("l.group_id");
  size_t teacher_id = Add("l.teacher_id");
  size_t substitute_id = Add("l.substitute_id");
  size_t status = Add("l.status");
  size_t retired_at = Add("l.retired_at");
  size_t assessment = Add("s.assessment");
  size_t lesson_number = Add("l.lesson_number");
  size_t ends_at = Add("l.ends_at");
  size_t subject_id = Add("l.subject_id");
};
const FactColumns kFact;

}  // namespace

std::optional<Facts> Load(storage::Connection& conn, int64_t lesson_id) {
  const FactColumns& k = kFact;
  auto r =
      conn.QueryOne("SELECT " + k.List() + " FROM lessons l JOIN subjects s ON s.id = l.subject_id WHERE l.id = $1",
                    {Value{lesson_id}});
  if (!r) return std::nullopt;
  Facts f;
  f.id = r->Int(k.id);
  f.school_id = r->Int(k.school_id);
  f.date = r->Text(k.date);
  f.class_id = r->OptInt(k.class_id);
  f.group_id = r->OptInt(k.group_id);
  const std::string status = r->Text(k.status);
  f.writer_id = status == "substituted" && !r->IsNull(k.substitute_id) ? r->Int(k.substitute_id) : r->Int(k.teacher_id);
  const auto parsed = domain::ParseLessonStatus(status);
  f.held_status = parsed && domain::IsHeld(*parsed, !r->IsNull(k.retired_at));
  f.assessment = domain::ParseAssessment(r->Text(k.assessment)).value_or(domain::Assessment::kGraded);
  f.lesson_number = static_cast<int>(r->Int(k.lesson_number));
  f.ends_at = static_cast<int>(r->Int(k.ends_at));
  f.subject_id = r->Int(k.subject_id);
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
