#include "domain/roles.h"

#include <algorithm>

namespace ej::domain {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kAdministrator:
      return "administrator";
    case Role::kDirector:
      return "director";
    case Role::kDeputy:
      return "deputy";
    case Role::kTeacher:
      return "teacher";
    case Role::kClassTeacher:
      return "class_teacher";
    case Role::kStudent:
      return "student";
    case Role::kParent:
      return "parent";
    case Role::kSecretary:
      return "secretary";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role role : kAllRoles) {
    if (ToString(role) == text) return role;
  }
  return std::nullopt;
}

bool IsStoredRole(Role role) { return role != Role::kClassTeacher; }

bool IsStaffRole(Role role) { return role != Role::kStudent && role != Role::kParent; }

bool Actor::Has(Role role, int64_t school_id) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const RoleGrant& g) { return g.role == role && g.school_id == school_id; });
}

bool Actor::HasAnyIn(int64_t school_id) const {
  return std::any_of(grants.begin(), grants.end(), [&](const RoleGrant& g) { return g.school_id == school_id; });
}

bool Actor::IsStaffIn(int64_t school_id) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const RoleGrant& g) { return g.school_id == school_id && IsStaffRole(g.role); });
}

}  // namespace ej::domain
