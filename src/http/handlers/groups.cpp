// Groups: subgroups, electives, clubs (docs/api/openapi.yaml: /groups, /groups/{id},
// /groups/{id}/members).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
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
  o["subject"] = g.subject_id ? json::value(json::object{{"id", *g.subject_id}, {"name", *g.subject_name}}) : nullptr;
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
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  const auto class_id = in.IdParam("classId");
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyItems(
      ctx.services.groups.ListGroups(*ctx.conn, ctx.actor(), school, class_id, ctx.request.QueryParam("date")),
      GroupJson);
}

// GET /api/v1/groups/{id}?date=
Response GetGroup(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.groups.GetGroup(*ctx.conn, ctx.actor(), id, ctx.request.QueryParam("date")),
                 GroupWithMembers);
  });
}

// POST /api/v1/groups {"kind", "name", "classId"?, "subjectId"?, "teacherId"?, "hoursPerWeek"?,
// "shift"?, "yearId"?}
Response CreateGroup(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"kind", "name", "classId", "subjectId", "teacherId", "hoursPerWeek", "shift", "yearId", "schoolId"});
  const int64_t school = SchoolInBody(ctx, in);
  service::NewGroup g;
  auto kind = domain::ParseGroupKind(in.String("kind", 30));
  in.Check(kind.has_value(), ErrorCode::kInvalidValue,
           "kind (subgroup, learning, extracurricular, after_school, individual)");
  if (kind) g.kind = *kind;
  g.name = in.String("name", 100);
  g.class_id = in.OptInt("classId");
  g.subject_id = in.OptInt("subjectId");
  g.teacher_id = in.OptInt("teacherId");
  g.year_id = in.OptInt("yearId");
  if (auto hours = in.OptNumber("hoursPerWeek")) {
    g.half_hours_per_week = HalfHours(*hours, 1, 80);
    in.Check(g.half_hours_per_week.has_value(), ErrorCode::kInvalidValue, "hoursPerWeek (от 0.5 до 40, шаг 0.5)");
  }
  if (auto shift = in.OptInt("shift")) {
    in.Check(*shift == 1 || *shift == 2, ErrorCode::kInvalidValue, "shift (1 или 2)");
    g.shift = static_cast<int>(*shift);
  }
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.groups.CreateGroup(*ctx.conn, ctx.actor(), school, g), GroupJson);
}

// PUT /api/v1/groups/{id}/members {"date", "studentIds": [...]}
Response SetGroupMembers(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"date", "studentIds"});
  const std::string date = in.String("date", 10);
  std::vector<int64_t> students = in.Ints(in.Array("studentIds", 2000), "studentIds");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.groups.SetMembers(*ctx.conn, ctx.actor(), id, date, std::move(students)),
               GroupWithMembers);
}

}  // namespace ej::http::handlers
