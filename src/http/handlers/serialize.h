// JSON shapes shared by several handlers.
#pragma once

#include <optional>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <boost/json/array.hpp>

#include "service/journal/journal_events.h"
#include "service/common/principal.h"
#include "service/people/user_service.h"

namespace ej::http {

// An optional value as JSON: the value, or null.
template <typename T>
boost::json::value OrNull(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// The journal's history of one entity: each event with who, when, the
// entity before and after (stored as JSON) and the reason, under the key
// `reason_key` ("reason"; "explanation" for period marks, whose reason is
// itself JSON).
boost::json::array HistoryJson(const std::vector<service::events::StoredEvent>& events, const char* reason_key);

// GET /me's body (also the "user" of the login response).
boost::json::object ProfileJson(const service::Profile& profile);
// The signed-in user (GET /me, the login's "user"): the profile and what the
// user may do, per school and per class they lead, as the rights function
// decides, so the front end need not repeat the rights table.
boost::json::object UserJson(const service::Principal& principal);
boost::json::object PersonJson(const service::PersonView& person);

}  // namespace ej::http
