// The review of a compromised account's changes (docs/api/openapi.yaml: /reviews,
// /reviews/{id}/confirm, /reviews/{id}/revert); the compromise is declared at
// /users/{id}/compromise.
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object ReviewJson(const service::ReviewItem& i) {
  return {
      {"eventId", i.event_id},
      {"compromiseId", i.compromise_id},
      {"status", i.status},
      {"at", i.occurred_at},
      {"by", NamedJson(service::Named{i.actor_id, i.actor_name}, "fullName")},
      {"action", i.action},
      {"entity", i.entity},
      {"entityId", i.entity_id},
      {"place", i.place},
      {"before", SnapshotJson(i.before)},
      {"after", SnapshotJson(i.after)},
      {"reason", OrNull(i.reason)},
      {"reviewedBy",
       i.reviewed_by ? json::value(NamedJson(service::Named{*i.reviewed_by, i.reviewer_name}, "fullName")) : nullptr},
      {"reviewedAt", OrNull(i.reviewed_at)},
      {"note", OrNull(i.note)}};
}

Response Decide(HandlerContext& ctx, bool revert) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"note"});
  const std::string note = in.OptString("note", 1000).value_or("");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200,
               revert ? ctx.services.reviews.Revert(*ctx.conn, ctx.actor(), id, note)
                      : ctx.services.reviews.Confirm(*ctx.conn, ctx.actor(), id, note),
               ReviewJson);
}

}  // namespace

// GET /api/v1/reviews?schoolId=&status=
Response ListReviews(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(
        ctx.services.reviews.List(*ctx.conn, ctx.actor(), school, ctx.request.QueryParam("status").value_or("")),
        ReviewJson);
  });
}

// POST /api/v1/reviews/{eventId}/confirm {"note"?}
Response ConfirmReview(HandlerContext& ctx) { return Decide(ctx, false); }
// POST /api/v1/reviews/{eventId}/revert {"note"}
Response RevertReview(HandlerContext& ctx) { return Decide(ctx, true); }

}  // namespace ej::http::handlers
