// A journal entry put back as an event's snapshot shows it: how a change
// made from a compromised account is reverted (R-SEC, the compromise review).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "storage/database.h"

namespace ej::service::review {

struct Restored {
  std::optional<std::string> snapshot;  // the entry after the revert; none if it is gone
};

// Puts an entry (a mark, attendance, a period mark, a comment, a lesson's
// record) back as `before` shows it; with no `before`, as if never made.
// The caller has checked that it is still as `after` left it. Anything else
// is refused (request.invalid_value: it can only be confirmed).
domain::Result<Restored> Restore(storage::Connection& conn, const std::string& entity, int64_t id,
                                 const std::optional<boost::json::object>& before, const boost::json::object& after,
                                 int64_t reviewer, int64_t now);

}  // namespace ej::service::review
