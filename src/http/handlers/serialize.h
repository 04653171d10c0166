// JSON shapes shared by several handlers.
#pragma once

#include <boost/json/object.hpp>

#include "service/principal.h"
#include "service/user_service.h"

namespace ej::http {

// GET /me's body (also the "user" of the login response).
boost::json::object ProfileJson(const service::Profile& profile);
boost::json::object PersonJson(const service::PersonView& person);

}  // namespace ej::http
