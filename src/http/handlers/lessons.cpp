// One lesson and what is written in it (docs/api/openapi.yaml: /lessons/{id},
// /lessons/{id}/substitute, /lessons/{id}/cancel, /lessons/{id}/move, /lessons/{id}/restore,
// /lessons/{id}/marks, /lessons/{id}/record, /lessons/{id}/attendance, /lessons/{id}/comments,
// /lessons/{id}/history, /lessons/{id}/files).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object DetailJson(const service::LessonDetail& d) {
  json::object o = LessonJson(d.lesson);
  o["changes"] = ArrayOf(d.changes, [](const service::LessonChangeView& c) {
    return json::object{{"kind", c.kind},
                        {"detail", c.detail},
                        {"reason", OrNull(c.reason)},
                        {"changedBy", NamedJson(c.changed_by, "fullName")},
                        {"changedAt", c.changed_at}};
  });
  return o;
}

json::object RecordJson(const service::LessonRecord& r) {
  return {{"lessonId", r.lesson_id},
          {"topic", OrNull(r.topic)},
          {"workDone", OrNull(r.work_done)},
          {"homework", OrNull(r.homework)},
          {"homeworkDue", OrNull(r.homework_due)},
          {"topicLate", r.topic_late},
          {"homeworkLate", r.homework_late},
          {"version", r.version},
          {"planTopicId", OrNull(r.plan_topic_id)}};
}

// A change of the lesson's place in the timetable with an optional reason
// (cancel, restore): `change(id, reason)` is the service's answer.
template <typename Change>
Response ChangeLesson(HandlerContext& ctx, Change change) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"reason"});
  const auto reason = in.OptString("reason", 500);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, change(id, reason), DetailJson);
}

// A text of the lesson's record: untouched when absent; null clears, as "" does.
std::optional<std::string> RecordText(RequestReader& in, std::string_view field, size_t max_chars) {
  auto text = in.OptString(field, max_chars);
  if (!in.Has(field)) return std::nullopt;
  return text.value_or("");
}

}  // namespace

// GET /api/v1/lessons/{id}: the lesson with its changes.
Response GetLesson(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.timetable.GetLesson(*ctx.conn, ctx.actor(), id), DetailJson);
  });
}

// POST /api/v1/lessons/{id}/substitute {"teacherId", "roomId"?, "reason"?}
Response SubstituteLesson(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"teacherId", "roomId", "reason"});
  const int64_t teacher = in.Int("teacherId");
  const auto room = in.OptInt("roomId");
  const auto reason = in.OptString("reason", 500);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.lesson_changes.Substitute(*ctx.conn, ctx.actor(), id, teacher, room, reason),
               DetailJson);
}

// POST /api/v1/lessons/{id}/cancel {"reason"?}
Response CancelLesson(HandlerContext& ctx) {
  return ChangeLesson(ctx, [&ctx](int64_t id, const std::optional<std::string>& reason) {
    return ctx.services.lesson_changes.Cancel(*ctx.conn, ctx.actor(), id, reason);
  });
}

// POST /api/v1/lessons/{id}/move {"date", "lessonNumber", "roomId"?, "reason"?}
Response MoveLesson(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"date", "lessonNumber", "roomId", "reason"});
  const std::string date = in.String("date", 10);
  const int number = in.IntIn("lessonNumber", 0, 12, "lessonNumber (0..12)");
  const auto room = in.OptInt("roomId");
  const auto reason = in.OptString("reason", 500);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.lesson_changes.Move(*ctx.conn, ctx.actor(), id, date, number, room, reason),
               DetailJson);
}

// POST /api/v1/lessons/{id}/restore {"reason"?}
Response RestoreLesson(HandlerContext& ctx) {
  return ChangeLesson(ctx, [&ctx](int64_t id, const std::optional<std::string>& reason) {
    return ctx.services.lesson_changes.Restore(*ctx.conn, ctx.actor(), id, reason);
  });
}

Response AddMarkToLesson(HandlerContext& ctx, int64_t lesson_id, RequestReader& in) {
  service::NewMark m;
  m.lesson_id = lesson_id;
  m.student_id = in.Int("studentId");
  m.value = in.String("value", 10);
  // The work type by id, or by its code ("control", "oral"...).
  const auto type = in.OptInt("workTypeId");
  m.work_type_code = in.OptString("workType", 50);
  in.Check(type || m.work_type_code, ErrorCode::kMissingField, "workTypeId");
  m.work_type_id = type.value_or(0);
  m.comment = in.OptString("comment", 500);
  m.document = in.OptString("document", 200);
  m.client_id = in.OptString("clientId", 64);
  if (!in.ok()) return ErrorResponse(in.error());
  auto saved = ctx.services.marks.Add(*ctx.conn, ctx.actor(), m);
  return Reply(saved && saved->created ? 201 : 200, saved, [](const auto& s) { return MarkJson(s.mark); });
}

// POST /api/v1/lessons/{id}/marks {studentId, value, workTypeId | workType (code), comment?,
// document?, clientId?}
Response AddMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t lesson = in.PathId();
  in.Body({"studentId", "value", "workTypeId", "workType", "comment", "document", "clientId"});
  return AddMarkToLesson(ctx, lesson, in);
}

// PUT /api/v1/lessons/{id}/record: {topic?, workDone?, homework?, homeworkDue?, planTopicId?,
// version}
Response SetLessonRecord(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"topic", "workDone", "homework", "homeworkDue", "planTopicId", "version"});
  service::LessonRecordChange c;
  if (in.Has("planTopicId")) c.plan_topic_id = in.OptInt("planTopicId").value_or(0);  // null: no topic of the plan
  c.topic = RecordText(in, "topic", 500);
  c.work_done = RecordText(in, "workDone", 2000);
  c.homework = RecordText(in, "homework", 4000);
  c.homework_due = RecordText(in, "homeworkDue", 10);
  c.expected_version = in.IntIn("version", 0, 1'000'000);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.lesson_records.SetRecord(*ctx.conn, ctx.actor(), id, c), RecordJson);
}

// POST /api/v1/lessons/{id}/attendance: {studentId, kind: absent | late | present}
Response MarkAttendance(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"studentId", "kind"});
  const int64_t student = in.Int("studentId");
  const std::string kind = in.String("kind", 20);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.attendance.MarkAttendance(*ctx.conn, ctx.actor(), id, student, kind), AttendanceJson);
}

// POST /api/v1/lessons/{id}/comments: {studentId, kind: remark | praise | note, text, toParents?}
Response AddLessonComment(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"studentId", "kind", "text", "toParents"});
  const int64_t student = in.Int("studentId");
  const std::string kind = in.String("kind", 16);
  const std::string text = in.String("text", 1000);
  const bool to_parents = in.Bool("toParents", false);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.comments.AddComment(*ctx.conn, ctx.actor(), id, student, kind, text, to_parents),
               CommentJson);
}

// GET /api/v1/lessons/{id}/history: the lesson's record and every change of it.
Response GetLessonHistory(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.lesson_records.LessonHistory(*ctx.conn, ctx.actor(), id),
                 WithHistory("record", RecordJson));
  });
}

// POST /api/v1/lessons/{id}/files?fileName=  (body: the file)
Response AttachLessonFile(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(201,
                 ctx.services.lesson_files.AttachFile(
                     *ctx.conn, ctx.actor(), id, ctx.request.QueryParam("fileName").value_or(""), ctx.request.body),
                 FileJson);
  });
}

}  // namespace ej::http::handlers
