// Comments once written (docs/api/openapi.yaml: /comments/{id}/remove); they are written at
// /lessons/{id}/comments (lessons.cpp).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// POST /api/v1/comments/{id}/remove: {reason}
Response RemoveLessonComment(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"reason"});
  const std::string reason = in.String("reason", 500);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.comments.RemoveComment(*ctx.conn, ctx.actor(), id, reason), CommentJson);
}

}  // namespace ej::http::handlers
