// Teachers' loads (docs/api/openapi.yaml: /teachers/{id}/load).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object LoadJson(const service::TeacherLoad& load) {
  json::array lines = ArrayOf(load.lines, [](const auto& l) {
    return json::object{{"classId", l.class_id ? json::value(l.class_id) : nullptr},
                        {"className", l.class_id ? json::value(l.class_name) : nullptr},
                        {"groupId", OrNull(l.group_id)},
                        {"groupName", l.group_id ? json::value(l.group_name) : nullptr},
                        {"subject", l.subject ? json::value(SubjectJson(*l.subject)) : nullptr},
                        {"hoursPerWeek", Hours(l.half_hours_per_week)}};
  });
  return {{"teacher", json::object{{"id", load.teacher.id}, {"fullName", load.teacher.full_name}}},
          {"hoursPerWeek", Hours(load.total_half_hours)},
          {"items", std::move(lines)}};
}

}  // namespace

// GET /api/v1/teachers/{id}/load?schoolId=
Response GetTeacherLoad(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  const int64_t school = SchoolParam(ctx, in);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.curriculum.GetTeacherLoad(*ctx.conn, ctx.actor(), school, id), LoadJson);
}

}  // namespace ej::http::handlers
