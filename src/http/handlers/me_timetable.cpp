// The signed-in user's own timetable, or a child's (docs/api/openapi.yaml: /me/timetable).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// GET /api/v1/me/timetable?from=&to=&studentId=
Response GetMyTimetable(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const auto student = in.IdParam("studentId");
  if (!in.ok()) return ErrorResponse(in.error());
  auto [from, to] = WeekSpan(ctx);
  return ReplyItems(ctx.services.timetable.MyTimetable(*ctx.conn, ctx.actor(), from, to, student), LessonJson);
}

}  // namespace ej::http::handlers
