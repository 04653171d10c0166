// The signed-in user (docs/api/openapi.yaml: /me).
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

}  // namespace ej::http::handlers
