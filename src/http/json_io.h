// JSON request bodies and responses. Every body is checked the same way:
// application/json, valid UTF-8, well-formed, an object, no unknown fields;
// field readers then check types and report the field by name.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "domain/result.h"
#include "http/types.h"

namespace ej::http {

domain::Result<boost::json::object> ParseBody(const Request& request,
                                              std::initializer_list<std::string_view> allowed);

// A string field, required. `max_chars` counts code points.
domain::Result<std::string> RequiredString(const boost::json::object& body, std::string_view field,
                                           size_t max_chars = 1000);
// A string field that may be absent or null.
domain::Result<std::optional<std::string>> OptionalString(const boost::json::object& body,
                                                          std::string_view field,
                                                          size_t max_chars = 1000);
// A whole number field, required.
domain::Result<int64_t> RequiredInt(const boost::json::object& body, std::string_view field);
// A whole number field that may be absent or null.
domain::Result<std::optional<int64_t>> OptionalInt(const boost::json::object& body, std::string_view field);

// A whole-number path or query parameter (positive ids).
domain::Result<int64_t> ParseId(std::string_view text, std::string_view name);

Response JsonResponse(unsigned status, const boost::json::value& body);
Response NoContent();

}  // namespace ej::http
