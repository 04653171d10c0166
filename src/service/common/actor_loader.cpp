#include "service/common/actor_loader.h"

#include "service/common/sql.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Role;
using storage::Value;

namespace {

struct UserColumns : storage::Columns {
  size_t login = Add("COALESCE(login, '')");
  size_t last = Add("last_name");
  size_t first = Add("first_name");
  size_t middle = Add("middle_name");
};
const UserColumns kUser;
const std::string kUserSql = "SELECT " + kUser.List() + " FROM users WHERE id = $1";

// The roles stored for a user; with the school's name for the profile.
struct StoredRoleColumns : storage::Columns {
  size_t role = Add("r.role");
  size_t school_id = Add("r.school_id");
  size_t school = Add("s.name");
};
const StoredRoleColumns kStoredRole;
const std::string kStoredRolesSql = "SELECT " + kStoredRole.List() +
                                    " FROM user_roles r JOIN schools s ON s.id = r.school_id"
                                    " WHERE r.user_id = $1 ORDER BY r.school_id, r.id";

struct RoleGrantColumns : storage::Columns {
  size_t role = Add("role");
  size_t school_id = Add("school_id");
};
const RoleGrantColumns kRoleGrant;
const std::string kRoleGrantsSql = "SELECT " + kRoleGrant.List() + " FROM user_roles WHERE user_id = $1";

struct LedClassColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t school_id = Add("c.school_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t school = Add("s.name");
};
const LedClassColumns kLedClass;
const std::string kLedClassesSql = "SELECT " + kLedClass.List() +
                                   " FROM classes c"
                                   " JOIN academic_years y ON y.id = c.year_id JOIN schools s ON s.id = c.school_id"
                                   " WHERE c.class_teacher_id = $1 AND y.starts_on <= $2 AND y.ends_on >= $2"
                                   " ORDER BY c.grade, c.letter";

struct TeachingColumns : storage::Columns {
  size_t school_id = Add("t.school_id");
  size_t class_id = Add("t.class_id");
  size_t subject_id = Add("t.subject_id");
};
const TeachingColumns kTeaching;
const std::string kTeachingSql = "SELECT " + kTeaching.List() +
                                 " FROM teaching_assignments t"
                                 " JOIN classes c ON c.id = t.class_id JOIN academic_years y ON y.id = c.year_id"
                                 " WHERE t.teacher_id = $1 AND y.starts_on <= $2 AND y.ends_on >= $2";

struct ChildColumns : storage::Columns {
  size_t student_id = Add("g.student_id");
  size_t school_id = Add("g.school_id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t middle = Add("u.middle_name");
};
const ChildColumns kChild;
const std::string kChildrenSql = "SELECT " + kChild.List() +
                                 " FROM guardians g"
                                 " JOIN users u ON u.id = g.student_id WHERE g.parent_id = $1"
                                 " ORDER BY u.last_name, u.first_name, u.id";

// The class a student attends today (the latest enrolment if two overlap);
// also used for a parent's children.
struct CurrentClassColumns : storage::Columns {
  size_t school_id = Add("e.school_id");
  size_t class_id = Add("e.class_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
};
const CurrentClassColumns kCurrentClass;
const std::string kCurrentClassSql = "SELECT " + kCurrentClass.List() +
                                     " FROM enrolments e JOIN classes c ON c.id = e.class_id"
                                     " WHERE e.student_id = $1 AND " +
                                     sql::ActiveOn("e", "$2") + " ORDER BY e.starts_on DESC";

struct ClassRef {
  int64_t school_id;
  int64_t class_id;
  std::string name;
};

std::optional<ClassRef> CurrentClass(storage::Connection& conn, int64_t student_id, std::string_view today) {
  auto rows = conn.Query(kCurrentClassSql, {Value{student_id}, Value{std::string(today)}});
  if (rows.empty()) return std::nullopt;
  const CurrentClassColumns& k = kCurrentClass;
  const auto& r = rows.front();
  return ClassRef{r.Int(k.school_id), r.Int(k.class_id), ClassName(r.Int(k.grade), r.Text(k.letter))};
}

// A parent's children in the school of `view`, with the classes they attend today.
void AddChildren(storage::Connection& conn, int64_t parent_id, std::string_view today, RoleView& view,
                 domain::Actor& actor) {
  const ChildColumns& k = kChild;
  for (const auto& c : conn.Query(kChildrenSql, {Value{parent_id}})) {
    if (c.Int(k.school_id) != view.school_id) continue;
    ChildView child{c.Int(k.student_id),
                    FullName(c.Text(k.last), c.Text(k.first), c.OptText(k.middle)),
                    c.Int(k.school_id),
                    {},
                    {}};
    if (auto cls = CurrentClass(conn, child.id, today)) {
      child.class_id = cls->class_id;
      child.class_name = cls->name;
      actor.children_classes.push_back({Role::kStudent, cls->school_id, cls->class_id});
    }
    actor.children.push_back(child.id);
    view.children.push_back(std::move(child));
  }
}

// The stored roles: a student's class, a parent's children.
void AddStoredRoles(storage::Connection& conn, int64_t user_id, std::string_view today, Principal& p) {
  const StoredRoleColumns& k = kStoredRole;
  for (const auto& r : conn.Query(kStoredRolesSql, {Value{user_id}})) {
    auto role = domain::ParseRole(r.Text(k.role));
    if (!role) continue;  // the CHECK constraint makes this unreachable
    RoleView view{*role, r.Int(k.school_id), r.Text(k.school), std::nullopt, std::nullopt, {}};
    domain::RoleGrant grant{*role, r.Int(k.school_id), std::nullopt};
    if (*role == Role::kStudent) {
      if (auto cls = CurrentClass(conn, user_id, today); cls && cls->school_id == view.school_id) {
        view.class_id = grant.class_id = cls->class_id;
        view.class_name = cls->name;
      }
    }
    if (*role == Role::kParent) AddChildren(conn, user_id, today, view, p.actor);
    p.actor.grants.push_back(grant);
    p.profile.roles.push_back(std::move(view));
  }
}

// The classes led and taught in the year containing today.
void AddClassesOfTheYear(storage::Connection& conn, int64_t user_id, std::string_view today, Principal& p) {
  const std::vector<Value> params = {Value{user_id}, Value{std::string(today)}};
  const LedClassColumns& k = kLedClass;
  for (const auto& r : conn.Query(kLedClassesSql, params)) {
    std::string name = ClassName(r.Int(k.grade), r.Text(k.letter));
    p.actor.grants.push_back({Role::kClassTeacher, r.Int(k.school_id), r.Int(k.id)});
    p.profile.roles.push_back({Role::kClassTeacher, r.Int(k.school_id), r.Text(k.school), r.Int(k.id), name, {}});
  }
  const TeachingColumns& t = kTeaching;
  for (const auto& r : conn.Query(kTeachingSql, params)) {
    p.actor.teaching.push_back({r.Int(t.school_id), r.Int(t.class_id), r.Int(t.subject_id)});
  }
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
  p.profile.login = user->Text(kUser.login);
  p.profile.last_name = user->Text(kUser.last);
  p.profile.first_name = user->Text(kUser.first);
  p.profile.middle_name = user->OptText(kUser.middle);
  p.profile.full_name = FullName(p.profile.last_name, p.profile.first_name, p.profile.middle_name);
  AddStoredRoles(conn, user_id, today, p);
  AddClassesOfTheYear(conn, user_id, today, p);
  return p;
}

domain::PersonRef LoadPersonRef(storage::Connection& conn, int64_t user_id, std::string_view today) {
  domain::PersonRef ref;
  ref.user_id = user_id;
  const Value uid{user_id};
  for (const auto& r : conn.Query(kRoleGrantsSql, {uid})) {
    auto role = domain::ParseRole(r.Text(kRoleGrant.role));
    if (!role) continue;
    domain::RoleGrant grant{*role, r.Int(kRoleGrant.school_id), std::nullopt};
    if (*role == Role::kStudent) {
      if (auto cls = CurrentClass(conn, user_id, today); cls && cls->school_id == grant.school_id) {
        grant.class_id = cls->class_id;
      }
    }
    ref.grants.push_back(grant);
  }
  for (const auto& c : conn.Query(kChildrenSql, {uid})) {
    domain::RoleGrant grant{Role::kStudent, c.Int(kChild.school_id), std::nullopt};
    if (auto cls = CurrentClass(conn, c.Int(kChild.student_id), today)) grant.class_id = cls->class_id;
    ref.children_grants.push_back(grant);
  }
  return ref;
}

}  // namespace ej::service
