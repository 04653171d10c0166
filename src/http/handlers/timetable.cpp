#include <boost/json/array.hpp>

#include "domain/bells.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::value NamedJson(const std::optional<service::Named>& n, const char* name_key = "name") {
  if (!n) return nullptr;
  return json::object{{"id", n->id}, {name_key, n->name}};
}

json::value RefJson(const std::optional<service::LessonRef>& r) {
  if (!r) return nullptr;
  return json::object{{"lessonId", r->id}, {"date", r->date}, {"lessonNumber", r->lesson_number}};
}

json::object LessonJson(const service::LessonView& l) {
  return {{"id", l.id},
          {"date", l.date},
          {"lessonNumber", l.lesson_number},
          {"start", domain::FormatTimeOfDay(l.starts_at)},
          {"end", domain::FormatTimeOfDay(l.ends_at)},
          {"subject", NamedJson(l.subject)},
          {"teacher", NamedJson(l.teacher, "fullName")},
          {"plannedTeacher", NamedJson(l.planned_teacher, "fullName")},
          {"room", NamedJson(l.room)},
          {"class", NamedJson(l.class_)},
          {"group", NamedJson(l.group)},
          {"status", domain::ToString(l.status)},
          {"movedTo", RefJson(l.moved_to)},
          {"movedFrom", RefJson(l.moved_from)},
          {"reason", l.change_reason ? json::value(*l.change_reason) : nullptr}};
}

Response LessonsResponse(const std::vector<service::LessonView>& lessons) {
  json::array items;
  for (const auto& l : lessons) items.push_back(LessonJson(l));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

json::object DetailJson(const service::LessonDetail& d) {
  json::object o = LessonJson(d.lesson);
  json::array changes;
  for (const auto& c : d.changes) {
    changes.push_back(json::object{{"kind", c.kind},
                                   {"detail", c.detail},
                                   {"reason", c.reason ? json::value(*c.reason) : nullptr},
                                   {"changedBy", NamedJson(c.changed_by, "fullName")},
                                   {"changedAt", c.changed_at}});
  }
  o["changes"] = std::move(changes);
  return o;
}

json::object TemplateJson(const service::TemplateView& t) {
  json::array slots;
  for (const auto& s : t.slots) {
    slots.push_back(json::object{{"id", s.id},
                                 {"weekday", s.weekday},
                                 {"lessonNumber", s.lesson_number},
                                 {"start", domain::FormatTimeOfDay(s.starts_at)},
                                 {"end", domain::FormatTimeOfDay(s.ends_at)},
                                 {"subject", NamedJson(s.subject)},
                                 {"teacher", NamedJson(s.teacher, "fullName")},
                                 {"room", NamedJson(s.room)},
                                 {"validFrom", s.valid_from},
                                 {"validTo", s.valid_to ? json::value(*s.valid_to) : nullptr}});
  }
  const bool is_class = t.target.kind == domain::LessonTarget::Kind::kClass;
  return {{is_class ? "classId" : "groupId", t.target.id},
          {"name", t.target_name},
          {"date", t.date},
          {"slots", std::move(slots)}};
}

// classId or groupId, exactly one: from the query or from a body.
domain::Result<domain::LessonTarget> TargetOf(std::optional<int64_t> class_id, std::optional<int64_t> group_id) {
  if (class_id && group_id) return Error::WithDetail(ErrorCode::kInvalidValue, "укажите classId или groupId, не оба");
  if (class_id) return domain::LessonTarget::Class(*class_id);
  if (group_id) return domain::LessonTarget::Group(*group_id);
  return Error::WithDetail(ErrorCode::kMissingField, "classId или groupId");
}

domain::Result<domain::TemplateSlot> ParseSlot(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Error::WithDetail(ErrorCode::kWrongType, where);
  const auto& o = v.get_object();
  for (const auto& kv : o) {
    static constexpr std::string_view kKnown[] = {"weekday", "lessonNumber", "subjectId", "teacherId", "roomId"};
    if (std::find(std::begin(kKnown), std::end(kKnown), kv.key()) == std::end(kKnown)) {
      return Error::WithDetail(ErrorCode::kUnknownField, where + "." + std::string(kv.key()));
    }
  }
  domain::TemplateSlot s;
  auto weekday = RequiredInt(o, "weekday");
  if (!weekday) return Error::WithDetail(weekday.error().code, where + ".weekday");
  if (*weekday < 1 || *weekday > 7) return Error::WithDetail(ErrorCode::kInvalidValue, where + ".weekday (1..7)");
  s.weekday = static_cast<int>(*weekday);
  auto number = RequiredInt(o, "lessonNumber");
  if (!number) return Error::WithDetail(number.error().code, where + ".lessonNumber");
  if (*number < 0 || *number > 12) return Error::WithDetail(ErrorCode::kInvalidValue, where + ".lessonNumber (0..12)");
  s.lesson_number = static_cast<int>(*number);
  auto subject = RequiredInt(o, "subjectId");
  if (!subject) return Error::WithDetail(subject.error().code, where + ".subjectId");
  s.subject_id = *subject;
  auto teacher = RequiredInt(o, "teacherId");
  if (!teacher) return Error::WithDetail(teacher.error().code, where + ".teacherId");
  s.teacher_id = *teacher;
  auto room = OptionalInt(o, "roomId");
  if (!room) return Error::WithDetail(room.error().code, where + ".roomId");
  s.room_id = *room;
  return s;
}

// from/to of a view; both default to the current week (Monday to Sunday).
std::pair<std::string, std::string> Span(const HandlerContext& ctx) {
  auto from = ctx.request.QueryParam("from");
  auto to = ctx.request.QueryParam("to");
  if (from && to) return {*from, *to};
  const auto today = domain::ParseDate(ctx.services.clock.Today());
  const domain::Date monday = *today - (date::weekday{*today} - date::Monday);
  return {from.value_or(domain::FormatDate(monday)), to.value_or(domain::FormatDate(monday + date::days{6}))};
}

}  // namespace

// GET /api/v1/timetable/template?classId=|groupId=&date=
Response GetTimetableTemplate(HandlerContext& ctx) {
  auto class_id = OptionalIdParam(ctx, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  auto group_id = OptionalIdParam(ctx, "groupId");
  if (!group_id) return ErrorResponse(group_id.error());
  auto target = TargetOf(*class_id, *group_id);
  if (!target) return ErrorResponse(target.error());
  auto t = ctx.services.templates.GetTemplate(*ctx.conn, ctx.actor(), *target, ctx.request.QueryParam("date"));
  if (!t) return ErrorResponse(t.error());
  return JsonResponse(200, TemplateJson(*t));
}

// PUT /api/v1/timetable/template {"classId"|"groupId", "validFrom", "slots": [...]}
Response SetTimetableTemplate(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"classId", "groupId", "validFrom", "slots"});
  if (!body) return ErrorResponse(body.error());
  auto class_id = OptionalInt(*body, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  auto group_id = OptionalInt(*body, "groupId");
  if (!group_id) return ErrorResponse(group_id.error());
  auto target = TargetOf(*class_id, *group_id);
  if (!target) return ErrorResponse(target.error());
  service::TemplateChange change;
  change.target = *target;
  auto from = RequiredString(*body, "validFrom", 10);
  if (!from) return ErrorResponse(from.error());
  change.valid_from = *from;
  const json::value* slots = body->if_contains("slots");
  if (!slots) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "slots"));
  if (!slots->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "slots"));
  if (slots->get_array().size() > 7 * 13 * 4) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "slots"));
  for (size_t i = 0; i < slots->get_array().size(); ++i) {
    auto slot = ParseSlot(slots->get_array()[i], "slots[" + std::to_string(i) + "]");
    if (!slot) return ErrorResponse(slot.error());
    change.slots.push_back(*slot);
  }
  auto saved = ctx.services.templates.SetTemplate(*ctx.conn, ctx.actor(), change);
  if (!saved) return ErrorResponse(saved.error());
  json::object out = TemplateJson(saved->template_);
  out["lessonsCreated"] = saved->lessons_created;
  out["lessonsKept"] = saved->lessons_kept;
  out["lessonsRetired"] = saved->lessons_retired;
  return JsonResponse(200, out);
}

// GET /api/v1/timetable?from=&to=&classId=|groupId=|teacherId=|roomId=&schoolId=
Response ListTimetable(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  service::LessonQuery q;
  std::tie(q.from, q.to) = Span(ctx);
  for (auto [name, target] : {std::pair{"classId", &q.class_id}, std::pair{"groupId", &q.group_id},
                              std::pair{"teacherId", &q.teacher_id}, std::pair{"roomId", &q.room_id}}) {
    auto v = OptionalIdParam(ctx, name);
    if (!v) return ErrorResponse(v.error());
    *target = *v;
  }
  auto lessons = ctx.services.timetable.ListLessons(*ctx.conn, ctx.actor(), *school, q);
  if (!lessons) return ErrorResponse(lessons.error());
  return LessonsResponse(*lessons);
}

// GET /api/v1/me/timetable?from=&to=&studentId=
Response GetMyTimetable(HandlerContext& ctx) {
  auto student = OptionalIdParam(ctx, "studentId");
  if (!student) return ErrorResponse(student.error());
  auto [from, to] = Span(ctx);
  auto lessons = ctx.services.timetable.MyTimetable(*ctx.conn, ctx.actor(), from, to, *student);
  if (!lessons) return ErrorResponse(lessons.error());
  return LessonsResponse(*lessons);
}

// GET /api/v1/lessons/{id}: the lesson with its changes.
Response GetLesson(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto detail = ctx.services.timetable.GetLesson(*ctx.conn, ctx.actor(), *id);
  if (!detail) return ErrorResponse(detail.error());
  return JsonResponse(200, DetailJson(*detail));
}

// POST /api/v1/lessons/{id}/substitute {"teacherId", "roomId"?, "reason"?}
Response SubstituteLesson(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"teacherId", "roomId", "reason"});
  if (!body) return ErrorResponse(body.error());
  auto teacher = RequiredInt(*body, "teacherId");
  if (!teacher) return ErrorResponse(teacher.error());
  auto room = OptionalInt(*body, "roomId");
  if (!room) return ErrorResponse(room.error());
  auto reason = OptionalString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto d = ctx.services.lesson_changes.Substitute(*ctx.conn, ctx.actor(), *id, *teacher, *room, *reason);
  if (!d) return ErrorResponse(d.error());
  return JsonResponse(200, DetailJson(*d));
}

// POST /api/v1/lessons/{id}/cancel {"reason"?}
Response CancelLesson(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"reason"});
  if (!body) return ErrorResponse(body.error());
  auto reason = OptionalString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto d = ctx.services.lesson_changes.Cancel(*ctx.conn, ctx.actor(), *id, *reason);
  if (!d) return ErrorResponse(d.error());
  return JsonResponse(200, DetailJson(*d));
}

// POST /api/v1/lessons/{id}/move {"date", "lessonNumber", "roomId"?, "reason"?}
Response MoveLesson(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"date", "lessonNumber", "roomId", "reason"});
  if (!body) return ErrorResponse(body.error());
  auto date = RequiredString(*body, "date", 10);
  if (!date) return ErrorResponse(date.error());
  auto number = RequiredInt(*body, "lessonNumber");
  if (!number) return ErrorResponse(number.error());
  if (*number < 0 || *number > 12) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "lessonNumber (0..12)"));
  auto room = OptionalInt(*body, "roomId");
  if (!room) return ErrorResponse(room.error());
  auto reason = OptionalString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto d = ctx.services.lesson_changes.Move(*ctx.conn, ctx.actor(), *id, *date, static_cast<int>(*number), *room, *reason);
  if (!d) return ErrorResponse(d.error());
  return JsonResponse(200, DetailJson(*d));
}

// POST /api/v1/lessons/{id}/restore {"reason"?}
Response RestoreLesson(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"reason"});
  if (!body) return ErrorResponse(body.error());
  auto reason = OptionalString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto d = ctx.services.lesson_changes.Restore(*ctx.conn, ctx.actor(), *id, *reason);
  if (!d) return ErrorResponse(d.error());
  return JsonResponse(200, DetailJson(*d));
}

}  // namespace ej::http::handlers
