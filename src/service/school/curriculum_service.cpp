#include "service/school/curriculum_service.h"

#include <algorithm>
#include <map>

#include "domain/rights.h"
#include "service/common/actor_loader.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

struct ClassRow {
  int64_t school_id;
  std::string name;
};

std::optional<ClassRow> FindClass(storage::Connection& conn, int64_t class_id) {
  auto r = conn.QueryOne("SELECT school_id, grade, letter FROM classes WHERE id = $1", {Value{class_id}});
  if (!r) return std::nullopt;
  return ClassRow{r->Int(0), ClassName(r->Int(1), r->Text(2))};
}

std::vector<CurriculumLineView> LoadCurriculum(storage::Connection& conn, int64_t class_id) {
  std::vector<CurriculumLineView> out;
  std::map<int64_t, size_t> by_subject;
  for (const auto& r : conn.Query("SELECT s.id, s.name, s.short_name, c.half_hours_per_week FROM curriculum c"
                                  " JOIN subjects s ON s.id = c.subject_id WHERE c.class_id = $1 ORDER BY s.id",
                                  {Value{class_id}})) {
    by_subject[r.Int(0)] = out.size();
    out.push_back({{r.Int(0), r.Text(1), r.Text(2)}, static_cast<int>(r.Int(3)), {}});
  }
  for (const auto& r :
       conn.Query("SELECT t.subject_id, u.id, u.last_name, u.first_name, u.middle_name FROM teaching_assignments t"
                  " JOIN users u ON u.id = t.teacher_id WHERE t.class_id = $1 ORDER BY u.last_name, u.id",
                  {Value{class_id}})) {
    auto it = by_subject.find(r.Int(0));
    if (it == by_subject.end()) continue;  // taught without hours: shown once hours are set
    out[it->second].teachers.push_back({r.Int(1), FullName(r.Text(2), r.Text(3), r.OptText(4))});
  }
  return out;
}

std::vector<int64_t> Ids(storage::Connection& conn, std::string_view sql, int64_t school_id) {
  std::vector<int64_t> ids;
  for (const auto& r : conn.Query(sql, {Value{school_id}})) ids.push_back(r.Int(0));
  return ids;
}

}  // namespace

namespace curriculum {

void Save(storage::Connection& conn, int64_t school_id, int64_t class_id,
          const std::vector<domain::CurriculumLine>& lines) {
  conn.Query("DELETE FROM curriculum WHERE class_id = $1", {Value{class_id}});
  conn.Query("DELETE FROM teaching_assignments WHERE class_id = $1", {Value{class_id}});
  for (const auto& line : lines) {
    conn.Query("INSERT INTO curriculum (school_id, class_id, subject_id, half_hours_per_week) VALUES ($1, $2, $3, $4)",
               {Value{school_id}, Value{class_id}, Value{line.subject_id}, Value{int64_t{line.half_hours_per_week}}});
    for (int64_t teacher : line.teacher_ids) {
      conn.Query(
          "INSERT INTO teaching_assignments (school_id, teacher_id, class_id, subject_id) VALUES ($1, $2, $3, $4)",
          {Value{school_id}, Value{teacher}, Value{class_id}, Value{line.subject_id}});
    }
  }
}

}  // namespace curriculum

domain::Result<std::vector<SubjectView>> CurriculumService::ListSubjects(storage::Connection& conn,
                                                                         const domain::Actor& actor,
                                                                         int64_t school_id) {
  if (!domain::Allowed(actor, Action::kViewSchoolCalendar, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<SubjectView> out;
  for (const auto& r :
       conn.Query("SELECT id, name, short_name FROM subjects WHERE school_id = $1 ORDER BY id", {Value{school_id}})) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  }
  tx.Commit();
  return out;
}

domain::Result<std::vector<CurriculumLineView>> CurriculumService::GetClassCurriculum(storage::Connection& conn,
                                                                                      const domain::Actor& actor,
                                                                                      int64_t class_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto cls = FindClass(conn, class_id);
  if (!cls || !domain::Allowed(actor, Action::kViewClass, Resource::OfClass(cls->school_id, class_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto lines = LoadCurriculum(conn, class_id);
  tx.Commit();
  return lines;
}

domain::Result<std::vector<CurriculumLineView>> CurriculumService::SetClassCurriculum(
    storage::Connection& conn, const domain::Actor& actor, int64_t class_id,
    const std::vector<domain::CurriculumLine>& lines) {
  storage::Transaction tx(conn, TxMode::kWrite);
  auto cls = FindClass(conn, class_id);
  if (!cls || !domain::Allowed(actor, Action::kViewClass, Resource::OfClass(cls->school_id, class_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(cls->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  domain::CurriculumContext context;
  context.school_subjects = Ids(conn, "SELECT id FROM subjects WHERE school_id = $1", cls->school_id);
  context.school_teachers =
      Ids(conn, "SELECT user_id FROM user_roles WHERE school_id = $1 AND role = 'teacher'", cls->school_id);
  if (auto problems = domain::CheckCurriculum(lines, context); !problems.empty()) {
    std::string detail = cls->name + ": " + problems.front();
    if (problems.size() > 1) detail += " (и ещё " + std::to_string(problems.size() - 1) + ")";
    return Error::WithDetail(ErrorCode::kInvalidCurriculum, detail);
  }
  curriculum::Save(conn, cls->school_id, class_id, lines);
  auto saved = LoadCurriculum(conn, class_id);
  tx.Commit();
  return saved;
}

domain::Result<TeacherLoad> CurriculumService::GetTeacherLoad(storage::Connection& conn, const domain::Actor& actor,
                                                              int64_t school_id, int64_t teacher_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  domain::PersonRef ref = LoadPersonRef(conn, teacher_id, clock_.Today());
  // Someone who is not a teacher of that school, or whom the actor may not
  // look at, is not found.
  const bool teaches_here = std::any_of(ref.grants.begin(), ref.grants.end(), [&](const domain::RoleGrant& g) {
    return g.role == domain::Role::kTeacher && g.school_id == school_id;
  });
  if (!teaches_here || !domain::Allowed(actor, Action::kViewTeacherLoad, Resource::OfPerson(ref, school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  TeacherLoad load;
  load.teacher = {teacher_id, lookup::FullNameOf(conn, teacher_id)};
  for (const auto& r :
       conn.Query("SELECT c.id, c.grade, c.letter, s.id, s.name, s.short_name, cu.half_hours_per_week"
                  " FROM teaching_assignments t JOIN classes c ON c.id = t.class_id"
                  " JOIN academic_years y ON y.id = c.year_id JOIN subjects s ON s.id = t.subject_id"
                  " JOIN curriculum cu ON cu.class_id = t.class_id AND cu.subject_id = t.subject_id"
                  " WHERE t.teacher_id = $1 AND t.school_id = $2 AND y.starts_on <= $3 AND y.ends_on >= $3"
                  " ORDER BY c.grade, c.letter, s.id",
                  {Value{teacher_id}, Value{school_id}, Value{clock_.Today()}})) {
    LoadLine line;
    line.class_id = r.Int(0);
    line.class_name = ClassName(r.Int(1), r.Text(2));
    line.subject = SubjectView{r.Int(3), r.Text(4), r.Text(5)};
    line.half_hours_per_week = static_cast<int>(r.Int(6));
    load.total_half_hours += line.half_hours_per_week;
    load.lines.push_back(std::move(line));
  }
  // Groups with their own hours; a subgroup only when the class's curriculum
  // doesn't already give the teacher that subject (no hour counted twice).
  for (const auto& r : conn.Query(
           "SELECT g.id, g.name, c.id, c.grade, c.letter, s.id, s.name, s.short_name, g.half_hours_per_week"
           " FROM study_groups g JOIN academic_years y ON y.id = g.year_id"
           " LEFT JOIN classes c ON c.id = g.class_id LEFT JOIN subjects s ON s.id = g.subject_id"
           " WHERE g.teacher_id = $1 AND g.school_id = $2 AND g.half_hours_per_week IS NOT NULL"
           " AND y.starts_on <= $3 AND y.ends_on >= $3"
           " AND NOT (g.kind = 'subgroup' AND EXISTS (SELECT 1 FROM teaching_assignments t WHERE t.teacher_id = $1"
           "   AND t.class_id = g.class_id AND t.subject_id = g.subject_id))"
           " ORDER BY g.name, g.id",
           {Value{teacher_id}, Value{school_id}, Value{clock_.Today()}})) {
    LoadLine line;
    line.group_id = r.Int(0);
    line.group_name = r.Text(1);
    if (!r.IsNull(2)) {
      line.class_id = r.Int(2);
      line.class_name = ClassName(r.Int(3), r.Text(4));
    }
    if (!r.IsNull(5)) line.subject = SubjectView{r.Int(5), r.Text(6), r.Text(7)};
    line.half_hours_per_week = static_cast<int>(r.Int(8));
    load.total_half_hours += line.half_hours_per_week;
    load.lines.push_back(std::move(line));
  }
  tx.Commit();
  return load;
}

}  // namespace ej::service
