// Kinds of work a mark is given for, with their weights and deadlines
// (docs/api/openapi.yaml: /work-types, /work-types/{id}).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object WorkTypeJson(const service::WorkType& t) {
  json::array by_grade = ArrayOf(t.by_grade, [](const domain::GradeDeadline& g) {
    return json::object{{"gradeFrom", g.grade_from}, {"gradeTo", g.grade_to}, {"days", g.days}};
  });
  return {{"id", t.id},         {"code", t.code},
          {"name", t.name},     {"shortName", t.short_name},
          {"weight", t.weight}, {"deadlineDays", t.deadline_days},
          {"active", t.active}, {"byGrade", std::move(by_grade)}};
}

int Small(RequestReader& in, std::string_view field, std::string_view detail = {}) {
  return in.IntIn(field, -1000, 1000, detail);
}

// A work type from a request body; the code only when one is made.
service::WorkTypeInput ReadWorkType(RequestReader& in, bool with_code) {
  service::WorkTypeInput t;
  if (with_code) t.code = in.String("code", 32);
  t.name = in.String("name", 100);
  t.short_name = in.String("shortName", 10);
  t.weight = Small(in, "weight");
  t.deadline_days = Small(in, "deadlineDays");
  t.active = in.Bool("active", t.active);
  for (const json::value& v : in.OptArray("byGrade")) {
    if (!in.ok()) break;
    // Each item's fields are named alone, their ranges under "byGrade.".
    auto item = in.Item(v, "byGrade", RequestReader::Naming::kField);
    domain::GradeDeadline g;
    g.grade_from = Small(item, "gradeFrom", "byGrade.gradeFrom");
    g.grade_to = Small(item, "gradeTo", "byGrade.gradeTo");
    g.days = Small(item, "days", "byGrade.days");
    t.by_grade.push_back(g);
  }
  return t;
}

}  // namespace

// GET /api/v1/work-types?schoolId=
Response ListWorkTypes(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(ctx.services.journal_rules.WorkTypes(*ctx.conn, ctx.actor(), school), WorkTypeJson);
  });
}

// POST /api/v1/work-types {"code", "name", "shortName", "weight", "deadlineDays", "active"?,
// "byGrade"?, "schoolId"?}
Response CreateWorkType(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"schoolId", "code", "name", "shortName", "weight", "deadlineDays", "active", "byGrade"});
  const int64_t school = SchoolInBody(ctx, in);
  const service::WorkTypeInput input = ReadWorkType(in, true);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.journal_rules.CreateWorkType(*ctx.conn, ctx.actor(), school, input), WorkTypeJson);
}

// PUT /api/v1/work-types/{id} {"name", "shortName", "weight", "deadlineDays", "active"?,
// "byGrade"?}
Response UpdateWorkType(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"name", "shortName", "weight", "deadlineDays", "active", "byGrade"});
  const service::WorkTypeInput input = ReadWorkType(in, false);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.journal_rules.UpdateWorkType(*ctx.conn, ctx.actor(), id, input), WorkTypeJson);
}

}  // namespace ej::http::handlers
