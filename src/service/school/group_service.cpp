#include "service/school/group_service.h"

#include <algorithm>
#include <set>

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::GroupKind;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

struct GroupColumns : storage::Columns {
  size_t id = Add("g.id");
  size_t school_id = Add("g.school_id");
  size_t year_id = Add("g.year_id");
  size_t kind = Add("g.kind");
  size_t name = Add("g.name");
  size_t class_id = Add("g.class_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t subject_id = Add("g.subject_id");
  size_t subject = Add("s.name");
  size_t teacher_id = Add("g.teacher_id");
  size_t teacher_last = Add("u.last_name");
  size_t teacher_first = Add("u.first_name");
  size_t teacher_middle = Add("u.middle_name");
  size_t half_hours_per_week = Add("g.half_hours_per_week");
  size_t shift = Add("g.shift");
  // $1 is the day the members are counted on.
  size_t members_count =
      Add("(SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND " + sql::ActiveOn("m", "$1") + ")");
};
const GroupColumns kGroup;
const std::string kGroupSelect =
    "SELECT " + kGroup.List() +
    " FROM study_groups g LEFT JOIN classes c ON c.id = g.class_id LEFT JOIN subjects s ON s.id = g.subject_id"
    " LEFT JOIN users u ON u.id = g.teacher_id";

GroupView ToGroup(const storage::Row& r) {
  const GroupColumns& k = kGroup;
  GroupView g;
  g.id = r.Int(k.id);
  g.school_id = r.Int(k.school_id);
  g.year_id = r.Int(k.year_id);
  g.kind = domain::ParseGroupKind(r.Text(k.kind)).value_or(GroupKind::kSubgroup);
  g.name = r.Text(k.name);
  g.class_id = r.OptInt(k.class_id);
  if (g.class_id) g.class_name = ClassName(r.Int(k.grade), r.Text(k.letter));
  g.subject_id = r.OptInt(k.subject_id);
  g.subject_name = r.OptText(k.subject);
  g.teacher_id = r.OptInt(k.teacher_id);
  if (g.teacher_id) {
    g.teacher_name = FullName(r.Text(k.teacher_last), r.Text(k.teacher_first), r.OptText(k.teacher_middle));
  }
  if (auto h = r.OptInt(k.half_hours_per_week)) g.half_hours_per_week = static_cast<int>(*h);
  g.shift = static_cast<int>(r.Int(k.shift));
  g.members_count = r.Int(k.members_count);
  return g;
}

std::optional<GroupView> FindGroup(storage::Connection& conn, int64_t group_id, const std::string& day) {
  auto r = conn.QueryOne(kGroupSelect + " WHERE g.id = $2", {Value{day}, Value{group_id}});
  if (!r) return std::nullopt;
  return ToGroup(*r);
}

struct MemberColumns : storage::Columns {
  size_t student_id = Add("m.student_id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t middle = Add("u.middle_name");
  size_t starts_on = Add("m.starts_on");
  size_t ends_on = Add("m.ends_on");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
};
const MemberColumns kMember;

std::vector<GroupMemberView> LoadMembers(storage::Connection& conn, int64_t group_id, const std::string& day) {
  const MemberColumns& k = kMember;
  std::vector<GroupMemberView> out;
  for (const auto& r :
       conn.Query("SELECT " + k.List() +
                      " FROM group_members m JOIN users u ON u.id = m.student_id"
                      " LEFT JOIN enrolments e ON e.student_id = m.student_id AND " +
                      sql::ActiveOn("e", "$2") +
                      " LEFT JOIN classes c ON c.id = e.class_id"
                      " WHERE m.group_id = $1 AND " +
                      sql::ActiveOn("m", "$2") + " ORDER BY u.last_name, u.first_name, u.middle_name, m.student_id",
                  {Value{group_id}, Value{day}})) {
    GroupMemberView m;
    m.student_id = r.Int(k.student_id);
    m.full_name = FullName(r.Text(k.last), r.Text(k.first), r.OptText(k.middle));
    m.starts_on = r.Text(k.starts_on);
    m.ends_on = r.OptText(k.ends_on);
    if (!r.IsNull(k.grade)) m.class_name = ClassName(r.Int(k.grade), r.Text(k.letter));
    out.push_back(std::move(m));
  }
  return out;
}

Error Invalid(const std::string& detail) { return Error::WithDetail(ErrorCode::kInvalidValue, detail); }

struct YearDatesColumns : storage::Columns {
  size_t starts_on = Add("starts_on");
  size_t ends_on = Add("ends_on");
};
const YearDatesColumns kYearDates;

// The members a group may have from `day`: within the group's year; one
// for an individual plan; students of this school on that day, and a
// subgroup's only of its class.
domain::Status CheckMembers(storage::Connection& conn, const GroupView& group, domain::Date date,
                            const std::string& day, const std::vector<int64_t>& student_ids) {
  auto year =
      conn.QueryOne("SELECT " + kYearDates.List() + " FROM academic_years WHERE id = $1", {Value{group.year_id}});
  if (day < year->Text(kYearDates.starts_on) || day > year->Text(kYearDates.ends_on)) {
    return Invalid("date: вне учебного года группы");
  }
  if (group.kind == GroupKind::kIndividual && student_ids.size() > 1) {
    return Invalid("studentIds: индивидуальный учебный план — для одного ученика");
  }
  for (int64_t id : student_ids) {
    auto cls = lookup::ClassOfStudentOn(conn, id, day);
    const std::string who = "ученик " + std::to_string(id);
    if (!cls || cls->school_id != group.school_id) {
      return Invalid("studentIds: " + who + " не учится в этой школе на " + domain::FormatDateRu(date));
    }
    if (group.kind == GroupKind::kSubgroup && cls->id != *group.class_id) {
      return Invalid("studentIds: " + lookup::FullNameOf(conn, id) + " учится в " + cls->name +
                     ", а подгруппа — класса " + group.class_name.value_or(""));
    }
  }
  return domain::Ok{};
}

struct MembershipColumns : storage::Columns {
  size_t id = Add("id");
  size_t student_id = Add("student_id");
  size_t starts_on = Add("starts_on");
};
const MembershipColumns kMembership;

// Memberships that hold on `day`, and those that start later (a plan changed
// before it began): the wanted ones already begun stay (returned), the rest
// end the day before, or go if they begin on `day` or later.
std::set<int64_t> EndMemberships(storage::Connection& conn, int64_t group_id, domain::Date date, const std::string& day,
                                 const std::vector<int64_t>& student_ids) {
  const MembershipColumns& k = kMembership;
  const std::set<int64_t> wanted(student_ids.begin(), student_ids.end());
  std::set<int64_t> staying;
  for (const auto& r : conn.Query(
           "SELECT " + k.List() + " FROM group_members WHERE group_id = $1 AND (ends_on IS NULL OR ends_on >= $2)",
           {Value{group_id}, Value{day}})) {
    const int64_t id = r.Int(k.id);
    const int64_t student = r.Int(k.student_id);
    const std::string& starts_on = r.Text(k.starts_on);
    if (wanted.count(student) && starts_on <= day) {
      staying.insert(student);
    } else if (starts_on >= day) {
      // Not yet begun, or begun today: replaced by what is set now.
      conn.Execute("DELETE FROM group_members WHERE id = $1", {Value{id}});
    } else {
      conn.Execute("UPDATE group_members SET ends_on = $2 WHERE id = $1",
                   {Value{id}, Value{domain::FormatDate(date - date::days{1})}});
    }
  }
  return staying;
}

}  // namespace

namespace groups {

int64_t Insert(storage::Connection& conn, int64_t school_id, int64_t year_id, const NewGroup& g, int shift) {
  auto r = conn.QueryOne(
      "INSERT INTO study_groups (school_id, year_id, kind, name, class_id, subject_id, teacher_id,"
      " half_hours_per_week, shift) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {Value{school_id}, Value{year_id}, Value{std::string(domain::ToString(g.kind))}, Value{g.name},
       storage::OrNull(g.class_id), storage::OrNull(g.subject_id), storage::OrNull(g.teacher_id),
       g.half_hours_per_week ? Value{int64_t{*g.half_hours_per_week}} : Value{}, Value{int64_t{shift}}});
  return r->Int(0);
}

void AddMember(storage::Connection& conn, int64_t school_id, int64_t group_id, int64_t student_id,
               const std::string& starts_on) {
  conn.Execute("INSERT INTO group_members (school_id, group_id, student_id, starts_on) VALUES ($1, $2, $3, $4)",
               {Value{school_id}, Value{group_id}, Value{student_id}, Value{starts_on}});
}

}  // namespace groups

domain::Result<std::vector<GroupView>> GroupService::ListGroups(storage::Connection& conn, const domain::Actor& actor,
                                                                int64_t school_id, std::optional<int64_t> class_id,
                                                                std::optional<std::string> day) {
  if (!domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string on = day.value_or(clock_.Today());
  if (!domain::ParseDate(on)) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<GroupView> out;
  if (class_id) {
    auto cls = lookup::Class(conn, *class_id);
    if (!cls || cls->school_id != school_id) return Error::Of(ErrorCode::kNotFound);
    // Its subgroups, and every group one of its students attends that day.
    for (const auto& r :
         conn.Query(kGroupSelect +
                        " WHERE g.class_id = $2 OR g.id IN (SELECT m.group_id FROM group_members m JOIN enrolments e"
                        "   ON e.student_id = m.student_id AND e.class_id = $2 AND " +
                        sql::ActiveOn("e", "$1") + "   WHERE " + sql::ActiveOn("m", "$1") +
                        ")"
                        " ORDER BY g.kind, g.name",
                    {Value{on}, Value{*class_id}})) {
      out.push_back(ToGroup(r));
    }
  } else {
    auto year = lookup::YearOn(conn, school_id, on);
    if (!year) {
      tx.Commit();
      return out;
    }
    for (const auto& r :
         conn.Query(kGroupSelect + " WHERE g.year_id = $2 ORDER BY g.kind, g.name", {Value{on}, Value{*year}})) {
      out.push_back(ToGroup(r));
    }
  }
  tx.Commit();
  return out;
}

domain::Result<GroupView> GroupService::GetGroup(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t group_id, std::optional<std::string> day) {
  const std::string on = day.value_or(clock_.Today());
  if (!domain::ParseDate(on)) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kRead);
  auto group = FindGroup(conn, group_id, on);
  if (!group || !domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(group->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  group->members = LoadMembers(conn, group_id, on);
  tx.Commit();
  return *group;
}

domain::Result<GroupView> GroupService::CreateGroup(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t school_id, const NewGroup& in) {
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  NewGroup g = in;
  g.name = std::string(domain::Trim(g.name));
  if (g.name.empty() || domain::Utf8Length(g.name) > 100) return Invalid("name (от 1 до 100 символов)");
  if (g.half_hours_per_week && (*g.half_hours_per_week < 1 || *g.half_hours_per_week > 80)) {
    return Invalid("hoursPerWeek (от 0.5 до 40)");
  }
  if (g.shift && *g.shift != 1 && *g.shift != 2) return Invalid("shift (1 или 2)");
  const bool needs_subject =
      g.kind == GroupKind::kSubgroup || g.kind == GroupKind::kLearning || g.kind == GroupKind::kIndividual;
  if (needs_subject && !g.subject_id) {
    return Error::WithDetail(ErrorCode::kMissingField,
                             "subjectId (" + std::string(domain::Describe(g.kind)) + " создаётся для предмета)");
  }
  if (g.kind == GroupKind::kSubgroup && !g.class_id) {
    return Error::WithDetail(ErrorCode::kMissingField, "classId (подгруппа делит класс)");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  int shift = g.shift.value_or(1);
  if (g.class_id) {
    auto cls = lookup::Class(conn, *g.class_id);
    if (!cls || cls->school_id != school_id) return Invalid("classId: нет такого класса в школе");
    if (g.year_id && *g.year_id != cls->year_id) return Invalid("yearId: класс относится к другому учебному году");
    g.year_id = cls->year_id;
    if (!g.shift) shift = cls->shift;
  }
  if (!g.year_id) {
    g.year_id = lookup::YearOn(conn, school_id, clock_.Today());
    if (!g.year_id) return Invalid("yearId: сегодня не идёт учебный год, укажите год");
  } else if (!lookup::IsYearOf(conn, school_id, *g.year_id)) {
    return Invalid("yearId: нет такого учебного года в школе");
  }
  if (g.subject_id && !lookup::IsSubjectOf(conn, school_id, *g.subject_id)) {
    return Invalid("subjectId: нет такого предмета в школе");
  }
  if (g.teacher_id && !lookup::IsTeacherOf(conn, school_id, *g.teacher_id)) {
    return Invalid("teacherId: это не учитель этой школы");
  }
  if (conn.QueryOne("SELECT 1 FROM study_groups WHERE year_id = $1 AND name = $2",
                    {Value{*g.year_id}, Value{g.name}})) {
    return Error::WithDetail(ErrorCode::kConflict, "группа «" + g.name + "» уже есть в этом учебном году");
  }
  const int64_t id = groups::Insert(conn, school_id, *g.year_id, g, shift);
  auto view = FindGroup(conn, id, clock_.Today());
  tx.Commit();
  return *view;
}

domain::Result<GroupView> GroupService::SetMembers(storage::Connection& conn, const domain::Actor& actor,
                                                   int64_t group_id, const std::string& day,
                                                   std::vector<int64_t> student_ids) {
  auto date = domain::ParseDate(day);
  if (!date) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  std::sort(student_ids.begin(), student_ids.end());
  if (std::adjacent_find(student_ids.begin(), student_ids.end()) != student_ids.end()) {
    return Invalid("studentIds: ученик указан дважды");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  auto group = FindGroup(conn, group_id, day);
  if (!group || !domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(group->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(group->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto st = CheckMembers(conn, *group, *date, day, student_ids); !st) return st.error();
  const std::set<int64_t> staying = EndMemberships(conn, group_id, *date, day, student_ids);
  for (int64_t id : student_ids) {
    if (!staying.count(id)) groups::AddMember(conn, group->school_id, group_id, id, day);
  }
  auto view = FindGroup(conn, group_id, day);
  view->members = LoadMembers(conn, group_id, day);
  tx.Commit();
  return *view;
}

}  // namespace ej::service
