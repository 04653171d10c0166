#include "service/lesson_facts.h"

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
  f.held_status = (status == "planned" || status == "substituted") && r->IsNull(8);
  f.assessment = domain::ParseAssessment(r->Text(9)).value_or(domain::Assessment::kGraded);
  f.lesson_number = static_cast<int>(r->Int(10));
  f.ends_at = static_cast<int>(r->Int(11));
  f.subject_id = r->Int(12);
  return f;
}

bool Attends(storage::Connection& conn, const Facts& l, int64_t student_id) {
  const char* sql = l.class_id
                        ? "SELECT 1 FROM enrolments WHERE class_id = $1 AND student_id = $2 AND starts_on <= $3"
                          " AND (ends_on IS NULL OR ends_on >= $3)"
                        : "SELECT 1 FROM group_members WHERE group_id = $1 AND student_id = $2 AND starts_on <= $3"
                          " AND (ends_on IS NULL OR ends_on >= $3)";
  return conn.QueryOne(sql, {Value{l.class_id ? *l.class_id : *l.group_id}, Value{student_id}, Value{l.date}})
      .has_value();
}

}  // namespace ej::service::lessons
