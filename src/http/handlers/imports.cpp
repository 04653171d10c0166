// Imports from files (docs/api/openapi.yaml: /imports/roster, /imports/staff, /imports/fet,
// /imports/plan): each previews the file, and with ?apply=true writes it.
#include <boost/json/array.hpp>
#include <charconv>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::array StringsJson(const std::vector<std::string>& texts) {
  return ArrayOf(texts, [](const std::string& t) { return json::value(t); });
}

json::array RowErrorsJson(const std::vector<service::RowError>& errors) {
  return ArrayOf(errors, [](const auto& e) { return json::object{{"line", e.line}, {"message", e.message}}; });
}

json::object StudentRowJson(const service::ImportedStudent& s) {
  json::array parents = ArrayOf(s.parents, [](const auto& p) {
    return json::object{{"fullName", p.full_name},
                        {"relation", p.relation},
                        {"phone", OrNull(p.phone)},
                        {"email", OrNull(p.email)},
                        {"shared", p.shared}};
  });
  return {{"line", s.line},
          {"fullName", s.full_name},
          {"birthDate", s.birth_date},
          {"sex", s.sex},
          {"className", s.class_name},
          {"action", s.exists ? "exists" : "create"},
          {"parents", std::move(parents)}};
}

json::object StaffRowJson(const service::ImportedStaff& s) {
  return {{"line", s.line},         {"fullName", s.full_name},
          {"position", s.position}, {"roles", StringsJson(s.roles)},
          {"login", s.login},       {"action", s.exists ? "exists" : "create"}};
}

json::object ReportJson(const service::ImportReport& r) {
  json::array timetable = ArrayOf(r.timetable, [](const auto& t) {
    return json::object{{"target", t.target}, {"slots", t.slots}};
  });
  json::array unmatched = ArrayOf(r.unmatched, [](const auto& u) {
    return json::object{
        {"kind", u.kind}, {"name", u.name}, {"lines", ArrayOf(u.lines, [](int l) { return json::value(l); })}};
  });
  return {
      {"file",
       json::object{{"format", r.format}, {"encoding", r.encoding}, {"separator", r.separator}, {"sheet", r.sheet}}},
      {"columns", StringsJson(r.columns)},
      {"ignoredColumns", StringsJson(r.ignored_columns)},
      {"students", ArrayOf(r.students, StudentRowJson)},
      {"staff", ArrayOf(r.staff, StaffRowJson)},
      {"timetable", std::move(timetable)},
      {"unmatched", std::move(unmatched)},
      {"errors", RowErrorsJson(r.errors)},
      {"lessonsCreated", r.lessons_created},
      {"applied", r.applied}};
}

json::object PlanImportJson(const service::PlanImport& done) {
  int hours = 0;
  for (const auto& t : done.topics) hours += t.hours;
  json::array topics = ArrayOf(done.topics, [](const service::PlanTopicInput& t) {
    return json::object{
        {"section", OrNull(t.section)}, {"title", t.title}, {"hours", t.hours}, {"plannedOn", OrNull(t.planned_on)}};
  });
  return {{"file", json::object{{"format", done.format}, {"encoding", done.encoding}, {"sheet", done.sheet}}},
          {"columns", StringsJson(done.columns)},
          {"ignoredColumns", StringsJson(done.ignored_columns)},
          {"topics", std::move(topics)},
          {"hours", hours},
          {"errors", RowErrorsJson(done.errors)},
          {"applied", done.plan.has_value()},
          {"plan", done.plan ? json::value(PlanJson(*done.plan)) : nullptr}};
}

// The uploaded file: the raw request body, its name in ?fileName=.
service::ImportFile UploadedFile(const HandlerContext& ctx, RequestReader& in) {
  in.Check(!ctx.request.body.empty(), ErrorCode::kImportBadFile, "файл пустой");
  return {ctx.request.body, ctx.request.QueryParam("fileName").value_or("")};
}

// One file as the body (?fileName=), or several as JSON:
// {"files": [{"name": "...", "text": "..."}]} (FET's XML files are UTF-8 text).
std::vector<service::ImportFile> UploadedFiles(const HandlerContext& ctx, RequestReader& in) {
  if (!ctx.request.content_type.starts_with("application/json")) return {UploadedFile(ctx, in)};
  in.Body({"files"});
  const json::value* files = in.object().if_contains("files");
  const bool listed = files && files->is_array() && !files->as_array().empty() && files->as_array().size() <= 4;
  if (!in.Check(listed, ErrorCode::kInvalidValue, "files (список файлов: name, text)")) return {};
  std::vector<service::ImportFile> out;
  for (const auto& f : files->as_array()) {
    const json::value* name = f.is_object() ? f.as_object().if_contains("name") : nullptr;
    const json::value* text = f.is_object() ? f.as_object().if_contains("text") : nullptr;
    const bool texts = name && name->is_string() && text && text->is_string();
    if (!in.Check(texts, ErrorCode::kInvalidValue, "files[] (name и text — строки)")) break;
    out.push_back({std::string(text->as_string()), std::string(name->as_string())});
  }
  return out;
}

// ?apply=true writes; false (the default) previews.
bool ApplyParam(const HandlerContext& ctx, RequestReader& in) {
  const std::string apply = ctx.request.QueryParam("apply").value_or("false");
  in.Check(apply == "true" || apply == "false", ErrorCode::kInvalidValue, "apply (true или false)");
  return apply == "true";
}

// An apply refused for bad rows: 422 with the whole preview, so every row
// to fix is seen at once.
Response RowsRefused(const service::ImportReport& preview) {
  const auto rows = std::to_string(preview.errors.size() + preview.unmatched.size()) + " шт.";
  return ErrorResponseWith(Error::WithDetail(ErrorCode::kImportInvalidRows, rows), "report", ReportJson(preview));
}

Response ImportResponse(const domain::Result<service::ImportReport>& report) {
  return Reply(report && report->applied ? 201 : 200, report, ReportJson);
}

}  // namespace

// POST /api/v1/imports/roster?fileName=&apply=&date=&orderNumber=&orderDate=&schoolId=  (body: the
// file)
Response ImportRoster(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const service::ImportFile file = UploadedFile(ctx, in);
  const bool apply = ApplyParam(ctx, in);
  service::RosterImportOptions options;
  options.school_id = in.IdParam("schoolId");
  if (!in.ok()) return ErrorResponse(in.error());
  options.date = ctx.request.QueryParam("date").value_or("");
  options.order_number = ctx.request.QueryParam("orderNumber").value_or("");
  options.order_date = ctx.request.QueryParam("orderDate").value_or("");
  if (apply) {
    // Bad rows: 422 with the whole preview, so the secretary sees every row to fix.
    auto preview = ctx.services.imports.roster.Import(*ctx.conn, ctx.actor(), file, options, false);
    if (preview && !preview->errors.empty()) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.roster.Import(*ctx.conn, ctx.actor(), file, options, apply));
}

// POST /api/v1/imports/staff?fileName=&apply=&schoolId=  (body: the file)
Response ImportStaff(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const service::ImportFile file = UploadedFile(ctx, in);
  const bool apply = ApplyParam(ctx, in);
  const auto school = in.IdParam("schoolId");
  if (!in.ok()) return ErrorResponse(in.error());
  if (apply) {
    auto preview = ctx.services.imports.staff.Import(*ctx.conn, ctx.actor(), file, school, false);
    if (preview && !preview->errors.empty()) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.staff.Import(*ctx.conn, ctx.actor(), file, school, apply));
}

// POST /api/v1/imports/fet?fileName=&apply=&validFrom=&schoolId=  (body: FET's
// <name>_timetable.csv, or FET's files as JSON, see UploadedFiles)
Response ImportFet(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const std::vector<service::ImportFile> files = UploadedFiles(ctx, in);
  const bool apply = ApplyParam(ctx, in);
  const auto school = in.IdParam("schoolId");
  if (!in.ok()) return ErrorResponse(in.error());
  const std::string from = ctx.request.QueryParam("validFrom").value_or("");
  if (apply) {
    auto preview = ctx.services.imports.fet.Import(*ctx.conn, ctx.actor(), files, school, from, false);
    if (preview && (!preview->errors.empty() || !preview->unmatched.empty())) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.fet.Import(*ctx.conn, ctx.actor(), files, school, from, apply));
}

// POST /api/v1/imports/plan?journalId=&fileName=&apply=&version=  (body: the CSV or XLSX file)
Response ImportPlan(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const auto journal = in.IdParam("journalId");
  in.Check(journal.has_value() || !in.ok(), ErrorCode::kMissingField, "journalId");
  const service::ImportFile file = UploadedFile(ctx, in);
  const bool apply = ApplyParam(ctx, in);
  int version = 0;  // 0: no plan yet
  if (auto given = ctx.request.QueryParam("version")) {
    const auto [end, ec] = std::from_chars(given->data(), given->data() + given->size(), version);
    const bool number = ec == std::errc() && end == given->data() + given->size();
    in.Check(number && version >= 0 && version <= 1'000'000, ErrorCode::kInvalidValue, "version");
  }
  if (!in.ok()) return ErrorResponse(in.error());
  auto done = ctx.services.plans.Import(*ctx.conn, ctx.actor(), *journal, file, apply, version);
  return Reply(done && done->plan ? 201 : 200, done, PlanImportJson);
}

}  // namespace ej::http::handlers
