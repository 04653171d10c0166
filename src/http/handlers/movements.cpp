// Students' movements: admissions, transfers, departures (docs/api/openapi.yaml: /movements).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// GET /api/v1/movements?schoolId=&from=&to=
Response ListMovements(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  auto from = ctx.request.QueryParam("from");
  auto to = ctx.request.QueryParam("to");
  in.Check(from && to, domain::ErrorCode::kMissingField, "from, to");
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyItems(ctx.services.roster.List(*ctx.conn, ctx.actor(), school, *from, *to), MovementJson);
}

}  // namespace ej::http::handlers
