// Small pieces several handlers share.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "domain/result.h"
#include "http/handler_context.h"

namespace ej::http {

// The school a request is about: the one given (a query parameter or body
// field), or the actor's first school. Rights are checked by the service.
domain::Result<int64_t> SchoolOf(const HandlerContext& ctx, const std::optional<std::string>& given);
domain::Result<int64_t> SchoolInBody(const HandlerContext& ctx, const boost::json::object& body);
// An optional id in the query string (?classId=12).
domain::Result<std::optional<int64_t>> OptionalIdParam(const HandlerContext& ctx, std::string_view name);
// The {id} path parameter.
domain::Result<int64_t> PathId(const HandlerContext& ctx);

}  // namespace ej::http
