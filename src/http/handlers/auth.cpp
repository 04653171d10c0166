// Sessions (docs/api/openapi.yaml: /auth/login, /auth/logout, /auth/activate).
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"
#include "http/session_cookie.h"

namespace ej::http::handlers {

namespace {

// {"user", "csrfToken"} and the session cookie of a new session.
Response SessionResponse(HandlerContext& ctx, const domain::Result<service::LoginResult>& result) {
  if (!result) return ErrorResponse(result.error());
  const auto& session = *result->session;
  boost::json::object out{{"user", UserJson(*session.principal)}, {"csrfToken", session.csrf_token}};
  Response res = JsonResponse(200, out);
  res.Header("Set-Cookie",
             SessionCookie(result->token, ctx.services.auth.settings().absolute_timeout, ctx.request.secure));
  res.user_label = UserLabel(session.user_id);
  return res;
}

}  // namespace

// POST /api/v1/auth/login {"login", "password"} -> {"user", "csrfToken"} + cookie.
Response Login(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"login", "password"});
  const std::string login = in.String("login", 64);
  const std::string password = in.String("password", 256);
  if (!in.ok()) return ErrorResponse(in.error());
  return SessionResponse(ctx, ctx.services.auth.Login(*ctx.conn, login, password, ctx.client()));
}

// POST /api/v1/auth/activate {"login", "code", "newPassword"}: the first sign-in
// with the code from a credential slip; answers as login does.
Response Activate(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"login", "code", "newPassword"});
  const std::string login = in.String("login", 64);
  const std::string code = in.String("code", 32);
  const std::string password = in.String("newPassword", 256);
  if (!in.ok()) return ErrorResponse(in.error());
  return SessionResponse(ctx, ctx.services.auth.Activate(*ctx.conn, login, code, password, ctx.client()));
}

// POST /api/v1/auth/logout -> 204, the cookie cleared.
Response Logout(HandlerContext& ctx) {
  ctx.services.auth.Logout(*ctx.conn, ctx.request.session_token, ctx.client());
  Response res = NoContent();
  res.Header("Set-Cookie", SessionCookie("", 0, ctx.request.secure));
  return res;
}

}  // namespace ej::http::handlers
