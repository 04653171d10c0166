// People and their accounts (docs/api/openapi.yaml: /users, /users/{id}, /users/{id}/lock,
// /users/{id}/unlock, /users/{id}/password, /users/{id}/compromise).
#include "domain/utf8.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

using domain::Error;
using domain::ErrorCode;
namespace json = boost::json;

// GET /api/v1/users?schoolId=&role=&q=&limit=&offset=
Response ListUsers(HandlerContext& ctx) {
  const Request& req = ctx.request;
  RequestReader in(req);
  service::PeopleQuery q;
  q.school_id = SchoolParam(ctx, in);
  if (auto role = req.QueryParam("role"); role && !role->empty()) {
    q.role = domain::ParseRole(*role);
    in.Check(q.role.has_value(), ErrorCode::kInvalidValue, "role");
  }
  q.search = req.QueryParam("q").value_or("");
  if (!domain::IsValidUtf8(q.search)) in.Fail(Error::Of(ErrorCode::kInvalidUtf8));
  if (auto limit = req.QueryParam("limit")) {
    auto v = ParseId(*limit, "limit");
    if (in.Check(v && *v <= 500, ErrorCode::kInvalidValue, "limit (1..500)")) q.limit = *v;
  }
  if (auto offset = req.QueryParam("offset"); offset && *offset != "0") q.offset = in.IdParam("offset").value_or(0);
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyItems(ctx.services.users.ListPeople(*ctx.conn, ctx.actor(), q), PersonJson);
}

// GET /api/v1/users/{id}
Response GetUser(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.users.GetPerson(*ctx.conn, ctx.actor(), id), PersonJson);
  });
}

// POST /api/v1/users: a staff account, by the school's administrator.
Response CreateUser(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"schoolId", "login", "password", "lastName", "firstName", "middleName", "email", "position", "roles"});
  const int64_t school = SchoolInBody(ctx, in);
  service::NewAccount a;
  a.login = in.String("login", 64);
  a.password = in.String("password", 256);
  a.last_name = in.String("lastName", 100);
  a.first_name = in.String("firstName", 100);
  a.middle_name = in.OptString("middleName", 100);
  a.email = in.OptString("email", 254);
  a.position = in.OptString("position", 100);
  for (const json::value& r : in.Array("roles")) {
    if (!in.Check(r.is_string(), ErrorCode::kWrongType, "roles")) break;
    auto role = domain::ParseRole(r.get_string());
    if (!in.Check(role.has_value(), ErrorCode::kInvalidValue, "roles")) break;
    a.roles.push_back(*role);
  }
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.users.CreateAccount(*ctx.conn, ctx.actor(), school, a), PersonJson);
}

namespace {

Response SetLocked(HandlerContext& ctx, bool locked) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"schoolId"});
  const int64_t school = SchoolInBody(ctx, in);
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyEmpty(ctx.services.users.SetLocked(*ctx.conn, ctx.actor(), school, id, locked));
}

}  // namespace

// POST /api/v1/users/{id}/lock {"schoolId"?}: also ends the user's sessions.
Response LockUser(HandlerContext& ctx) { return SetLocked(ctx, true); }
// POST /api/v1/users/{id}/unlock {"schoolId"?}
Response UnlockUser(HandlerContext& ctx) { return SetLocked(ctx, false); }

// POST /api/v1/users/{id}/password {"newPassword", "schoolId"?}
Response ResetUserPassword(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"schoolId", "newPassword"});
  const int64_t school = SchoolInBody(ctx, in);
  const std::string password = in.String("newPassword", 256);
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyEmpty(ctx.services.users.ResetPassword(*ctx.conn, ctx.actor(), school, id, password));
}

// POST /api/v1/users/{id}/compromise {"since", "reason", "schoolId"?}: the account was used by
// someone else; its changes since then go to review (/reviews).
Response DeclareCompromise(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"schoolId", "since", "reason"});
  const int64_t school = SchoolInBody(ctx, in);
  const std::string since = in.String("since", 16);
  const std::string reason = in.String("reason", 1000);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.reviews.DeclareCompromise(*ctx.conn, ctx.actor(), school, id, since, reason),
               [](const auto& done) {
                 return json::object{
                     {"id", done.id}, {"userId", done.user_id}, {"since", done.since}, {"flagged", done.flagged}};
               });
}

}  // namespace ej::http::handlers
