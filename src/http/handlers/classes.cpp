// Classes, their curricula and rosters (docs/api/openapi.yaml: /classes, /classes/{id},
// /classes/{id}/curriculum, /classes/{id}/students).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object ClassJson(const service::ClassView& c) {
  json::value teacher = nullptr;
  if (c.class_teacher_id) teacher = json::object{{"id", *c.class_teacher_id}, {"fullName", *c.class_teacher_name}};
  return {{"id", c.id},         {"name", c.name},          {"grade", c.grade},
          {"letter", c.letter}, {"schoolId", c.school_id}, {"yearId", c.year_id},
          {"shift", c.shift},   {"students", c.students},  {"classTeacher", std::move(teacher)}};
}

json::value CurriculumJson(int64_t class_id, const std::vector<service::CurriculumLineView>& lines) {
  int total = 0;
  json::array items = ArrayOf(lines, [&total](const service::CurriculumLineView& l) {
    total += l.half_hours_per_week;
    return json::object{{"subject", SubjectJson(l.subject)},
                        {"hoursPerWeek", Hours(l.half_hours_per_week)},
                        {"teachers", ArrayOf(l.teachers, [](const auto& t) {
                           return NamedJson(service::Named{t.id, t.full_name}, "fullName");
                         })}};
  });
  return json::object{{"classId", class_id}, {"hoursPerWeek", Hours(total)}, {"items", std::move(items)}};
}

json::object ParentJson(const service::RosterParent& p) {
  json::value consent = nullptr;
  if (p.consent)
    consent = json::object{{"kind", *p.consent}, {"effectiveOn", *p.consent_on}, {"document", *p.consent_document}};
  return {{"id", p.id},
          {"fullName", p.full_name},
          {"relation", p.relation},
          {"phone", OrNull(p.phone)},
          {"email", OrNull(p.email)},
          {"activated", p.activated},
          {"consent", std::move(consent)}};
}

json::object RosterJson(const service::ClassRoster& roster) {
  json::array students = ArrayOf(roster.students, [&roster](const service::RosterStudent& s) {
    json::object o{{"id", s.id}, {"fullName", s.full_name}, {"enrolledOn", s.enrolled_on}};
    if (roster.personal_data) {
      o["birthDate"] = OrNull(s.birth_date);
      o["sex"] = OrNull(s.sex);
      o["activated"] = s.activated;
      o["parents"] = ArrayOf(s.parents, ParentJson);
    }
    return o;
  });
  return {{"classId", roster.class_id},
          {"className", roster.class_name},
          {"date", roster.date},
          {"personalData", roster.personal_data},
          {"items", std::move(students)}};
}

// A small whole number that may be absent or null (then `fallback`).
int SmallInt(RequestReader& in, std::string_view field, int fallback) {
  auto v = in.OptInt(field);
  if (!v || !in.Check(*v >= -1000 && *v <= 1000, ErrorCode::kInvalidValue, field)) return fallback;
  return static_cast<int>(*v);
}

// One line of PUT /classes/{id}/curriculum: {"subjectId", "hoursPerWeek", "teacherIds"}.
domain::CurriculumLine ReadLine(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"subjectId", "hoursPerWeek", "teacherIds"});
  domain::CurriculumLine line;
  line.subject_id = item.Int("subjectId");
  const double hours = item.Number("hoursPerWeek");
  auto half_hours = HalfHours(hours, -1000, 1000);
  item.Check(half_hours.has_value(), ErrorCode::kInvalidValue, where + ".hoursPerWeek (шаг 0.5)");
  line.half_hours_per_week = half_hours.value_or(0);
  if (item.Has("teacherIds")) line.teacher_ids = item.Ints(item.Array("teacherIds"), "teacherIds");
  return line;
}

}  // namespace

// GET /api/v1/classes?schoolId=&yearId=: the classes the actor may see.
Response ListClasses(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  const auto year = in.IdParam("yearId");
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyItems(ctx.services.classes.ListClasses(*ctx.conn, ctx.actor(), school, year), ClassJson);
}

// POST /api/v1/classes {"grade", "letter", "classTeacherId"?, "shift"?, "yearId"?, "schoolId"?}
Response CreateClass(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"grade", "letter", "classTeacherId", "shift", "yearId", "schoolId"});
  const int64_t school = SchoolInBody(ctx, in);
  service::NewClass c;
  c.grade = in.IntIn("grade", 1, 11, "grade (от 1 до 11)");
  c.letter = in.String("letter", 8);
  c.class_teacher_id = in.OptInt("classTeacherId");
  c.shift = SmallInt(in, "shift", 1);
  c.year_id = in.OptInt("yearId");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.classes.CreateClass(*ctx.conn, ctx.actor(), school, c), ClassJson);
}

// PATCH /api/v1/classes/{id} {"classTeacherId"?: id|null, "shift"?}
Response UpdateClass(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"classTeacherId", "shift"});
  service::ClassChange change;
  if (in.Has("classTeacherId")) {
    change.class_teacher_id = in.OptInt("classTeacherId");
    change.set_class_teacher = true;
  }
  if (in.Has("shift")) change.shift = SmallInt(in, "shift", 1);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.classes.UpdateClass(*ctx.conn, ctx.actor(), id, change), ClassJson);
}

// GET /api/v1/classes/{id}/curriculum
Response GetClassCurriculum(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.curriculum.GetClassCurriculum(*ctx.conn, ctx.actor(), id),
                 [id](const auto& lines) { return CurriculumJson(id, lines); });
  });
}

// PUT /api/v1/classes/{id}/curriculum {"items": [{"subjectId", "hoursPerWeek", "teacherIds"}]}
Response SetClassCurriculum(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"items"});
  const std::vector<domain::CurriculumLine> lines = in.Each(in.Array("items"), "items", ReadLine);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.curriculum.SetClassCurriculum(*ctx.conn, ctx.actor(), id, lines),
               [id](const auto& saved) { return CurriculumJson(id, saved); });
}

// GET /api/v1/classes/{id}/students?date=
Response GetClassStudents(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200,
                 ctx.services.roster.Roster(*ctx.conn, ctx.actor(), id, ctx.request.QueryParam("date").value_or("")),
                 RosterJson);
  });
}

}  // namespace ej::http::handlers
