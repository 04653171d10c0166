// Marks and work types (docs/api/openapi.yaml: /lessons/{id}/marks, /marks/{id}, /work-types).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

using domain::Error;
using domain::ErrorCode;
namespace json = boost::json;

namespace {

json::object MarkJson(const service::MarkView& m) {
  return {{"id", m.id},
          {"lessonId", m.lesson_id},
          {"studentId", m.student_id},
          {"date", m.lesson_date},
          {"value", m.value},
          {"workTypeId", m.work_type_id},
          {"workType", m.work_type},
          {"weight", m.weight},
          {"comment", OrNull(m.comment)},
          {"document", OrNull(m.document)},
          {"version", m.version},
          {"late", m.late},
          {"removed", m.removed},
          {"createdBy", m.created_by},
          {"createdAt", m.created_at},
          {"updatedAt", m.updated_at ? json::value(*m.updated_at) : nullptr}};
}

// The mark as it is now, in the body of a 409, so the teacher sees what the other save did.
Response ConflictWithCurrent(HandlerContext& ctx, const Error& error, int64_t mark_id) {
  Response res = ErrorResponse(error);
  if (error.code != ErrorCode::kStaleVersion) return res;
  auto current = ctx.services.marks.History(*ctx.conn, ctx.actor(), mark_id);
  if (!current) return res;
  json::object body = json::parse(res.body).as_object();
  body["current"] = MarkJson(current->first);
  res.body = json::serialize(body);
  return res;
}

json::object WorkTypeJson(const service::WorkType& t) {
  json::array by_grade;
  for (const auto& g : t.by_grade) {
    by_grade.push_back(json::object{{"gradeFrom", g.grade_from}, {"gradeTo", g.grade_to}, {"days", g.days}});
  }
  return {{"id", t.id},
          {"code", t.code},
          {"name", t.name},
          {"shortName", t.short_name},
          {"weight", t.weight},
          {"deadlineDays", t.deadline_days},
          {"active", t.active},
          {"byGrade", std::move(by_grade)}};
}

json::object SettingsJson(const service::JournalSettings& s) {
  return {{"latePolicy", s.late_policy},
          {"lessonLateDays", s.lesson_late_days},
          {"homeworkHours", s.homework_hours},
          {"roundingFrom", s.rounding_from}};
}

// A work type from a request body; the code only when one is made.
domain::Result<service::WorkTypeInput> WorkTypeIn(const json::object& body, bool with_code) {
  service::WorkTypeInput t;
  if (with_code) {
    auto code = RequiredString(body, "code", 32);
    if (!code) return code.error();
    t.code = *code;
  }
  auto name = RequiredString(body, "name", 100);
  if (!name) return name.error();
  t.name = *name;
  auto short_name = RequiredString(body, "shortName", 10);
  if (!short_name) return short_name.error();
  t.short_name = *short_name;
  for (auto [field, target] : {std::pair{"weight", &t.weight}, std::pair{"deadlineDays", &t.deadline_days}}) {
    auto v = RequiredInt(body, field);
    if (!v) return v.error();
    if (*v < -1000 || *v > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, field);
    *target = static_cast<int>(*v);
  }
  if (const json::value* v = body.if_contains("active"); v && !v->is_null()) {
    if (!v->is_bool()) return Error::WithDetail(ErrorCode::kWrongType, "active");
    t.active = v->as_bool();
  }
  if (const json::value* v = body.if_contains("byGrade"); v && !v->is_null()) {
    if (!v->is_array()) return Error::WithDetail(ErrorCode::kWrongType, "byGrade");
    for (const auto& item : v->as_array()) {
      if (!item.is_object()) return Error::WithDetail(ErrorCode::kWrongType, "byGrade");
      domain::GradeDeadline g;
      for (auto [field, target] : {std::pair{"gradeFrom", &g.grade_from}, std::pair{"gradeTo", &g.grade_to},
                                   std::pair{"days", &g.days}}) {
        auto n = RequiredInt(item.as_object(), field);
        if (!n) return n.error();
        if (*n < -1000 || *n > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, std::string("byGrade.") + field);
        *target = static_cast<int>(*n);
      }
      t.by_grade.push_back(g);
    }
  }
  return t;
}

domain::Result<int> RequiredVersion(const json::object& body) {
  auto v = RequiredInt(body, "version");
  if (!v) return v.error();
  if (*v < 1 || *v > 1'000'000) return Error::WithDetail(ErrorCode::kInvalidValue, "version");
  return static_cast<int>(*v);
}

}  // namespace

// GET /api/v1/work-types?schoolId=
Response ListWorkTypes(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto types = ctx.services.journal_rules.WorkTypes(*ctx.conn, ctx.actor(), *school);
  if (!types) return ErrorResponse(types.error());
  json::array items;
  for (const auto& t : *types) items.push_back(WorkTypeJson(t));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// POST /api/v1/work-types {"code", "name", "shortName", "weight", "deadlineDays", "active"?, "byGrade"?, "schoolId"?}
Response CreateWorkType(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"schoolId", "code", "name", "shortName", "weight", "deadlineDays", "active", "byGrade"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  auto input = WorkTypeIn(*body, true);
  if (!input) return ErrorResponse(input.error());
  auto saved = ctx.services.journal_rules.CreateWorkType(*ctx.conn, ctx.actor(), *school, *input);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(201, WorkTypeJson(*saved));
}

// PUT /api/v1/work-types/{id} {"name", "shortName", "weight", "deadlineDays", "active"?, "byGrade"?}
Response UpdateWorkType(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"name", "shortName", "weight", "deadlineDays", "active", "byGrade"});
  if (!body) return ErrorResponse(body.error());
  auto input = WorkTypeIn(*body, false);
  if (!input) return ErrorResponse(input.error());
  auto saved = ctx.services.journal_rules.UpdateWorkType(*ctx.conn, ctx.actor(), *id, *input);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, WorkTypeJson(*saved));
}

// GET /api/v1/journal-settings?schoolId=
Response GetJournalSettings(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto s = ctx.services.journal_rules.Settings(*ctx.conn, ctx.actor(), *school);
  if (!s) return ErrorResponse(s.error());
  return JsonResponse(200, SettingsJson(*s));
}

// PUT /api/v1/journal-settings {"latePolicy", "lessonLateDays", "homeworkHours", "roundingFrom", "schoolId"?}
Response SetJournalSettings(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"schoolId", "latePolicy", "lessonLateDays", "homeworkHours", "roundingFrom"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::JournalSettings s;
  auto policy = RequiredString(*body, "latePolicy", 16);
  if (!policy) return ErrorResponse(policy.error());
  s.late_policy = *policy;
  for (auto [field, target] : {std::pair{"lessonLateDays", &s.lesson_late_days},
                               std::pair{"homeworkHours", &s.homework_hours},
                               std::pair{"roundingFrom", &s.rounding_from}}) {
    auto v = RequiredInt(*body, field);
    if (!v) return ErrorResponse(v.error());
    if (*v < -1000 || *v > 1000) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, field));
    *target = static_cast<int>(*v);
  }
  auto saved = ctx.services.journal_rules.SaveSettings(*ctx.conn, ctx.actor(), *school, s);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, SettingsJson(*saved));
}

Response AddMarkToLesson(HandlerContext& ctx, int64_t lesson_id, const json::object& body) {
  service::NewMark m;
  m.lesson_id = lesson_id;
  auto student = RequiredInt(body, "studentId");
  if (!student) return ErrorResponse(student.error());
  m.student_id = *student;
  auto value = RequiredString(body, "value", 10);
  if (!value) return ErrorResponse(value.error());
  m.value = *value;
  // The work type by id, or by its code ("control", "oral"...).
  auto type = OptionalInt(body, "workTypeId");
  if (!type) return ErrorResponse(type.error());
  auto code = OptionalString(body, "workType", 50);
  if (!code) return ErrorResponse(code.error());
  if (!*type && !*code) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "workTypeId"));
  m.work_type_id = type->value_or(0);
  m.work_type_code = *code;
  auto comment = OptionalString(body, "comment", 500);
  if (!comment) return ErrorResponse(comment.error());
  m.comment = *comment;
  auto document = OptionalString(body, "document", 200);
  if (!document) return ErrorResponse(document.error());
  m.document = *document;
  auto client = OptionalString(body, "clientId", 64);
  if (!client) return ErrorResponse(client.error());
  m.client_id = *client;
  auto saved = ctx.services.marks.Add(*ctx.conn, ctx.actor(), m);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(saved->created ? 201 : 200, MarkJson(saved->mark));
}

// POST /api/v1/lessons/{id}/marks
Response AddMark(HandlerContext& ctx) {
  auto lesson = PathId(ctx);
  if (!lesson) return ErrorResponse(lesson.error());
  auto body = ParseBody(ctx.request, {"studentId", "value", "workTypeId", "workType", "comment", "document", "clientId"});
  if (!body) return ErrorResponse(body.error());
  return AddMarkToLesson(ctx, *lesson, *body);
}

// PATCH /api/v1/marks/{id}: {value?, workTypeId?, comment?, reason, version}
Response CorrectMark(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"value", "workTypeId", "comment", "reason", "version"});
  if (!body) return ErrorResponse(body.error());
  service::MarkCorrection c;
  auto value = OptionalString(*body, "value", 10);
  if (!value) return ErrorResponse(value.error());
  c.value = *value;
  auto type = OptionalInt(*body, "workTypeId");
  if (!type) return ErrorResponse(type.error());
  c.work_type_id = *type;
  auto comment = OptionalString(*body, "comment", 500);
  if (!comment) return ErrorResponse(comment.error());
  c.comment = *comment;
  auto reason = RequiredString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  c.reason = *reason;
  auto version = RequiredVersion(*body);
  if (!version) return ErrorResponse(version.error());
  c.expected_version = *version;
  auto saved = ctx.services.marks.Correct(*ctx.conn, ctx.actor(), *id, c);
  if (!saved) return ConflictWithCurrent(ctx, saved.error(), *id);
  return JsonResponse(200, MarkJson(*saved));
}

// POST /api/v1/marks/{id}/remove: {reason, version}
Response RemoveMark(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"reason", "version"});
  if (!body) return ErrorResponse(body.error());
  auto reason = RequiredString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto version = RequiredVersion(*body);
  if (!version) return ErrorResponse(version.error());
  auto saved = ctx.services.marks.Remove(*ctx.conn, ctx.actor(), *id, *reason, *version);
  if (!saved) return ConflictWithCurrent(ctx, saved.error(), *id);
  return JsonResponse(200, MarkJson(*saved));
}

// GET /api/v1/marks/{id}/history
Response GetMarkHistory(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto found = ctx.services.marks.History(*ctx.conn, ctx.actor(), *id);
  if (!found) return ErrorResponse(found.error());
  return JsonResponse(200, json::object{{"mark", MarkJson(found->first)}, {"history", HistoryJson(found->second, "reason")}});
}

}  // namespace ej::http::handlers
