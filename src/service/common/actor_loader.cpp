#include "service/common/actor_loader.h"

#include "service/common/sql.h"

namespace ej::service {

using domain::Role;
using storage::Value;

namespace {

constexpr std::string_view kUserSql =
    "SELECT id, COALESCE(login, ''), last_name, first_name, middle_name FROM users WHERE id = $1";

constexpr std::string_view kStoredRolesSql =
    "SELECT r.role, r.school_id, s.name FROM user_roles r JOIN schools s ON s.id = r.school_id"
    " WHERE r.user_id = $1 ORDER BY r.school_id, r.id";

constexpr std::string_view kLedClassesSql =
    "SELECT c.id, c.school_id, c.grade, c.letter, s.name FROM classes c"
    " JOIN academic_years y ON y.id = c.year_id JOIN schools s ON s.id = c.school_id"
    " WHERE c.class_teacher_id = $1 AND y.starts_on <= $2 AND y.ends_on >= $2"
    " ORDER BY c.grade, c.letter";

// The class a student attends today; also used for a parent's children.
const std::string kCurrentClassSql =
    "SELECT e.school_id, e.class_id, c.grade, c.letter FROM enrolments e"
    " JOIN classes c ON c.id = e.class_id"
    " WHERE e.student_id = $1 AND " +
    sql::ActiveOn("e", "$2") + " ORDER BY e.starts_on DESC";

constexpr std::string_view kTeachingSql =
    "SELECT t.school_id, t.class_id, t.subject_id FROM teaching_assignments t"
    " JOIN classes c ON c.id = t.class_id JOIN academic_years y ON y.id = c.year_id"
    " WHERE t.teacher_id = $1 AND y.starts_on <= $2 AND y.ends_on >= $2";

constexpr std::string_view kChildrenSql =
    "SELECT g.student_id, g.school_id, u.last_name, u.first_name, u.middle_name FROM guardians g"
    " JOIN users u ON u.id = g.student_id WHERE g.parent_id = $1"
    " ORDER BY u.last_name, u.first_name, u.id";

struct ClassRef {
  int64_t school_id;
  int64_t class_id;
  std::string name;
};

std::optional<ClassRef> CurrentClass(storage::Connection& conn, int64_t student_id, std::string_view today) {
  auto rows = conn.Query(kCurrentClassSql, {Value{student_id}, Value{std::string(today)}});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return ClassRef{r.Int(0), r.Int(1), ClassName(r.Int(2), r.Text(3))};
}

}  // namespace

std::string FullName(const std::string& last, const std::string& first, const std::optional<std::string>& middle) {
  std::string out = last + " " + first;
  if (middle && !middle->empty()) out += " " + *middle;
  return out;
}

std::string ClassName(int64_t grade, const std::string& letter) { return std::to_string(grade) + letter; }

std::optional<Principal> LoadPrincipal(storage::Connection& conn, int64_t user_id, std::string_view today) {
  auto user = conn.QueryOne(kUserSql, {Value{user_id}});
  if (!user) return std::nullopt;
  Principal p;
  p.actor.user_id = user_id;
  p.profile.id = user_id;
  p.profile.login = user->Text(1);
  p.profile.last_name = user->Text(2);
  p.profile.first_name = user->Text(3);
  p.profile.middle_name = user->OptText(4);
  p.profile.full_name = FullName(p.profile.last_name, p.profile.first_name, p.profile.middle_name);
  const Value uid{user_id};
  const Value day{std::string(today)};

  for (const auto& r : conn.Query(kStoredRolesSql, {uid})) {
    auto role = domain::ParseRole(r.Text(0));
    if (!role) continue;  // the CHECK constraint makes this unreachable
    RoleView view{*role, r.Int(1), r.Text(2), std::nullopt, std::nullopt, {}};
    domain::RoleGrant grant{*role, r.Int(1), std::nullopt};
    if (*role == Role::kStudent) {
      if (auto cls = CurrentClass(conn, user_id, today); cls && cls->school_id == view.school_id) {
        view.class_id = grant.class_id = cls->class_id;
        view.class_name = cls->name;
      }
    }
    if (*role == Role::kParent) {
      for (const auto& c : conn.Query(kChildrenSql, {uid})) {
        if (c.Int(1) != view.school_id) continue;
        ChildView child{c.Int(0), FullName(c.Text(2), c.Text(3), c.OptText(4)), c.Int(1), {}, {}};
        if (auto cls = CurrentClass(conn, child.id, today)) {
          child.class_id = cls->class_id;
          child.class_name = cls->name;
          p.actor.children_classes.push_back({Role::kStudent, cls->school_id, cls->class_id});
        }
        p.actor.children.push_back(child.id);
        view.children.push_back(std::move(child));
      }
    }
    p.actor.grants.push_back(grant);
    p.profile.roles.push_back(std::move(view));
  }
  for (const auto& r : conn.Query(kLedClassesSql, {uid, day})) {
    std::string name = ClassName(r.Int(2), r.Text(3));
    p.actor.grants.push_back({Role::kClassTeacher, r.Int(1), r.Int(0)});
    p.profile.roles.push_back({Role::kClassTeacher, r.Int(1), r.Text(4), r.Int(0), name, {}});
  }
  for (const auto& r : conn.Query(kTeachingSql, {uid, day})) {
    p.actor.teaching.push_back({r.Int(0), r.Int(1), r.Int(2)});
  }
  return p;
}

domain::PersonRef LoadPersonRef(storage::Connection& conn, int64_t user_id, std::string_view today) {
  domain::PersonRef ref;
  ref.user_id = user_id;
  const Value uid{user_id};
  for (const auto& r : conn.Query("SELECT role, school_id FROM user_roles WHERE user_id = $1", {uid})) {
    auto role = domain::ParseRole(r.Text(0));
    if (!role) continue;
    domain::RoleGrant grant{*role, r.Int(1), std::nullopt};
    if (*role == Role::kStudent) {
      if (auto cls = CurrentClass(conn, user_id, today); cls && cls->school_id == grant.school_id) {
        grant.class_id = cls->class_id;
      }
    }
    ref.grants.push_back(grant);
  }
  for (const auto& c : conn.Query(kChildrenSql, {uid})) {
    domain::RoleGrant grant{Role::kStudent, c.Int(1), std::nullopt};
    if (auto cls = CurrentClass(conn, c.Int(0), today)) grant.class_id = cls->class_id;
    ref.children_grants.push_back(grant);
  }
  return ref;
}

}  // namespace ej::service
