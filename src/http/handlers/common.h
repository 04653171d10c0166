// Small pieces several handlers share: the school a request is about, and
// turning a service's answer into a response.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "http/handler_context.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http {

// The school a request is about: ?schoolId=, or the actor's first school
// (none: forbidden). Rights are checked by the service.
int64_t SchoolParam(const HandlerContext& ctx, RequestReader& in);
// The same from the body's "schoolId" (null there is missing).
int64_t SchoolInBody(const HandlerContext& ctx, RequestReader& in);

// ?from=&to= of a view of days; each defaults to the current week's Monday
// and Sunday (school-local today).
std::pair<std::string, std::string> WeekSpan(const HandlerContext& ctx);

// Hours given in steps of 0.5 as half hours, when whole and within
// [min_half, max_half] half hours.
std::optional<int> HalfHours(double hours, int min_half, int max_half);

// The {id} path parameter, then `answer(id)`: for handlers that read nothing else.
template <typename Answer>
Response WithPathId(HandlerContext& ctx, Answer&& answer) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  if (!in.ok()) return ErrorResponse(in.error());
  return answer(id);
}
// SchoolParam, then `answer(school)`: for handlers that read nothing else.
template <typename Answer>
Response WithSchool(HandlerContext& ctx, Answer&& answer) {
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  if (!in.ok()) return ErrorResponse(in.error());
  return answer(school);
}

// A service's answer: `to_json` of its value with `status`, or its error.
template <typename T, typename ToJson>
Response Reply(unsigned status, const domain::Result<T>& result, ToJson&& to_json) {
  if (!result) return ErrorResponse(result.error());
  return JsonResponse(status, to_json(*result));
}
// A list as {"items": [...]} with 200, or the error.
template <typename T, typename ToJson>
Response ReplyItems(const domain::Result<std::vector<T>>& result, ToJson&& to_json) {
  if (!result) return ErrorResponse(result.error());
  return JsonResponse(200, boost::json::object{{"items", ArrayOf(*result, to_json)}});
}
// 204, or the error.
Response ReplyEmpty(const domain::Status& status);

// The error response with one more member beside "error" (what the client
// needs to mend the request: the current mark, the rows to fix).
Response ErrorResponseWith(const domain::Error& error, std::string_view key, boost::json::value value);

}  // namespace ej::http
