// JSON shapes shared by several handlers.
#pragma once

#include <optional>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <boost/json/array.hpp>

#include "service/journal_events.h"
#include "service/principal.h"
#include "service/user_service.h"

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
boost::json::object PersonJson(const service::PersonView& person);

}  // namespace ej::http
