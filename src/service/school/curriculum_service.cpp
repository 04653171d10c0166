#include "service/school/curriculum_service.h"

#include <algorithm>
#include <map>

#include "domain/rights.h"
#include "service/common/actor_loader.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

struct LineColumns : storage::Columns {
  size_t subject_id = Add("s.id");
  size_t subject = Add("s.name");
  size_t subject_short = Add("s.short_name");
  size_t half_hours_per_week = Add("c.half_hours_per_week");
};
const LineColumns kLine;

struct LineTeacherColumns : storage::Columns {
  size_t subject_id = Add("t.subject_id");
  size_t id = Add("u.id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t middle = Add("u.middle_name");
};
const LineTeacherColumns kLineTeacher;

std::vector<CurriculumLineView> LoadCurriculum(storage::Connection& conn, int64_t class_id) {
  std::vector<CurriculumLineView> out;
  std::map<int64_t, size_t> by_subject;
  const LineColumns& k = kLine;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM curriculum c JOIN subjects s ON s.id = c.subject_id"
                                      " WHERE c.class_id = $1 ORDER BY s.id",
                                  {Value{class_id}})) {
    by_subject[r.Int(k.subject_id)] = out.size();
    out.push_back({{r.Int(k.subject_id), r.Text(k.subject), r.Text(k.subject_short)},
                   static_cast<int>(r.Int(k.half_hours_per_week)),
                   {}});
  }
  const LineTeacherColumns& t = kLineTeacher;
  for (const auto& r : conn.Query("SELECT " + t.List() +
                                      " FROM teaching_assignments t JOIN users u ON u.id = t.teacher_id"
                                      " WHERE t.class_id = $1 ORDER BY u.last_name, u.id",
                                  {Value{class_id}})) {
    auto it = by_subject.find(r.Int(t.subject_id));
    if (it == by_subject.end()) continue;  // taught without hours: shown once hours are set
    out[it->second].teachers.push_back({r.Int(t.id), FullName(r.Text(t.last), r.Text(t.first), r.OptText(t.middle))});
  }
  return out;
}

std::vector<int64_t> Ids(storage::Connection& conn, std::string_view sql, int64_t school_id) {
  std::vector<int64_t> ids;
  for (const auto& r : conn.Query(sql, {Value{school_id}})) ids.push_back(r.Int(0));
  return ids;
}

struct SubjectColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
  size_t short_name = Add("short_name");
};
const SubjectColumns kSubject;

struct ClassLoadColumns : storage::Columns {
  size_t class_id = Add("c.id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t subject_id = Add("s.id");
  size_t subject = Add("s.name");
  size_t subject_short = Add("s.short_name");
  size_t half_hours_per_week = Add("cu.half_hours_per_week");
};
const ClassLoadColumns kClassLoad;

// The teacher's subjects in classes of the year containing `today`, with the
// class curriculum's hours.
std::vector<LoadLine> ClassLoadLines(storage::Connection& conn, int64_t school_id, int64_t teacher_id,
                                     const std::string& today) {
  const ClassLoadColumns& k = kClassLoad;
  std::vector<LoadLine> out;
  for (const auto& r :
       conn.Query("SELECT " + k.List() +
                      " FROM teaching_assignments t JOIN classes c ON c.id = t.class_id"
                      " JOIN academic_years y ON y.id = c.year_id JOIN subjects s ON s.id = t.subject_id"
                      " JOIN curriculum cu ON cu.class_id = t.class_id AND cu.subject_id = t.subject_id"
                      " WHERE t.teacher_id = $1 AND t.school_id = $2 AND y.starts_on <= $3 AND y.ends_on >= $3"
                      " ORDER BY c.grade, c.letter, s.id",
                  {Value{teacher_id}, Value{school_id}, Value{today}})) {
    LoadLine line;
    line.class_id = r.Int(k.class_id);
    line.class_name = ClassName(r.Int(k.grade), r.Text(k.letter));
    line.subject = SubjectView{r.Int(k.subject_id), r.Text(k.subject), r.Text(k.subject_short)};
    line.half_hours_per_week = static_cast<int>(r.Int(k.half_hours_per_week));
    out.push_back(std::move(line));
  }
  return out;
}

struct GroupLoadColumns : storage::Columns {
  size_t group_id = Add("g.id");
  size_t group = Add("g.name");
  size_t class_id = Add("c.id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t subject_id = Add("s.id");
  size_t subject = Add("s.name");
  size_t subject_short = Add("s.short_name");
  size_t half_hours_per_week = Add("g.half_hours_per_week");
};
const GroupLoadColumns kGroupLoad;

// Groups with their own hours; a subgroup only when the class's curriculum
// doesn't already give the teacher that subject (no hour counted twice).
std::vector<LoadLine> GroupLoadLines(storage::Connection& conn, int64_t school_id, int64_t teacher_id,
                                     const std::string& today) {
  const GroupLoadColumns& k = kGroupLoad;
  std::vector<LoadLine> out;
  for (const auto& r : conn.Query(
           "SELECT " + k.List() +
               " FROM study_groups g JOIN academic_years y ON y.id = g.year_id"
               " LEFT JOIN classes c ON c.id = g.class_id LEFT JOIN subjects s ON s.id = g.subject_id"
               " WHERE g.teacher_id = $1 AND g.school_id = $2 AND g.half_hours_per_week IS NOT NULL"
               " AND y.starts_on <= $3 AND y.ends_on >= $3"
               " AND NOT (g.kind = 'subgroup' AND EXISTS (SELECT 1 FROM teaching_assignments t WHERE t.teacher_id = $1"
               "   AND t.class_id = g.class_id AND t.subject_id = g.subject_id))"
               " ORDER BY g.name, g.id",
           {Value{teacher_id}, Value{school_id}, Value{today}})) {
    LoadLine line;
    line.group_id = r.Int(k.group_id);
    line.group_name = r.Text(k.group);
    if (!r.IsNull(k.class_id)) {
      line.class_id = r.Int(k.class_id);
      line.class_name = ClassName(r.Int(k.grade), r.Text(k.letter));
    }
    if (!r.IsNull(k.subject_id))
      line.subject = SubjectView{r.Int(k.subject_id), r.Text(k.subject), r.Text(k.subject_short)};
    line.half_hours_per_week = static_cast<int>(r.Int(k.half_hours_per_week));
    out.push_back(std::move(line));
  }
  return out;
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
  const SubjectColumns& k = kSubject;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM subjects WHERE school_id = $1 ORDER BY id", {Value{school_id}})) {
    out.push_back({r.Int(k.id), r.Text(k.name), r.Text(k.short_name)});
  }
  tx.Commit();
  return out;
}

domain::Result<std::vector<CurriculumLineView>> CurriculumService::GetClassCurriculum(storage::Connection& conn,
                                                                                      const domain::Actor& actor,
                                                                                      int64_t class_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto cls = lookup::Class(conn, class_id);
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
  auto cls = lookup::Class(conn, class_id);
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
  const std::string today = clock_.Today();
  for (auto& line : ClassLoadLines(conn, school_id, teacher_id, today)) load.lines.push_back(std::move(line));
  for (auto& line : GroupLoadLines(conn, school_id, teacher_id, today)) load.lines.push_back(std::move(line));
  for (const auto& line : load.lines) load.total_half_hours += line.half_hours_per_week;
  tx.Commit();
  return load;
}

}  // namespace ej::service
