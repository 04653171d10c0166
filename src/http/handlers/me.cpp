#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

// GET /api/v1/me: served from the session cache, no database round trip.
Response GetMe(HandlerContext& ctx) {
  auto profile = ctx.services.auth.OwnProfile(*ctx.session);
  if (!profile) return ErrorResponse(profile.error());
  boost::json::object out = UserJson(*ctx.session->principal);
  out["csrfToken"] = ctx.session->csrf_token;
  return JsonResponse(200, out);
}

// POST /api/v1/me/password {"currentPassword", "newPassword"} -> 204.
Response ChangeMyPassword(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"currentPassword", "newPassword"});
  if (!body) return ErrorResponse(body.error());
  auto current = RequiredString(*body, "currentPassword", 256);
  if (!current) return ErrorResponse(current.error());
  auto next = RequiredString(*body, "newPassword", 256);
  if (!next) return ErrorResponse(next.error());
  auto st = ctx.services.auth.ChangePassword(*ctx.conn, *ctx.session, *current, *next, ctx.client());
  if (!st) return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace ej::http::handlers
