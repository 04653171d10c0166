#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"
#include "domain/utf8.h"

namespace ej::http::handlers {

using domain::Error;
using domain::ErrorCode;

// GET /api/v1/users?schoolId=&role=&q=&limit=&offset=
Response ListUsers(HandlerContext& ctx) {
  const Request& req = ctx.request;
  auto school = SchoolOf(ctx, req.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  service::PeopleQuery q;
  q.school_id = *school;
  if (auto role = req.QueryParam("role"); role && !role->empty()) {
    q.role = domain::ParseRole(*role);
    if (!q.role) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "role"));
  }
  q.search = req.QueryParam("q").value_or("");
  if (!domain::IsValidUtf8(q.search)) return ErrorResponse(ErrorCode::kInvalidUtf8);
  if (auto limit = req.QueryParam("limit")) {
    auto v = ParseId(*limit, "limit");
    if (!v || *v > 500) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "limit (1..500)"));
    q.limit = *v;
  }
  if (auto offset = req.QueryParam("offset"); offset && *offset != "0") {
    auto v = ParseId(*offset, "offset");
    if (!v) return ErrorResponse(v.error());
    q.offset = *v;
  }
  auto people = ctx.services.users.ListPeople(*ctx.conn, ctx.actor(), q);
  if (!people) return ErrorResponse(people.error());
  boost::json::array items;
  for (const auto& p : *people) items.push_back(PersonJson(p));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

// GET /api/v1/users/{id}
Response GetUser(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto person = ctx.services.users.GetPerson(*ctx.conn, ctx.actor(), *id);
  if (!person) return ErrorResponse(person.error());
  return JsonResponse(200, PersonJson(*person));
}

// POST /api/v1/users: a staff account, by the school's administrator.
Response CreateUser(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"schoolId", "login", "password", "lastName", "firstName",
                                      "middleName", "email", "position", "roles"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::NewAccount a;
  // Each field is checked in turn; the first problem is reported.
  domain::Status field_error = domain::Ok{};
  auto check = [&](auto result, auto& into) {
    if (!field_error.ok()) return;
    if (result) {
      into = std::move(*result);
    } else {
      field_error = result.error();
    }
  };
  check(RequiredString(*body, "login", 64), a.login);
  check(RequiredString(*body, "password", 256), a.password);
  check(RequiredString(*body, "lastName", 100), a.last_name);
  check(RequiredString(*body, "firstName", 100), a.first_name);
  check(OptionalString(*body, "middleName", 100), a.middle_name);
  check(OptionalString(*body, "email", 254), a.email);
  check(OptionalString(*body, "position", 100), a.position);
  if (!field_error) return ErrorResponse(field_error.error());
  const boost::json::value* roles = body->if_contains("roles");
  if (!roles) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "roles"));
  if (!roles->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "roles"));
  for (const auto& r : roles->get_array()) {
    if (!r.is_string()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "roles"));
    auto role = domain::ParseRole(r.get_string());
    if (!role) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "roles"));
    a.roles.push_back(*role);
  }
  auto person = ctx.services.users.CreateAccount(*ctx.conn, ctx.actor(), *school, a);
  if (!person) return ErrorResponse(person.error());
  return JsonResponse(201, PersonJson(*person));
}

namespace {

Response SetLocked(HandlerContext& ctx, bool locked) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"schoolId"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  auto st = ctx.services.users.SetLocked(*ctx.conn, ctx.actor(), *school, *id, locked);
  if (!st) return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace

// POST /api/v1/users/{id}/lock {"schoolId"?}: also ends the user's sessions.
Response LockUser(HandlerContext& ctx) { return SetLocked(ctx, true); }
// POST /api/v1/users/{id}/unlock {"schoolId"?}
Response UnlockUser(HandlerContext& ctx) { return SetLocked(ctx, false); }

// POST /api/v1/users/{id}/password {"newPassword", "schoolId"?}
Response ResetUserPassword(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"schoolId", "newPassword"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  auto password = RequiredString(*body, "newPassword", 256);
  if (!password) return ErrorResponse(password.error());
  auto st = ctx.services.users.ResetPassword(*ctx.conn, ctx.actor(), *school, *id, *password);
  if (!st) return ErrorResponse(st.error());
  return NoContent();
}

}  // namespace ej::http::handlers
