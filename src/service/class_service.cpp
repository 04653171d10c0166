#include "service/class_service.h"

#include "domain/rights.h"
#include "service/principal.h"

namespace ej::service {

using domain::Error;
using domain::ErrorCode;
using storage::Value;

domain::Result<std::vector<ClassView>> ClassService::ListClasses(storage::Connection& conn,
                                                                 const domain::Actor& actor,
                                                                 int64_t school_id,
                                                                 std::optional<int64_t> year_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, storage::TxMode::kRead);
  if (!year_id) {
    auto row = conn.QueryOne(
        "SELECT id FROM academic_years WHERE school_id = $1 AND starts_on <= $2 AND ends_on >= $2",
        {Value{school_id}, Value{today}});
    if (!row) {
      tx.Commit();
      return std::vector<ClassView>{};  // between years: no classes yet
    }
    year_id = row->Int(0);
  }
  auto rows = conn.Query(
      "SELECT c.id, c.school_id, c.year_id, c.grade, c.letter, c.class_teacher_id, u.last_name,"
      " u.first_name, u.middle_name,"
      " (SELECT COUNT(*) FROM enrolments e WHERE e.class_id = c.id AND e.starts_on <= $3"
      "   AND (e.ends_on IS NULL OR e.ends_on >= $3))"
      " FROM classes c LEFT JOIN users u ON u.id = c.class_teacher_id"
      " WHERE c.school_id = $1 AND c.year_id = $2 ORDER BY c.grade, c.letter",
      {Value{school_id}, Value{*year_id}, Value{today}});
  tx.Commit();
  std::vector<ClassView> out;
  for (const auto& r : rows) {
    if (!domain::Allowed(actor, domain::Action::kViewClass,
                         domain::Resource::OfClass(school_id, r.Int(0)))) {
      continue;
    }
    ClassView v;
    v.id = r.Int(0);
    v.school_id = r.Int(1);
    v.year_id = r.Int(2);
    v.grade = static_cast<int>(r.Int(3));
    v.letter = r.Text(4);
    v.name = ClassName(v.grade, v.letter);
    v.class_teacher_id = r.OptInt(5);
    if (v.class_teacher_id) v.class_teacher_name = FullName(r.Text(6), r.Text(7), r.OptText(8));
    v.students = r.Int(9);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace ej::service
