// A compromised account and the review of its changes (docs/api/openapi.yaml:
// /users/{id}/compromise, /reviews).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::value Snapshot(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*s, ec);
  return ec ? json::value(*s) : v;
}

json::object ReviewJson(const service::ReviewItem& i) {
  return {{"eventId", i.event_id},
          {"compromiseId", i.compromise_id},
          {"status", i.status},
          {"at", i.occurred_at},
          {"by", json::object{{"id", i.actor_id}, {"fullName", i.actor_name}}},
          {"action", i.action},
          {"entity", i.entity},
          {"entityId", i.entity_id},
          {"place", i.place},
          {"before", Snapshot(i.before)},
          {"after", Snapshot(i.after)},
          {"reason", OrNull(i.reason)},
          {"reviewedBy", i.reviewed_by ? json::value(json::object{{"id", *i.reviewed_by}, {"fullName", i.reviewer_name}})
                                       : nullptr},
          {"reviewedAt", OrNull(i.reviewed_at)},
          {"note", OrNull(i.note)}};
}

Response Decide(HandlerContext& ctx, bool revert) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"note"});
  if (!body) return ErrorResponse(body.error());
  auto note = OptionalString(*body, "note", 1000);
  if (!note) return ErrorResponse(note.error());
  const std::string text = note->value_or("");
  auto done = revert ? ctx.services.reviews.Revert(*ctx.conn, ctx.actor(), *id, text)
                     : ctx.services.reviews.Confirm(*ctx.conn, ctx.actor(), *id, text);
  if (!done) return ErrorResponse(done.error());
  return JsonResponse(200, ReviewJson(*done));
}

}  // namespace

// POST /api/v1/users/{id}/compromise {"since", "reason", "schoolId"?}
Response DeclareCompromise(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"schoolId", "since", "reason"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  auto since = RequiredString(*body, "since", 16);
  if (!since) return ErrorResponse(since.error());
  auto reason = RequiredString(*body, "reason", 1000);
  if (!reason) return ErrorResponse(reason.error());
  auto done = ctx.services.reviews.DeclareCompromise(*ctx.conn, ctx.actor(), *school, *id, *since, *reason);
  if (!done) return ErrorResponse(done.error());
  return JsonResponse(201, json::object{{"id", done->id},
                                        {"userId", done->user_id},
                                        {"since", done->since},
                                        {"flagged", done->flagged}});
}

// GET /api/v1/reviews?schoolId=&status=
Response ListReviews(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto items = ctx.services.reviews.List(*ctx.conn, ctx.actor(), *school,
                                         std::string(ctx.request.QueryParam("status").value_or("")));
  if (!items) return ErrorResponse(items.error());
  json::array out;
  for (const auto& i : *items) out.push_back(ReviewJson(i));
  return JsonResponse(200, json::object{{"items", std::move(out)}});
}

// POST /api/v1/reviews/{eventId}/confirm {"note"?}
Response ConfirmReview(HandlerContext& ctx) { return Decide(ctx, false); }
// POST /api/v1/reviews/{eventId}/revert {"note"}
Response RevertReview(HandlerContext& ctx) { return Decide(ctx, true); }

}  // namespace ej::http::handlers
