// The signed-in user's password (docs/api/openapi.yaml: /me/password).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// POST /api/v1/me/password {"currentPassword", "newPassword"} -> 204.
Response ChangeMyPassword(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"currentPassword", "newPassword"});
  const std::string current = in.String("currentPassword", 256);
  const std::string next = in.String("newPassword", 256);
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyEmpty(ctx.services.auth.ChangePassword(*ctx.conn, *ctx.session, current, next, ctx.client()));
}

}  // namespace ej::http::handlers
