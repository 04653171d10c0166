// What a user may do, said ahead of any request: the rights function asked
// for "somewhere in the school" and for each class the user leads, so the
// front end shows what the server would allow without a copy of its rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/rights.h"

namespace ej::domain {

struct ClassCapabilities {
  int64_t class_id = 0;
  std::vector<Action> actions;
};

struct SchoolCapabilities {
  int64_t school_id = 0;
  // Allowed anywhere in the school: on any class, person or journal of it;
  // lesson actions (read a journal, write a lesson, write a plan) on the
  // user's own lessons.
  std::vector<Action> actions;
  // The classes the user leads, with everything allowed there (the
  // school-wide actions too).
  std::vector<ClassCapabilities> classes;
};

// One entry per school the user has a role in, in the order of the grants.
std::vector<SchoolCapabilities> CapabilitiesOf(const Actor& actor);

// "manageAccounts", "readJournal", ...: the API's name of an action.
std::string_view ActionName(Action action);
std::optional<Action> ParseActionName(std::string_view name);

}  // namespace ej::domain
