// Marks once given (docs/api/openapi.yaml: /marks/{id}, /marks/{id}/remove, /marks/{id}/history);
// a mark is given at /lessons/{id}/marks (lessons.cpp) or /journals/{id}/marks (journals.cpp).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

// The changed mark; a stale version answers 409 with the mark as it is now
// ("current"), so the teacher sees what the other save did.
Response MarkChanged(HandlerContext& ctx, const domain::Result<service::MarkView>& saved, int64_t mark_id) {
  if (saved || saved.error().code != ErrorCode::kStaleVersion) return Reply(200, saved, MarkJson);
  auto current = ctx.services.marks.History(*ctx.conn, ctx.actor(), mark_id);
  if (!current) return ErrorResponse(saved.error());
  return ErrorResponseWith(saved.error(), "current", MarkJson(current->first));
}

int Version(RequestReader& in) { return in.IntIn("version", 1, 1'000'000); }

}  // namespace

// PATCH /api/v1/marks/{id}: {value?, workTypeId?, comment?, reason, version}
Response CorrectMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"value", "workTypeId", "comment", "reason", "version"});
  service::MarkCorrection c;
  c.value = in.OptString("value", 10);
  c.work_type_id = in.OptInt("workTypeId");
  c.comment = in.OptString("comment", 500);
  c.reason = in.String("reason", 500);
  c.expected_version = Version(in);
  if (!in.ok()) return ErrorResponse(in.error());
  return MarkChanged(ctx, ctx.services.marks.Correct(*ctx.conn, ctx.actor(), id, c), id);
}

// POST /api/v1/marks/{id}/remove: {reason, version}
Response RemoveMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"reason", "version"});
  const std::string reason = in.String("reason", 500);
  const int version = Version(in);
  if (!in.ok()) return ErrorResponse(in.error());
  return MarkChanged(ctx, ctx.services.marks.Remove(*ctx.conn, ctx.actor(), id, reason, version), id);
}

// GET /api/v1/marks/{id}/history
Response GetMarkHistory(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.marks.History(*ctx.conn, ctx.actor(), id), WithHistory("mark", MarkJson));
  });
}

}  // namespace ej::http::handlers
