#include <cmath>

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

json::object GroupJson(const service::GroupView& g) {
  json::object o{{"id", g.id},
                 {"kind", domain::ToString(g.kind)},
                 {"name", g.name},
                 {"schoolId", g.school_id},
                 {"yearId", g.year_id},
                 {"shift", g.shift},
                 {"membersCount", g.members_count}};
  o["class"] = g.class_id ? json::value(json::object{{"id", *g.class_id}, {"name", *g.class_name}}) : nullptr;
  o["subject"] =
      g.subject_id ? json::value(json::object{{"id", *g.subject_id}, {"name", *g.subject_name}}) : nullptr;
  o["teacher"] =
      g.teacher_id ? json::value(json::object{{"id", *g.teacher_id}, {"fullName", *g.teacher_name}}) : nullptr;
  o["hoursPerWeek"] = g.half_hours_per_week ? json::value(*g.half_hours_per_week / 2.0) : nullptr;
  return o;
}

json::object GroupWithMembers(const service::GroupView& g) {
  json::object o = GroupJson(g);
  json::array members;
  for (const auto& m : g.members) {
    members.push_back(json::object{{"studentId", m.student_id},
                                   {"fullName", m.full_name},
                                   {"className", OrNull(m.class_name)},
                                   {"from", m.starts_on},
                                   {"to", OrNull(m.ends_on)}});
  }
  o["members"] = std::move(members);
  return o;
}

}  // namespace

// GET /api/v1/groups?schoolId=&classId=&date=
Response ListGroups(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto class_id = OptionalIdParam(ctx, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  auto groups = ctx.services.groups.ListGroups(*ctx.conn, ctx.actor(), *school, *class_id, ctx.request.QueryParam("date"));
  if (!groups) return ErrorResponse(groups.error());
  json::array items;
  for (const auto& g : *groups) items.push_back(GroupJson(g));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// GET /api/v1/groups/{id}?date=
Response GetGroup(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto group = ctx.services.groups.GetGroup(*ctx.conn, ctx.actor(), *id, ctx.request.QueryParam("date"));
  if (!group) return ErrorResponse(group.error());
  return JsonResponse(200, GroupWithMembers(*group));
}

// POST /api/v1/groups {"kind", "name", "classId"?, "subjectId"?, "teacherId"?, "hoursPerWeek"?, "shift"?, "yearId"?}
Response CreateGroup(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"kind", "name", "classId", "subjectId", "teacherId", "hoursPerWeek", "shift",
                                      "yearId", "schoolId"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::NewGroup g;
  auto kind_text = RequiredString(*body, "kind", 30);
  if (!kind_text) return ErrorResponse(kind_text.error());
  auto kind = domain::ParseGroupKind(*kind_text);
  if (!kind) {
    return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue,
                                           "kind (subgroup, learning, extracurricular, after_school, individual)"));
  }
  g.kind = *kind;
  auto name = RequiredString(*body, "name", 100);
  if (!name) return ErrorResponse(name.error());
  g.name = *name;
  for (auto [field, target] : {std::pair{"classId", &g.class_id}, std::pair{"subjectId", &g.subject_id},
                               std::pair{"teacherId", &g.teacher_id}, std::pair{"yearId", &g.year_id}}) {
    auto v = OptionalInt(*body, field);
    if (!v) return ErrorResponse(v.error());
    *target = *v;
  }
  if (const json::value* hours = body->if_contains("hoursPerWeek"); hours && !hours->is_null()) {
    if (!hours->is_number()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "hoursPerWeek"));
    const double doubled = hours->to_number<double>() * 2;
    if (doubled != std::floor(doubled) || doubled < 1 || doubled > 80) {
      return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "hoursPerWeek (от 0.5 до 40, шаг 0.5)"));
    }
    g.half_hours_per_week = static_cast<int>(doubled);
  }
  auto shift = OptionalInt(*body, "shift");
  if (!shift) return ErrorResponse(shift.error());
  if (*shift) {
    if (**shift != 1 && **shift != 2) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "shift (1 или 2)"));
    g.shift = static_cast<int>(**shift);
  }
  auto created = ctx.services.groups.CreateGroup(*ctx.conn, ctx.actor(), *school, g);
  if (!created) return ErrorResponse(created.error());
  return JsonResponse(201, GroupJson(*created));
}

// PUT /api/v1/groups/{id}/members {"date", "studentIds": [...]}
Response SetGroupMembers(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"date", "studentIds"});
  if (!body) return ErrorResponse(body.error());
  auto date = RequiredString(*body, "date", 10);
  if (!date) return ErrorResponse(date.error());
  const json::value* ids = body->if_contains("studentIds");
  if (!ids) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "studentIds"));
  if (!ids->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "studentIds"));
  if (ids->get_array().size() > 2000) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "studentIds"));
  std::vector<int64_t> students;
  for (const auto& v : ids->get_array()) {
    if (!v.is_int64()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "studentIds"));
    students.push_back(v.get_int64());
  }
  auto group = ctx.services.groups.SetMembers(*ctx.conn, ctx.actor(), *id, *date, std::move(students));
  if (!group) return ErrorResponse(group.error());
  return JsonResponse(200, GroupWithMembers(*group));
}

}  // namespace ej::http::handlers
