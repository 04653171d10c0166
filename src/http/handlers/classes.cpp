#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::object ClassJson(const service::ClassView& c) {
  json::value teacher = nullptr;
  if (c.class_teacher_id) teacher = json::object{{"id", *c.class_teacher_id}, {"fullName", *c.class_teacher_name}};
  return {{"id", c.id},         {"name", c.name},         {"grade", c.grade},
          {"letter", c.letter}, {"schoolId", c.school_id}, {"yearId", c.year_id},
          {"shift", c.shift},   {"students", c.students}, {"classTeacher", std::move(teacher)}};
}

domain::Result<int> SmallInt(const json::object& body, std::string_view field, int fallback) {
  auto v = OptionalInt(body, field);
  if (!v) return v.error();
  if (!*v) return fallback;
  if (**v < -1000 || **v > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, field);
  return static_cast<int>(**v);
}

}  // namespace

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
  for (const auto& c : *classes) items.push_back(ClassJson(c));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// POST /api/v1/classes {"grade", "letter", "classTeacherId"?, "shift"?, "yearId"?, "schoolId"?}
Response CreateClass(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"grade", "letter", "classTeacherId", "shift", "yearId", "schoolId"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::NewClass c;
  auto grade = RequiredInt(*body, "grade");
  if (!grade) return ErrorResponse(grade.error());
  if (*grade < 1 || *grade > 11) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "grade (от 1 до 11)"));
  c.grade = static_cast<int>(*grade);
  auto letter = RequiredString(*body, "letter", 8);
  if (!letter) return ErrorResponse(letter.error());
  c.letter = *letter;
  auto teacher = OptionalInt(*body, "classTeacherId");
  if (!teacher) return ErrorResponse(teacher.error());
  c.class_teacher_id = *teacher;
  auto shift = SmallInt(*body, "shift", 1);
  if (!shift) return ErrorResponse(shift.error());
  c.shift = *shift;
  auto year = OptionalInt(*body, "yearId");
  if (!year) return ErrorResponse(year.error());
  c.year_id = *year;
  auto created = ctx.services.classes.CreateClass(*ctx.conn, ctx.actor(), *school, c);
  if (!created) return ErrorResponse(created.error());
  return JsonResponse(201, ClassJson(*created));
}

// PATCH /api/v1/classes/{id} {"classTeacherId"?: id|null, "shift"?}
Response UpdateClass(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"classTeacherId", "shift"});
  if (!body) return ErrorResponse(body.error());
  service::ClassChange change;
  if (body->contains("classTeacherId")) {
    auto teacher = OptionalInt(*body, "classTeacherId");
    if (!teacher) return ErrorResponse(teacher.error());
    change.set_class_teacher = true;
    change.class_teacher_id = *teacher;
  }
  if (body->contains("shift")) {
    auto shift = SmallInt(*body, "shift", 1);
    if (!shift) return ErrorResponse(shift.error());
    change.shift = *shift;
  }
  auto updated = ctx.services.classes.UpdateClass(*ctx.conn, ctx.actor(), *id, change);
  if (!updated) return ErrorResponse(updated.error());
  return JsonResponse(200, ClassJson(*updated));
}

}  // namespace ej::http::handlers
