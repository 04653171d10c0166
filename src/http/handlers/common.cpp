#include "http/handlers/common.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

#include "domain/calendar.h"

namespace ej::http {

namespace {

int64_t FirstSchool(const HandlerContext& ctx, RequestReader& in) {
  const auto& grants = ctx.actor().grants;
  if (grants.empty()) {
    in.Fail(domain::Error::Of(domain::ErrorCode::kForbidden));
    return 0;
  }
  return grants.front().school_id;
}

}  // namespace

int64_t SchoolParam(const HandlerContext& ctx, RequestReader& in) {
  if (auto given = in.IdParam("schoolId")) return *given;
  return in.ok() ? FirstSchool(ctx, in) : 0;
}

int64_t SchoolInBody(const HandlerContext& ctx, RequestReader& in) {
  if (in.Has("schoolId")) return in.Int("schoolId");
  return in.ok() ? FirstSchool(ctx, in) : 0;
}

std::pair<std::string, std::string> WeekSpan(const HandlerContext& ctx) {
  auto from = ctx.request.QueryParam("from");
  auto to = ctx.request.QueryParam("to");
  if (from && to) return {*from, *to};
  const auto today = domain::ParseDate(ctx.services.clock.Today());
  const domain::Date monday = *today - (date::weekday{*today} - date::Monday);
  return {from.value_or(domain::FormatDate(monday)), to.value_or(domain::FormatDate(monday + date::days{6}))};
}

std::optional<int> HalfHours(double hours, int min_half, int max_half) {
  const double doubled = hours * 2;
  if (doubled != std::floor(doubled) || doubled < min_half || doubled > max_half) return std::nullopt;
  return static_cast<int>(doubled);
}

Response ReplyEmpty(const domain::Status& status) {
  if (!status) return ErrorResponse(status.error());
  return NoContent();
}

Response ErrorResponseWith(const domain::Error& error, std::string_view key, boost::json::value value) {
  Response res = ErrorResponse(error);
  boost::json::object body = boost::json::parse(res.body).as_object();
  body[key] = std::move(value);
  res.body = boost::json::serialize(body);
  return res;
}

}  // namespace ej::http
