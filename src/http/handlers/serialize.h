// JSON shapes shared by several handlers.
#pragma once

#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "service/principal.h"
#include "service/user_service.h"

namespace ej::http {

// An optional value as JSON: the value, or null.
template <typename T>
boost::json::value OrNull(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// GET /me's body (also the "user" of the login response).
boost::json::object ProfileJson(const service::Profile& profile);
boost::json::object PersonJson(const service::PersonView& person);

}  // namespace ej::http
