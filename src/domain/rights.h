// The one function that decides whether an actor may do an action on a
// resource. Pure: everything it needs is in its arguments. Every service call
// asks it before touching data.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/roles.h"

namespace ej::domain {

enum class Action {
  kViewOwnProfile,     // GET /me
  kChangeOwnPassword,  // POST /me/password
  kViewPerson,         // a person's card: name, roles, class, contacts
  kListPeople,         // the people of a school (directory, rosters)
  kManageAccounts,     // create staff accounts, lock/unlock, reset passwords
};

// A person as the rights function sees them: where they belong and how.
struct PersonRef {
  int64_t user_id = 0;
  std::vector<RoleGrant> grants;  // the person's own roles (student grants carry the class)
  // If a parent: the student grants of their children (school and class).
  std::vector<RoleGrant> children_grants;
};

// What an action is done to. Exactly the fields the action needs are set.
struct Resource {
  std::optional<int64_t> school_id;  // kListPeople, kManageAccounts
  std::optional<PersonRef> person;   // kViewPerson, kManageAccounts on a person
};

enum class Decision { kAllow, kDeny };

Decision Decide(const Actor& actor, Action action, const Resource& resource);

inline bool Allowed(const Actor& actor, Action action, const Resource& resource) {
  return Decide(actor, action, resource) == Decision::kAllow;
}

}  // namespace ej::domain
