// Journals (docs/api/openapi.yaml: /journals, /journals/{id}, /journals/{id}/marks).
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <tuple>

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

json::value Ref(const std::optional<service::Named>& n) {
  if (!n) return nullptr;
  return json::object{{"id", n->id}, {"name", n->name}};
}

json::object SummaryJson(const service::JournalSummary& j) {
  json::array teachers;
  for (const auto& t : j.teachers) teachers.push_back(json::object{{"id", t.id}, {"fullName", t.name}});
  return {{"id", j.id},
          {"class", Ref(j.class_)},
          {"group", Ref(j.group)},
          {"subject", json::object{{"id", j.subject.id}, {"name", j.subject.name}}},
          {"period", json::object{{"kind", j.period.kind},
                                  {"number", j.period.number},
                                  {"name", j.period.name},
                                  {"startsOn", j.period.starts_on},
                                  {"endsOn", j.period.ends_on}}},
          {"teachers", std::move(teachers)},
          {"current", j.current}};
}

json::object GridMarkJson(const service::MarkView& m) {
  return {{"id", m.id},           {"lessonId", m.lesson_id}, {"studentId", m.student_id},
          {"value", m.value},     {"workTypeId", m.work_type_id}, {"workType", m.work_type},
          {"weight", m.weight},   {"comment", OrNull(m.comment)}, {"document", OrNull(m.document)},
          {"version", m.version}, {"late", m.late}};
}

json::object AttendanceJson(const service::AttendanceView& a) {
  return {{"id", a.id},         {"lessonId", a.lesson_id}, {"studentId", a.student_id}, {"date", a.date},
          {"kind", a.kind},     {"reason", OrNull(a.reason)}, {"version", a.version}};
}

json::object RecordJson(const service::LessonRecord& r) {
  return {{"lessonId", r.lesson_id},       {"topic", OrNull(r.topic)},          {"workDone", OrNull(r.work_done)},
          {"homework", OrNull(r.homework)}, {"homeworkDue", OrNull(r.homework_due)}, {"topicLate", r.topic_late},
          {"homeworkLate", r.homework_late}, {"version", r.version}, {"planTopicId", OrNull(r.plan_topic_id)}};
}

json::object CommentJson(const service::LessonComment& c) {
  return {{"id", c.id},
          {"lessonId", c.lesson_id},
          {"studentId", c.student_id},
          {"date", c.date},
          {"kind", c.kind},
          {"text", c.text},
          {"toParents", c.to_parents},
          {"version", c.version},
          {"author", json::object{{"id", c.author.id}, {"fullName", c.author.name}}},
          {"createdAt", c.created_at}};
}

json::object FileJson(const service::LessonFile& f) {
  return {{"id", f.id},
          {"lessonId", f.lesson_id},
          {"name", f.name},
          {"mediaType", f.media_type},
          {"size", f.size},
          {"sha256", f.sha256},
          {"uploadedBy", json::object{{"id", f.uploaded_by.id}, {"fullName", f.uploaded_by.name}}},
          {"uploadedAt", f.uploaded_at}};
}

// A file name in Content-Disposition: ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987).
std::string ContentDisposition(const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '_');
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// Out of line: GCC 12 sees a false out-of-bounds copy in these short literals when inlined.
[[gnu::noinline]] void AddAttachmentHeaders(Response& res, const std::string& name) {
  res.headers.emplace_back(std::string_view("Content-Disposition"), ContentDisposition(name));
  res.headers.emplace_back(std::string_view("X-Content-Type-Options"), std::string_view("nosniff"));
}

json::object PeriodMarkJson(const service::PeriodMarkView& m) {
  return {{"id", m.id},       {"journalId", m.journal_id}, {"studentId", m.student_id}, {"kind", m.kind},
          {"value", m.value}, {"document", OrNull(m.document)}, {"version", m.version}};
}

// Averages rounded to hundredths, as people read them.
double Hundredths(double v) { return static_cast<double>(static_cast<int64_t>(v * 100 + 0.5)) / 100; }

}  // namespace

// GET /api/v1/journals?schoolId=&date=
Response ListJournals(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto list = ctx.services.journals.List(*ctx.conn, ctx.actor(), *school, ctx.request.QueryParam("date").value_or(""));
  if (!list) return ErrorResponse(list.error());
  json::array items;
  for (const auto& j : *list) items.push_back(SummaryJson(j));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// GET /api/v1/journals/{id}: the grid in one response.
Response GetJournal(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto grid = ctx.services.journals.Grid(*ctx.conn, ctx.actor(), *id);
  if (!grid) return ErrorResponse(grid.error());
  json::array students;
  for (const auto& s : grid->students) {
    students.push_back(json::object{{"id", s.id},
                                    {"fullName", s.full_name},
                                    {"from", OrNull(s.from)},
                                    {"to", OrNull(s.to)}});
  }
  std::map<int64_t, const service::LessonRecord*> records;
  for (const auto& r : grid->records) records[r.lesson_id] = &r;
  json::array lessons;
  for (const auto& l : grid->lessons) {
    const service::LessonRecord* r = records.contains(l.id) ? records[l.id] : nullptr;
    lessons.push_back(json::object{{"id", l.id},
                                   {"date", l.date},
                                   {"lessonNumber", l.lesson_number},
                                   {"status", l.status},
                                   {"teacher", json::object{{"id", l.teacher.id}, {"fullName", l.teacher.name}}},
                                   {"topic", r ? OrNull(r->topic) : nullptr},
                                   {"workDone", r ? OrNull(r->work_done) : nullptr},
                                   {"homework", r ? OrNull(r->homework) : nullptr},
                                   {"homeworkDue", r ? OrNull(r->homework_due) : nullptr},
                                   {"recordVersion", r ? r->version : 0},
                                   {"planTopicId", r ? OrNull(r->plan_topic_id) : nullptr},
                                   {"planTopic", l.plan_topic_id ? json::value(json::object{{"id", *l.plan_topic_id},
                                                                                           {"number", *l.plan_topic_number},
                                                                                           {"title", *l.plan_topic_title}})
                                                                 : nullptr},
                                   {"canWrite", l.can_write}});
  }
  json::array attendance;
  for (const auto& a : grid->attendance) attendance.push_back(AttendanceJson(a));
  json::array period_marks;
  for (const auto& m : grid->period_marks) period_marks.push_back(PeriodMarkJson(m));
  json::array marks;
  for (const auto& m : grid->marks) marks.push_back(GridMarkJson(m));
  json::array comments;
  for (const auto& c : grid->comments) comments.push_back(CommentJson(c));
  json::array files;
  for (const auto& f : grid->files) files.push_back(FileJson(f));
  json::array averages;
  for (const auto& a : grid->averages) {
    averages.push_back(json::object{
        {"studentId", a.student_id},
        {"count", a.averages.count},
        {"plain", a.averages.count ? json::value(Hundredths(a.averages.plain)) : nullptr},
        {"weighted", a.averages.count ? json::value(Hundredths(a.averages.weighted)) : nullptr},
        {"forecast", a.forecast ? json::value(*a.forecast) : nullptr}});
  }
  return JsonResponse(200, json::object{{"journal", SummaryJson(grid->journal)},
                                        {"assessment", grid->assessment},
                                        {"canWrite", grid->can_write},
                                        {"students", std::move(students)},
                                        {"lessons", std::move(lessons)},
                                        {"marks", std::move(marks)},
                                        {"attendance", std::move(attendance)},
                                        {"periodMarks", std::move(period_marks)},
                                        {"comments", std::move(comments)},
                                        {"files", std::move(files)},
                                        {"averages", std::move(averages)}});
}

// POST /api/v1/journals/{id}/marks: {studentId, lessonId, value, workTypeId | workType (code), ...}
Response AddJournalMark(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request,
                        {"studentId", "lessonId", "value", "workTypeId", "workType", "comment", "document", "clientId"});
  if (!body) return ErrorResponse(body.error());
  auto lesson = RequiredInt(*body, "lessonId");
  if (!lesson) return ErrorResponse(lesson.error());
  auto in_journal = ctx.services.journals.LessonOf(*ctx.conn, ctx.actor(), *id, *lesson);
  if (!in_journal) return ErrorResponse(in_journal.error());
  return AddMarkToLesson(ctx, *lesson, *body);
}

// PUT /api/v1/lessons/{id}/record: {topic?, workDone?, homework?, homeworkDue?, version}
Response SetLessonRecord(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"topic", "workDone", "homework", "homeworkDue", "planTopicId", "version"});
  if (!body) return ErrorResponse(body.error());
  service::LessonRecordChange c;
  if (body->contains("planTopicId")) {
    auto topic = OptionalInt(*body, "planTopicId");
    if (!topic) return ErrorResponse(topic.error());
    c.plan_topic_id = topic->value_or(0);  // null: no topic of the plan
  }
  for (auto [field, target, max] : {std::tuple{"topic", &c.topic, size_t{500}}, std::tuple{"workDone", &c.work_done, size_t{2000}},
                                    std::tuple{"homework", &c.homework, size_t{4000}},
                                    std::tuple{"homeworkDue", &c.homework_due, size_t{10}}}) {
    auto v = OptionalString(*body, field, max);
    if (!v) return ErrorResponse(v.error());
    // null clears, as "" does
    if (body->contains(field)) *target = v->value_or("");
  }
  auto version = RequiredInt(*body, "version");
  if (!version) return ErrorResponse(version.error());
  if (*version < 0 || *version > 1'000'000) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "version"));
  c.expected_version = static_cast<int>(*version);
  auto saved = ctx.services.lesson_records.SetRecord(*ctx.conn, ctx.actor(), *id, c);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, RecordJson(*saved));
}

// POST /api/v1/lessons/{id}/attendance: {studentId, kind: absent | late | present}
Response MarkAttendance(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"studentId", "kind"});
  if (!body) return ErrorResponse(body.error());
  auto student = RequiredInt(*body, "studentId");
  if (!student) return ErrorResponse(student.error());
  auto kind = RequiredString(*body, "kind", 20);
  if (!kind) return ErrorResponse(kind.error());
  auto saved = ctx.services.attendance.MarkAttendance(*ctx.conn, ctx.actor(), *id, *student, *kind);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, AttendanceJson(*saved));
}

// POST /api/v1/students/{id}/absence-reason: {from, to, reason: ill | excused | unexcused}
Response SetAbsenceReason(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"from", "to", "reason"});
  if (!body) return ErrorResponse(body.error());
  auto from = RequiredString(*body, "from", 10);
  if (!from) return ErrorResponse(from.error());
  auto to = OptionalString(*body, "to", 10);
  if (!to) return ErrorResponse(to.error());
  auto reason = RequiredString(*body, "reason", 20);
  if (!reason) return ErrorResponse(reason.error());
  auto changed = ctx.services.attendance.SetAbsenceReason(*ctx.conn, ctx.actor(), *id, *from, to->value_or(*from), *reason);
  if (!changed) return ErrorResponse(changed.error());
  return JsonResponse(200, json::object{{"lessons", *changed}});
}

// POST /api/v1/journals/{id}/period-marks: {studentId, kind, value, document?}
Response SetPeriodMark(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"studentId", "kind", "value", "document"});
  if (!body) return ErrorResponse(body.error());
  auto student = RequiredInt(*body, "studentId");
  if (!student) return ErrorResponse(student.error());
  auto kind = OptionalString(*body, "kind", 10);
  if (!kind) return ErrorResponse(kind.error());
  auto value = RequiredString(*body, "value", 10);
  if (!value) return ErrorResponse(value.error());
  auto document = OptionalString(*body, "document", 200);
  if (!document) return ErrorResponse(document.error());
  auto saved = ctx.services.period_marks.SetPeriodMark(*ctx.conn, ctx.actor(), *id, *student, kind->value_or("period"),
                                                   *value, *document);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(201, PeriodMarkJson(*saved));
}

// PATCH /api/v1/period-marks/{id}: {value, version, explanation: {teacherId, date, reason}} (a deputy)
Response CorrectPeriodMark(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"value", "version", "explanation"});
  if (!body) return ErrorResponse(body.error());
  auto value = RequiredString(*body, "value", 10);
  if (!value) return ErrorResponse(value.error());
  auto version = RequiredInt(*body, "version");
  if (!version) return ErrorResponse(version.error());
  const json::value* e = body->if_contains("explanation");
  if (!e || !e->is_object()) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "explanation"));
  const json::object& ex = e->as_object();
  auto teacher = RequiredInt(ex, "teacherId");
  if (!teacher) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "explanation.teacherId"));
  auto date = RequiredString(ex, "date", 10);
  if (!date) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "explanation.date"));
  auto reason = RequiredString(ex, "reason", 1000);
  if (!reason) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "explanation.reason"));
  if (*version < 1 || *version > 1'000'000) return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "version"));
  auto saved = ctx.services.period_marks.CorrectPeriodMark(*ctx.conn, ctx.actor(), *id, *value,
                                                       static_cast<int>(*version), {*teacher, *date, *reason});
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, PeriodMarkJson(*saved));
}

// GET /api/v1/period-marks/{id}/history
Response GetPeriodMarkHistory(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto found = ctx.services.period_marks.PeriodMarkHistory(*ctx.conn, ctx.actor(), *id);
  if (!found) return ErrorResponse(found.error());
  return JsonResponse(200, json::object{{"periodMark", PeriodMarkJson(found->first)}, {"history", HistoryJson(found->second, "explanation")}});
}

// POST /api/v1/lessons/{id}/comments: {studentId, kind: remark | praise | note, text, toParents?}
Response AddLessonComment(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"studentId", "kind", "text", "toParents"});
  if (!body) return ErrorResponse(body.error());
  auto student = RequiredInt(*body, "studentId");
  if (!student) return ErrorResponse(student.error());
  auto kind = RequiredString(*body, "kind", 16);
  if (!kind) return ErrorResponse(kind.error());
  auto text = RequiredString(*body, "text", 1000);
  if (!text) return ErrorResponse(text.error());
  bool to_parents = false;
  if (const json::value* v = body->if_contains("toParents"); v && !v->is_null()) {
    if (!v->is_bool()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "toParents"));
    to_parents = v->as_bool();
  }
  auto saved = ctx.services.comments.AddComment(*ctx.conn, ctx.actor(), *id, *student, *kind, *text, to_parents);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(201, CommentJson(*saved));
}

// GET /api/v1/lessons/{id}/history: the lesson's record and every change of it.
Response GetLessonHistory(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto found = ctx.services.lesson_records.LessonHistory(*ctx.conn, ctx.actor(), *id);
  if (!found) return ErrorResponse(found.error());
  return JsonResponse(200, json::object{{"record", RecordJson(found->first)}, {"history", HistoryJson(found->second, "reason")}});
}

// POST /api/v1/comments/{id}/remove: {reason}
Response RemoveLessonComment(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"reason"});
  if (!body) return ErrorResponse(body.error());
  auto reason = RequiredString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto saved = ctx.services.comments.RemoveComment(*ctx.conn, ctx.actor(), *id, *reason);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, CommentJson(*saved));
}

// POST /api/v1/lessons/{id}/files?fileName=  (body: the file)
Response AttachLessonFile(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto saved = ctx.services.lesson_files.AttachFile(*ctx.conn, ctx.actor(), *id,
                                                std::string(ctx.request.QueryParam("fileName").value_or("")),
                                                std::string(ctx.request.body));
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(201, FileJson(*saved));
}

// GET /api/v1/files/{id}: the file itself.
Response DownloadLessonFile(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto found = ctx.services.lesson_files.DownloadFile(*ctx.conn, ctx.actor(), *id);
  if (!found) return ErrorResponse(found.error());
  Response res;
  res.status = 200;
  res.content_type = found->first.media_type;
  res.body = std::move(found->second);
  AddAttachmentHeaders(res, found->first.name);
  return res;
}

// POST /api/v1/files/{id}/remove: {reason}
Response RemoveLessonFile(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"reason"});
  if (!body) return ErrorResponse(body.error());
  auto reason = RequiredString(*body, "reason", 500);
  if (!reason) return ErrorResponse(reason.error());
  auto saved = ctx.services.lesson_files.RemoveFile(*ctx.conn, ctx.actor(), *id, *reason);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, FileJson(*saved));
}

// GET /api/v1/students/{id}/progress?date=: the marks of the study period, the averages and the forecast.
Response GetStudentProgress(HandlerContext& ctx) {
  auto id = PathId(ctx);
  if (!id) return ErrorResponse(id.error());
  auto p = ctx.services.progress.Progress(*ctx.conn, ctx.actor(), *id,
                                          std::string(ctx.request.QueryParam("date").value_or("")));
  if (!p) return ErrorResponse(p.error());
  json::array subjects;
  for (const auto& s : p->subjects) {
    json::array marks;
    for (const auto& m : s.marks) {
      marks.push_back(json::object{{"id", m.id},
                                   {"date", m.lesson_date},
                                   {"value", m.value},
                                   {"workType", m.work_type},
                                   {"weight", m.weight},
                                   {"late", m.late}});
    }
    subjects.push_back(json::object{
        {"subject", json::object{{"id", s.subject.id}, {"name", s.subject.name}}},
        {"marks", std::move(marks)},
        {"count", s.averages.count},
        {"plain", s.averages.count ? json::value(Hundredths(s.averages.plain)) : nullptr},
        {"weighted", s.averages.count ? json::value(Hundredths(s.averages.weighted)) : nullptr},
        {"forecast", s.forecast ? json::value(*s.forecast) : nullptr},
        {"periodMark", OrNull(s.period_mark)}});
  }
  return JsonResponse(200, json::object{{"student", json::object{{"id", p->student.id}, {"fullName", p->student.name}}},
                                        {"period", json::object{{"kind", p->period.kind},
                                                                {"number", p->period.number},
                                                                {"name", p->period.name},
                                                                {"startsOn", p->period.starts_on},
                                                                {"endsOn", p->period.ends_on}}},
                                        {"subjects", std::move(subjects)}});
}

}  // namespace ej::http::handlers
