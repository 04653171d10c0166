#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::value Opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object MovementJson(const service::MovementView& m) {
  return {{"id", m.id},
          {"studentId", m.student_id},
          {"studentName", m.student_name},
          {"kind", m.kind},
          {"date", m.effective_on},
          {"orderNumber", m.order.number},
          {"orderDate", m.order.date},
          {"fromClass", Opt(m.from_class)},
          {"toClass", Opt(m.to_class)},
          {"note", Opt(m.note)}};
}

// Reads string fields in turn, keeping the first error.
struct Fields {
  const json::object& o;
  std::string prefix;
  std::optional<Error> error;

  std::string Required(std::string_view name, size_t max = 100) {
    auto v = RequiredString(o, name, max);
    if (!v && !error) error = Error::WithDetail(v.error().code, prefix + std::string(name));
    return v ? *v : std::string();
  }
  std::optional<std::string> Optional(std::string_view name, size_t max = 100) {
    auto v = OptionalString(o, name, max);
    if (!v && !error) error = Error::WithDetail(v.error().code, prefix + std::string(name));
    return v ? *v : std::nullopt;
  }
};

domain::Result<std::vector<service::NewParent>> ParseParents(const json::object& body) {
  std::vector<service::NewParent> parents;
  const json::value* v = body.if_contains("parents");
  if (!v || v->is_null()) return parents;
  if (!v->is_array()) return Error::WithDetail(ErrorCode::kWrongType, "parents");
  for (size_t i = 0; i < v->get_array().size(); ++i) {
    const std::string where = "parents[" + std::to_string(i) + "]";
    const json::value& item = v->get_array()[i];
    if (!item.is_object()) return Error::WithDetail(ErrorCode::kWrongType, where);
    for (const auto& kv : item.get_object()) {
      static constexpr std::string_view kKnown[] = {"lastName", "firstName", "middleName", "relation", "email", "phone"};
      if (std::find(std::begin(kKnown), std::end(kKnown), kv.key()) == std::end(kKnown)) {
        return Error::WithDetail(ErrorCode::kUnknownField, where + "." + std::string(kv.key()));
      }
    }
    Fields f{item.get_object(), where + ".", std::nullopt};
    service::NewParent p{f.Required("lastName"), f.Required("firstName"), f.Optional("middleName"),
                         f.Required("relation", 20), f.Optional("email", 254), f.Optional("phone", 30)};
    if (f.error) return *f.error;
    parents.push_back(std::move(p));
  }
  return parents;
}

}  // namespace

// POST /api/v1/students: admission by order, with the parents.
Response AdmitStudent(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"lastName", "firstName", "middleName", "sex", "birthDate", "classId", "date",
                                      "orderNumber", "orderDate", "parents"});
  if (!body) return ErrorResponse(body.error());
  Fields f{*body, "", std::nullopt};
  service::Admission a;
  a.last_name = f.Required("lastName");
  a.first_name = f.Required("firstName");
  a.middle_name = f.Optional("middleName");
  const std::string sex = f.Required("sex", 10);
  a.birth_date = f.Required("birthDate", 10);
  a.date = f.Required("date", 10);
  a.order = {f.Required("orderNumber", 50), f.Required("orderDate", 10)};
  if (f.error) return ErrorResponse(*f.error);
  auto parsed_sex = domain::ParseSex(sex);
  if (!parsed_sex) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "sex (male, female)"));
  a.sex = *parsed_sex;
  auto class_id = RequiredInt(*body, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  a.class_id = *class_id;
  auto parents = ParseParents(*body);
  if (!parents) return ErrorResponse(parents.error());
  a.parents = std::move(*parents);
  auto id = ctx.services.roster.Admit(*ctx.conn, ctx.actor(), a);
  if (!id) return ErrorResponse(id.error());
  auto person = ctx.services.users.GetPerson(*ctx.conn, ctx.actor(), *id);
  return JsonResponse(201, json::object{{"id", *id}, {"fullName", person ? person->full_name : ""}});
}

// POST /api/v1/students/{id}/transfer {"toClassId", "date", "orderNumber", "orderDate"}
Response TransferStudent(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"toClassId", "date", "orderNumber", "orderDate"});
  if (!body) return ErrorResponse(body.error());
  Fields f{*body, "", std::nullopt};
  const std::string date = f.Required("date", 10);
  service::Order order{f.Required("orderNumber", 50), f.Required("orderDate", 10)};
  if (f.error) return ErrorResponse(*f.error);
  auto to = RequiredInt(*body, "toClassId");
  if (!to) return ErrorResponse(to.error());
  auto moved = ctx.services.roster.Transfer(*ctx.conn, ctx.actor(), *id, *to, date, order);
  if (!moved) return ErrorResponse(moved.error());
  return JsonResponse(200, MovementJson(*moved));
}

// POST /api/v1/students/{id}/departure {"date", "orderNumber", "orderDate", "reason"?}
Response DismissStudent(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"date", "orderNumber", "orderDate", "reason"});
  if (!body) return ErrorResponse(body.error());
  Fields f{*body, "", std::nullopt};
  const std::string date = f.Required("date", 10);
  service::Order order{f.Required("orderNumber", 50), f.Required("orderDate", 10)};
  auto reason = f.Optional("reason", 100);
  if (f.error) return ErrorResponse(*f.error);
  auto moved = ctx.services.roster.Dismiss(*ctx.conn, ctx.actor(), *id, date, order, reason);
  if (!moved) return ErrorResponse(moved.error());
  return JsonResponse(200, MovementJson(*moved));
}

// GET /api/v1/classes/{id}/students?date=
Response GetClassStudents(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto roster = ctx.services.roster.Roster(*ctx.conn, ctx.actor(), *id, ctx.request.QueryParam("date").value_or(""));
  if (!roster) return ErrorResponse(roster.error());
  json::array students;
  for (const auto& s : roster->students) {
    json::object o{{"id", s.id}, {"fullName", s.full_name}, {"enrolledOn", s.enrolled_on}};
    if (roster->personal_data) {
      json::array parents;
      for (const auto& p : s.parents) {
        json::value consent = nullptr;
        if (p.consent) {
          consent = json::object{{"kind", *p.consent}, {"effectiveOn", *p.consent_on}, {"document", *p.consent_document}};
        }
        parents.push_back(json::object{{"id", p.id},
                                       {"fullName", p.full_name},
                                       {"relation", p.relation},
                                       {"phone", OrNull(p.phone)},
                                       {"email", OrNull(p.email)},
                                       {"activated", p.activated},
                                       {"consent", std::move(consent)}});
      }
      o["birthDate"] = OrNull(s.birth_date);
      o["sex"] = OrNull(s.sex);
      o["activated"] = s.activated;
      o["parents"] = std::move(parents);
    }
    students.push_back(std::move(o));
  }
  return JsonResponse(200, json::object{{"classId", roster->class_id},
                                        {"className", roster->class_name},
                                        {"date", roster->date},
                                        {"personalData", roster->personal_data},
                                        {"items", std::move(students)}});
}

// GET /api/v1/movements?schoolId=&from=&to=
Response ListMovements(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto from = ctx.request.QueryParam("from");
  auto to = ctx.request.QueryParam("to");
  if (!from || !to) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "from, to"));
  auto list = ctx.services.roster.List(*ctx.conn, ctx.actor(), *school, *from, *to);
  if (!list) return ErrorResponse(list.error());
  json::array items;
  for (const auto& m : *list) items.push_back(MovementJson(m));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace ej::http::handlers
