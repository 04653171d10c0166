#include <cmath>

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

json::object SubjectJson(const service::SubjectView& s) {
  return {{"id", s.id}, {"name", s.name}, {"shortName", s.short_name}};
}

double Hours(int half_hours) { return half_hours / 2.0; }

json::value CurriculumJson(int64_t class_id, const std::vector<service::CurriculumLineView>& lines) {
  json::array items;
  int total = 0;
  for (const auto& l : lines) {
    json::array teachers;
    for (const auto& t : l.teachers) teachers.push_back(json::object{{"id", t.id}, {"fullName", t.full_name}});
    items.push_back(json::object{{"subject", SubjectJson(l.subject)},
                                 {"hoursPerWeek", Hours(l.half_hours_per_week)},
                                 {"teachers", std::move(teachers)}});
    total += l.half_hours_per_week;
  }
  return json::object{{"classId", class_id}, {"hoursPerWeek", Hours(total)}, {"items", std::move(items)}};
}

// One line of PUT /classes/{id}/curriculum: {"subjectId", "hoursPerWeek", "teacherIds"}.
domain::Result<domain::CurriculumLine> ParseLine(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Error::WithDetail(ErrorCode::kWrongType, where);
  const auto& o = v.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "subjectId" && kv.key() != "hoursPerWeek" && kv.key() != "teacherIds") {
      return Error::WithDetail(ErrorCode::kUnknownField, where + "." + std::string(kv.key()));
    }
  }
  domain::CurriculumLine line;
  auto subject = RequiredInt(o, "subjectId");
  if (!subject) return Error::WithDetail(subject.error().code, where + ".subjectId");
  line.subject_id = *subject;
  const json::value* hours = o.if_contains("hoursPerWeek");
  if (!hours) return Error::WithDetail(ErrorCode::kMissingField, where + ".hoursPerWeek");
  if (!hours->is_number()) return Error::WithDetail(ErrorCode::kWrongType, where + ".hoursPerWeek");
  const double doubled = hours->to_number<double>() * 2;
  if (doubled != std::floor(doubled) || doubled < -1000 || doubled > 1000) {
    return Error::WithDetail(ErrorCode::kInvalidValue, where + ".hoursPerWeek (шаг 0.5)");
  }
  line.half_hours_per_week = static_cast<int>(doubled);
  if (const json::value* teachers = o.if_contains("teacherIds")) {
    if (!teachers->is_array()) return Error::WithDetail(ErrorCode::kWrongType, where + ".teacherIds");
    for (const auto& t : teachers->get_array()) {
      if (!t.is_int64()) return Error::WithDetail(ErrorCode::kWrongType, where + ".teacherIds");
      line.teacher_ids.push_back(t.get_int64());
    }
  }
  return line;
}

}  // namespace

// GET /api/v1/subjects?schoolId=
Response ListSubjects(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto subjects = ctx.services.curriculum.ListSubjects(*ctx.conn, ctx.actor(), *school);
  if (!subjects) return ErrorResponse(subjects.error());
  json::array items;
  for (const auto& s : *subjects) items.push_back(SubjectJson(s));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// GET /api/v1/classes/{id}/curriculum
Response GetClassCurriculum(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto lines = ctx.services.curriculum.GetClassCurriculum(*ctx.conn, ctx.actor(), *id);
  if (!lines) return ErrorResponse(lines.error());
  return JsonResponse(200, CurriculumJson(*id, *lines));
}

// PUT /api/v1/classes/{id}/curriculum {"items": [{"subjectId", "hoursPerWeek", "teacherIds"}]}
Response SetClassCurriculum(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"items"});
  if (!body) return ErrorResponse(body.error());
  const json::value* items = body->if_contains("items");
  if (!items) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "items"));
  if (!items->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "items"));
  std::vector<domain::CurriculumLine> lines;
  for (size_t i = 0; i < items->get_array().size(); ++i) {
    auto line = ParseLine(items->get_array()[i], "items[" + std::to_string(i) + "]");
    if (!line) return ErrorResponse(line.error());
    lines.push_back(std::move(*line));
  }
  auto saved = ctx.services.curriculum.SetClassCurriculum(*ctx.conn, ctx.actor(), *id, lines);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, CurriculumJson(*id, *saved));
}

// GET /api/v1/teachers/{id}/load?schoolId=
Response GetTeacherLoad(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto load = ctx.services.curriculum.GetTeacherLoad(*ctx.conn, ctx.actor(), *school, *id);
  if (!load) return ErrorResponse(load.error());
  json::array lines;
  for (const auto& l : load->lines) {
    lines.push_back(json::object{{"classId", l.class_id ? json::value(l.class_id) : nullptr},
                                 {"className", l.class_id ? json::value(l.class_name) : nullptr},
                                 {"groupId", l.group_id ? json::value(*l.group_id) : nullptr},
                                 {"groupName", l.group_id ? json::value(l.group_name) : nullptr},
                                 {"subject", l.subject ? json::value(SubjectJson(*l.subject)) : nullptr},
                                 {"hoursPerWeek", Hours(l.half_hours_per_week)}});
  }
  return JsonResponse(200, json::object{{"teacher", json::object{{"id", load->teacher.id},
                                                                 {"fullName", load->teacher.full_name}}},
                                        {"hoursPerWeek", Hours(load->total_half_hours)},
                                        {"items", std::move(lines)}});
}

}  // namespace ej::http::handlers
