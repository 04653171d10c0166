#pragma once

#include <optional>
#include <string_view>

#include "domain/rights.h"
#include "service/common/principal.h"
#include "storage/database.h"

namespace ej::service {

// Loads a user's roles and scopes as of `today` ("YYYY-MM-DD"): stored roles,
// the classes they lead and teach in the academic year containing today, the
// class a student attends, a parent's children. nullopt if there is no such
// user. Read-only; the caller decides on the transaction.
std::optional<Principal> LoadPrincipal(storage::Connection& conn, int64_t user_id, std::string_view today);

// The roles of any person (not the actor) for the rights function: stored
// grants, a student's current class, a parent's children's classes.
domain::PersonRef LoadPersonRef(storage::Connection& conn, int64_t user_id, std::string_view today);

}  // namespace ej::service
