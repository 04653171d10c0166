// Roles a user holds in a school, and the scopes that limit them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ej::domain {

enum class Role {
  kAdministrator,
  kDirector,
  kDeputy,
  kTeacher,
  kClassTeacher,  // derived from classes.class_teacher_id, never stored as a grant
  kStudent,
  kParent,
  kSecretary,
};

inline constexpr Role kAllRoles[] = {
    Role::kAdministrator, Role::kDirector, Role::kDeputy, Role::kTeacher,
    Role::kClassTeacher,  Role::kStudent,  Role::kParent, Role::kSecretary,
};

// "administrator", "class_teacher", ... (the API's spelling).
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);
// Roles stored in user_roles (everything but the derived class teacher).
bool IsStoredRole(Role role);
// Staff of a school: everybody but students and parents.
bool IsStaffRole(Role role);

// One role of a user in one school. class_id is set for kClassTeacher (the
// class led) and kStudent (the class the student is enrolled in now).
struct RoleGrant {
  Role role;
  int64_t school_id;
  std::optional<int64_t> class_id;
};

// A subject a teacher teaches in a class.
struct TeachingScope {
  int64_t school_id;
  int64_t class_id;
  int64_t subject_id;
};

// Who is acting: the user and everything the rights function needs to decide.
// Built by the service from the database; never from what a client sent.
struct Actor {
  int64_t user_id = 0;
  std::vector<RoleGrant> grants;
  std::vector<TeachingScope> teaching;
  std::vector<int64_t> children;            // user ids of the students a parent represents
  std::vector<RoleGrant> children_classes;  // the children's current classes (student grants)

  bool Has(Role role, int64_t school_id) const;
  bool HasAnyIn(int64_t school_id) const;
  bool IsStaffIn(int64_t school_id) const;
};

}  // namespace ej::domain
