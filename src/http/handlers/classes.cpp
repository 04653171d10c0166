#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;

// GET /api/v1/classes?schoolId=&yearId=: the classes the actor may see.
Response ListClasses(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  std::optional<int64_t> year;
  if (auto given = ctx.request.QueryParam("yearId")) {
    auto id = ParseId(*given, "yearId");
    if (!id) return ErrorResponse(id.error());
    year = *id;
  }
  auto classes = ctx.services.classes.ListClasses(*ctx.conn, ctx.actor(), *school, year);
  if (!classes) return ErrorResponse(classes.error());
  json::array items;
  for (const auto& c : *classes) {
    json::value teacher = nullptr;
    if (c.class_teacher_id) teacher = json::object{{"id", *c.class_teacher_id}, {"fullName", *c.class_teacher_name}};
    items.push_back(json::object{{"id", c.id},
                                 {"name", c.name},
                                 {"grade", c.grade},
                                 {"letter", c.letter},
                                 {"schoolId", c.school_id},
                                 {"yearId", c.year_id},
                                 {"students", c.students},
                                 {"classTeacher", std::move(teacher)}});
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace ej::http::handlers
