// Journals: a class's or group's subject in a study period (docs/api/openapi.yaml: /journals,
// /journals/{id}, /journals/{id}/marks, /journals/{id}/period-marks, /journals/{id}/plan).
#include <boost/json/array.hpp>
#include <map>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object SummaryJson(const service::JournalSummary& j) {
  return {{"id", j.id},
          {"class", NamedJson(j.class_)},
          {"group", NamedJson(j.group)},
          {"subject", NamedJson(j.subject)},
          {"period", PeriodJson(j.period)},
          {"teachers", ArrayOf(j.teachers, [](const service::Named& t) { return NamedJson(t, "fullName"); })},
          {"current", j.current}};
}

// A lesson of the grid with its record (`r`, null before anything is written).
json::object GridLessonJson(const service::GridLesson& l, const service::LessonRecord* r) {
  json::value plan_topic = nullptr;
  if (l.plan_topic_id) {
    plan_topic =
        json::object{{"id", *l.plan_topic_id}, {"number", *l.plan_topic_number}, {"title", *l.plan_topic_title}};
  }
  return {{"id", l.id},
          {"date", l.date},
          {"lessonNumber", l.lesson_number},
          {"status", l.status},
          {"teacher", NamedJson(l.teacher, "fullName")},
          {"topic", r ? OrNull(r->topic) : nullptr},
          {"workDone", r ? OrNull(r->work_done) : nullptr},
          {"homework", r ? OrNull(r->homework) : nullptr},
          {"homeworkDue", r ? OrNull(r->homework_due) : nullptr},
          {"recordVersion", r ? r->version : 0},
          {"planTopicId", r ? OrNull(r->plan_topic_id) : nullptr},
          {"planTopic", std::move(plan_topic)},
          {"canWrite", l.can_write}};
}

json::object GridJson(const service::JournalGrid& grid) {
  json::array students = ArrayOf(grid.students, [](const service::GridStudent& s) {
    return json::object{{"id", s.id}, {"fullName", s.full_name}, {"from", OrNull(s.from)}, {"to", OrNull(s.to)}};
  });
  std::map<int64_t, const service::LessonRecord*> records;
  for (const auto& r : grid.records) records[r.lesson_id] = &r;
  json::array lessons = ArrayOf(grid.lessons, [&records](const service::GridLesson& l) {
    auto r = records.find(l.id);
    return GridLessonJson(l, r == records.end() ? nullptr : r->second);
  });
  json::array averages = ArrayOf(grid.averages, [](const service::GridAverage& a) {
    json::object o{{"studentId", a.student_id}};
    AddAverages(o, a.averages, a.forecast);
    return o;
  });
  return {{"journal", SummaryJson(grid.journal)},
          {"assessment", grid.assessment},
          {"canWrite", grid.can_write},
          {"students", std::move(students)},
          {"lessons", std::move(lessons)},
          {"marks", ArrayOf(grid.marks, GridMarkJson)},
          {"attendance", ArrayOf(grid.attendance, AttendanceJson)},
          {"periodMarks", ArrayOf(grid.period_marks, PeriodMarkJson)},
          {"comments", ArrayOf(grid.comments, CommentJson)},
          {"files", ArrayOf(grid.files, FileJson)},
          {"averages", std::move(averages)}};
}

service::PlanTopicInput ReadTopic(RequestReader& in, const json::value& v, const std::string& at) {
  // The topic's fields are named alone, the range of its hours by its path.
  auto item = in.Item(v, at, {"section", "title", "hours", "plannedOn"}, RequestReader::Naming::kField);
  service::PlanTopicInput t;
  t.title = item.String("title", 500);
  t.section = item.OptString("section", 300);
  t.hours = item.IntIn("hours", 1, 200, at + ".hours");
  t.planned_on = item.OptString("plannedOn", 10);
  return t;
}

}  // namespace

// GET /api/v1/journals?schoolId=&date=
Response ListJournals(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(
        ctx.services.journals.List(*ctx.conn, ctx.actor(), school, ctx.request.QueryParam("date").value_or("")),
        SummaryJson);
  });
}

// GET /api/v1/journals/{id}: the grid in one response.
Response GetJournal(HandlerContext& ctx) {
  return WithPathId(
      ctx, [&ctx](int64_t id) { return Reply(200, ctx.services.journals.Grid(*ctx.conn, ctx.actor(), id), GridJson); });
}

// POST /api/v1/journals/{id}/marks: {studentId, lessonId, value, workTypeId | workType (code), ...}
Response AddJournalMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"studentId", "lessonId", "value", "workTypeId", "workType", "comment", "document", "clientId"});
  const int64_t lesson = in.Int("lessonId");
  if (!in.ok()) return ErrorResponse(in.error());
  auto in_journal = ctx.services.journals.LessonOf(*ctx.conn, ctx.actor(), id, lesson);
  if (!in_journal) return ErrorResponse(in_journal.error());
  return AddMarkToLesson(ctx, lesson, in);
}

// POST /api/v1/journals/{id}/period-marks: {studentId, kind, value, document?}
Response SetPeriodMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"studentId", "kind", "value", "document"});
  const int64_t student = in.Int("studentId");
  const std::string kind = in.OptString("kind", 10).value_or("period");
  const std::string value = in.String("value", 10);
  const auto document = in.OptString("document", 200);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.period_marks.SetPeriodMark(*ctx.conn, ctx.actor(), id, student, kind, value, document),
               PeriodMarkJson);
}

// GET /api/v1/journals/{id}/plan
Response GetPlan(HandlerContext& ctx) {
  return WithPathId(
      ctx, [&ctx](int64_t id) { return Reply(200, ctx.services.plans.Get(*ctx.conn, ctx.actor(), id), PlanJson); });
}

// PUT /api/v1/journals/{id}/plan {"topics": [{"section"?, "title", "hours", "plannedOn"?}],
// "version"}
Response SetPlan(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"topics", "version"});
  const int version = in.IntIn("version", 0, 1'000'000);
  const std::vector<service::PlanTopicInput> topics = in.Each(in.Array("topics"), "topics", ReadTopic);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.plans.Replace(*ctx.conn, ctx.actor(), id, topics, version), PlanJson);
}

}  // namespace ej::http::handlers
