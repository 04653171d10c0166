#include "domain/capabilities.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {
namespace {

boost::json::array ActionsJson(const std::vector<domain::Action>& actions) {
  boost::json::array out;
  for (domain::Action a : actions) out.emplace_back(domain::ActionName(a));
  return out;
}

// What the user may do, per school and per class they lead: the front end
// shows what the rights function would allow instead of repeating it.
boost::json::array CapabilitiesJson(const domain::Actor& actor) {
  boost::json::array out;
  for (const auto& school : domain::CapabilitiesOf(actor)) {
    boost::json::array classes;
    for (const auto& c : school.classes) {
      classes.push_back(boost::json::object{{"classId", c.class_id}, {"actions", ActionsJson(c.actions)}});
    }
    out.push_back(boost::json::object{
        {"schoolId", school.school_id}, {"actions", ActionsJson(school.actions)}, {"classes", std::move(classes)}});
  }
  return out;
}

}  // namespace

// GET /api/v1/me: served from the session cache, no database round trip.
Response GetMe(HandlerContext& ctx) {
  auto profile = ctx.services.auth.OwnProfile(*ctx.session);
  if (!profile) return ErrorResponse(profile.error());
  boost::json::object out = ProfileJson(**profile);
  out["csrfToken"] = ctx.session->csrf_token;
  out["capabilities"] = CapabilitiesJson(ctx.session->principal->actor);
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
