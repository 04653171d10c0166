// The calendar-thematic plan of a journal's class or group and subject
// (docs/api/openapi.yaml: /journals/{id}/plan, /imports/plan).
#include <charconv>

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

json::object TopicJson(const service::PlanTopicInput& t) {
  return {{"section", OrNull(t.section)}, {"title", t.title}, {"hours", t.hours}, {"plannedOn", OrNull(t.planned_on)}};
}

json::object PlanJson(const service::PlanView& p) {
  json::array topics;
  for (const auto& t : p.topics) {
    topics.push_back(json::object{{"id", t.id},
                                  {"number", t.number},
                                  {"section", OrNull(t.section)},
                                  {"title", t.title},
                                  {"hours", t.hours},
                                  {"plannedOn", OrNull(t.planned_on)}});
  }
  json::array periods;
  for (const auto& pp : p.periods) {
    periods.push_back(json::object{{"kind", pp.period.kind},
                                   {"number", pp.period.number},
                                   {"name", pp.period.name},
                                   {"startsOn", pp.period.starts_on},
                                   {"endsOn", pp.period.ends_on},
                                   {"planned", pp.planned},
                                   {"scheduled", pp.scheduled},
                                   {"held", pp.held},
                                   {"withTopic", pp.with_topic}});
  }
  return {{"journalId", p.journal_id},
          {"version", p.version},
          {"topics", std::move(topics)},
          {"planHours", p.plan_hours},
          {"curriculumHours", OrNull(p.curriculum_hours)},
          {"matchesCurriculum", p.curriculum_hours ? json::value(*p.curriculum_hours == p.plan_hours) : nullptr},
          {"yearLessons", p.year_lessons},
          {"periods", std::move(periods)},
          {"canEdit", p.can_edit}};
}

domain::Result<int> Version(std::optional<int64_t> v) {
  if (!v) return Error::WithDetail(ErrorCode::kMissingField, "version");
  if (*v < 0 || *v > 1'000'000) return Error::WithDetail(ErrorCode::kInvalidValue, "version");
  return static_cast<int>(*v);
}

}  // namespace

// GET /api/v1/journals/{id}/plan
Response GetPlan(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto plan = ctx.services.plans.Get(*ctx.conn, ctx.actor(), *id);
  if (!plan) return ErrorResponse(plan.error());
  return JsonResponse(200, PlanJson(*plan));
}

// PUT /api/v1/journals/{id}/plan {"topics": [{"section"?, "title", "hours", "plannedOn"?}], "version"}
Response SetPlan(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"topics", "version"});
  if (!body) return ErrorResponse(body.error());
  auto version_field = RequiredInt(*body, "version");
  if (!version_field) return ErrorResponse(version_field.error());
  auto version = Version(*version_field);
  if (!version) return ErrorResponse(version.error());
  const json::value* list = body->if_contains("topics");
  if (!list) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "topics"));
  if (!list->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "topics"));
  std::vector<service::PlanTopicInput> topics;
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const json::value& item = list->as_array()[i];
    const std::string at = "topics[" + std::to_string(i) + "]";
    if (!item.is_object()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, at));
    const json::object& o = item.as_object();
    for (const auto& kv : o) {
      if (kv.key() != "section" && kv.key() != "title" && kv.key() != "hours" && kv.key() != "plannedOn") {
        return ErrorResponse(Error::WithDetail(ErrorCode::kUnknownField, at + "." + std::string(kv.key())));
      }
    }
    service::PlanTopicInput t;
    auto title = RequiredString(o, "title", 500);
    if (!title) return ErrorResponse(title.error());
    t.title = *title;
    auto section = OptionalString(o, "section", 300);
    if (!section) return ErrorResponse(section.error());
    t.section = *section;
    auto hours = RequiredInt(o, "hours");
    if (!hours) return ErrorResponse(hours.error());
    if (*hours < 1 || *hours > 200) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, at + ".hours"));
    t.hours = static_cast<int>(*hours);
    auto planned = OptionalString(o, "plannedOn", 10);
    if (!planned) return ErrorResponse(planned.error());
    t.planned_on = *planned;
    topics.push_back(std::move(t));
  }
  auto plan = ctx.services.plans.Replace(*ctx.conn, ctx.actor(), *id, topics, *version);
  if (!plan) return ErrorResponse(plan.error());
  return JsonResponse(200, PlanJson(*plan));
}

// POST /api/v1/imports/plan?journalId=&fileName=&apply=&version=  (body: the CSV or XLSX file)
Response ImportPlan(HandlerContext& ctx) {
  auto journal = OptionalIdParam(ctx, "journalId");
  if (!journal) return ErrorResponse(journal.error());
  if (!*journal) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "journalId"));
  if (ctx.request.body.empty()) return ErrorResponse(Error::WithDetail(ErrorCode::kImportBadFile, "файл пустой"));
  const std::string apply = ctx.request.QueryParam("apply").value_or("false");
  if (apply != "true" && apply != "false") {
    return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "apply (true или false)"));
  }
  int version = 0;  // 0: no plan yet
  if (auto given = ctx.request.QueryParam("version")) {
    const auto [end, ec] = std::from_chars(given->data(), given->data() + given->size(), version);
    if (ec != std::errc() || end != given->data() + given->size() || version < 0 || version > 1'000'000) {
      return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "version"));
    }
  }
  service::ImportFile file{std::string(ctx.request.body), ctx.request.QueryParam("fileName").value_or("")};
  auto done = ctx.services.plans.Import(*ctx.conn, ctx.actor(), **journal, file, apply == "true", version);
  if (!done) return ErrorResponse(done.error());
  json::array topics;
  for (const auto& t : done->topics) topics.push_back(TopicJson(t));
  json::array errors;
  for (const auto& e : done->errors) errors.push_back(json::object{{"line", e.line}, {"message", e.message}});
  json::array columns;
  for (const auto& c : done->columns) columns.push_back(json::value(c));
  json::array ignored;
  for (const auto& c : done->ignored_columns) ignored.push_back(json::value(c));
  int hours = 0;
  for (const auto& t : done->topics) hours += t.hours;
  return JsonResponse(done->plan ? 201 : 200,
                      json::object{{"file", json::object{{"format", done->format},
                                                         {"encoding", done->encoding},
                                                         {"sheet", done->sheet}}},
                                   {"columns", std::move(columns)},
                                   {"ignoredColumns", std::move(ignored)},
                                   {"topics", std::move(topics)},
                                   {"hours", hours},
                                   {"errors", std::move(errors)},
                                   {"applied", done->plan.has_value()},
                                   {"plan", done->plan ? json::value(PlanJson(*done->plan)) : nullptr}});
}

}  // namespace ej::http::handlers
