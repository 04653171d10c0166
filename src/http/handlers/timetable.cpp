// The timetable: its weekly template and the lessons it gives (docs/api/openapi.yaml:
// /timetable, /timetable/template). One lesson is served by lessons.cpp.
#include <boost/json/array.hpp>

#include "domain/bells.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object TemplateJson(const service::TemplateView& t) {
  json::array slots = ArrayOf(t.slots, [](const auto& s) {
    return json::object{{"id", s.id},
                        {"weekday", s.weekday},
                        {"lessonNumber", s.lesson_number},
                        {"start", domain::FormatTimeOfDay(s.starts_at)},
                        {"end", domain::FormatTimeOfDay(s.ends_at)},
                        {"subject", NamedJson(s.subject)},
                        {"teacher", NamedJson(s.teacher, "fullName")},
                        {"room", NamedJson(s.room)},
                        {"validFrom", s.valid_from},
                        {"validTo", OrNull(s.valid_to)}};
  });
  const bool is_class = t.target.kind == domain::LessonTarget::Kind::kClass;
  return {{is_class ? "classId" : "groupId", t.target.id},
          {"name", t.target_name},
          {"date", t.date},
          {"slots", std::move(slots)}};
}

// classId or groupId, exactly one: from the query or from a body.
domain::LessonTarget TargetOf(RequestReader& in, std::optional<int64_t> class_id, std::optional<int64_t> group_id) {
  in.Check(!(class_id && group_id), ErrorCode::kInvalidValue, "укажите classId или groupId, не оба");
  in.Check(class_id || group_id, ErrorCode::kMissingField, "classId или groupId");
  return class_id ? domain::LessonTarget::Class(*class_id) : domain::LessonTarget::Group(group_id.value_or(0));
}

domain::TemplateSlot ReadSlot(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"weekday", "lessonNumber", "subjectId", "teacherId", "roomId"});
  domain::TemplateSlot s;
  s.weekday = item.IntIn("weekday", 1, 7, where + ".weekday (1..7)");
  s.lesson_number = item.IntIn("lessonNumber", 0, 12, where + ".lessonNumber (0..12)");
  s.subject_id = item.Int("subjectId");
  s.teacher_id = item.Int("teacherId");
  s.room_id = item.OptInt("roomId");
  return s;
}

}  // namespace

// GET /api/v1/timetable/template?classId=|groupId=&date=
Response GetTimetableTemplate(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const auto class_id = in.IdParam("classId");
  const auto group_id = in.IdParam("groupId");
  const domain::LessonTarget target = TargetOf(in, class_id, group_id);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.templates.GetTemplate(*ctx.conn, ctx.actor(), target, ctx.request.QueryParam("date")),
               TemplateJson);
}

// PUT /api/v1/timetable/template {"classId"|"groupId", "validFrom", "slots": [...]}
Response SetTimetableTemplate(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"classId", "groupId", "validFrom", "slots"});
  const auto class_id = in.OptInt("classId");
  const auto group_id = in.OptInt("groupId");
  service::TemplateChange change;
  change.target = TargetOf(in, class_id, group_id);
  change.valid_from = in.String("validFrom", 10);
  change.slots = in.Each(in.Array("slots", 7 * 13 * 4), "slots", ReadSlot);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.templates.SetTemplate(*ctx.conn, ctx.actor(), change), [](const auto& saved) {
    json::object out = TemplateJson(saved.template_);
    out["lessonsCreated"] = saved.lessons_created;
    out["lessonsKept"] = saved.lessons_kept;
    out["lessonsRetired"] = saved.lessons_retired;
    return out;
  });
}

// GET /api/v1/timetable?from=&to=&classId=|groupId=|teacherId=|roomId=&schoolId=
Response ListTimetable(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  service::LessonQuery q;
  std::tie(q.from, q.to) = WeekSpan(ctx);
  q.class_id = in.IdParam("classId");
  q.group_id = in.IdParam("groupId");
  q.teacher_id = in.IdParam("teacherId");
  q.room_id = in.IdParam("roomId");
  if (!in.ok()) return ErrorResponse(in.error());
  return ReplyItems(ctx.services.timetable.ListLessons(*ctx.conn, ctx.actor(), school, q), LessonJson);
}

}  // namespace ej::http::handlers
