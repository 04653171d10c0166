#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::object ReportJson(const service::ImportReport& r) {
  json::array students;
  for (const auto& s : r.students) {
    json::array parents;
    for (const auto& p : s.parents) {
      parents.push_back(json::object{{"fullName", p.full_name},
                                     {"relation", p.relation},
                                     {"phone", OrNull(p.phone)},
                                     {"email", OrNull(p.email)},
                                     {"shared", p.shared}});
    }
    students.push_back(json::object{{"line", s.line},
                                    {"fullName", s.full_name},
                                    {"birthDate", s.birth_date},
                                    {"sex", s.sex},
                                    {"className", s.class_name},
                                    {"action", s.exists ? "exists" : "create"},
                                    {"parents", std::move(parents)}});
  }
  json::array staff;
  for (const auto& s : r.staff) {
    json::array roles;
    for (const auto& role : s.roles) roles.push_back(json::value(role));
    staff.push_back(json::object{{"line", s.line},
                                 {"fullName", s.full_name},
                                 {"position", s.position},
                                 {"roles", std::move(roles)},
                                 {"login", s.login},
                                 {"action", s.exists ? "exists" : "create"}});
  }
  json::array errors;
  for (const auto& e : r.errors) errors.push_back(json::object{{"line", e.line}, {"message", e.message}});
  json::array columns;
  for (const auto& c : r.columns) columns.push_back(json::value(c));
  json::array ignored;
  for (const auto& c : r.ignored_columns) ignored.push_back(json::value(c));
  json::array timetable;
  for (const auto& t : r.timetable) timetable.push_back(json::object{{"target", t.target}, {"slots", t.slots}});
  json::array unmatched;
  for (const auto& u : r.unmatched) {
    json::array lines;
    for (int l : u.lines) lines.push_back(l);
    unmatched.push_back(json::object{{"kind", u.kind}, {"name", u.name}, {"lines", std::move(lines)}});
  }
  return {{"file", json::object{{"format", r.format}, {"encoding", r.encoding}, {"separator", r.separator}, {"sheet", r.sheet}}},
          {"columns", std::move(columns)},
          {"ignoredColumns", std::move(ignored)},
          {"students", std::move(students)},
          {"staff", std::move(staff)},
          {"timetable", std::move(timetable)},
          {"unmatched", std::move(unmatched)},
          {"errors", std::move(errors)},
          {"lessonsCreated", r.lessons_created},
          {"applied", r.applied}};
}

// The uploaded file: the raw request body, its name in ?fileName=.
domain::Result<service::ImportFile> UploadedFile(const HandlerContext& ctx) {
  service::ImportFile file;
  file.name = ctx.request.QueryParam("fileName").value_or("");
  if (ctx.request.body.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "файл пустой");
  file.bytes = ctx.request.body;
  return file;
}

domain::Result<bool> ApplyParam(const HandlerContext& ctx) {
  const std::string apply = ctx.request.QueryParam("apply").value_or("false");
  if (apply != "true" && apply != "false") return Error::WithDetail(ErrorCode::kInvalidValue, "apply (true или false)");
  return apply == "true";
}

// An apply refused for bad rows: 422 with the whole preview, so every row
// to fix is seen at once.
Response RowsRefused(const service::ImportReport& preview) {
  Response res = ErrorResponse(Error::WithDetail(
      ErrorCode::kImportInvalidRows,
      std::to_string(preview.errors.size() + preview.unmatched.size()) + " шт."));
  json::object body = json::parse(res.body).as_object();
  body["report"] = ReportJson(preview);
  res.body = json::serialize(body);
  return res;
}

Response ImportResponse(domain::Result<service::ImportReport> report) {
  if (!report) return ErrorResponse(report.error());
  return JsonResponse(report->applied ? 201 : 200, ReportJson(*report));
}

}  // namespace

// POST /api/v1/imports/roster?fileName=&apply=&date=&orderNumber=&orderDate=&schoolId=  (body: the file)
Response ImportRoster(HandlerContext& ctx) {
  auto file = UploadedFile(ctx);
  if (!file) return ErrorResponse(file.error());
  auto apply = ApplyParam(ctx);
  if (!apply) return ErrorResponse(apply.error());
  auto school = OptionalIdParam(ctx, "schoolId");
  if (!school) return ErrorResponse(school.error());
  service::RosterImportOptions options;
  options.school_id = *school;
  options.date = ctx.request.QueryParam("date").value_or("");
  options.order_number = ctx.request.QueryParam("orderNumber").value_or("");
  options.order_date = ctx.request.QueryParam("orderDate").value_or("");
  if (*apply) {
    // Bad rows: 422 with the whole preview, so the secretary sees every row to fix.
    auto preview = ctx.services.imports.ImportRoster(*ctx.conn, ctx.actor(), *file, options, false);
    if (preview && !preview->errors.empty()) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.ImportRoster(*ctx.conn, ctx.actor(), *file, options, *apply));
}

// POST /api/v1/imports/staff?fileName=&apply=&schoolId=  (body: the file)
Response ImportStaff(HandlerContext& ctx) {
  auto file = UploadedFile(ctx);
  if (!file) return ErrorResponse(file.error());
  auto apply = ApplyParam(ctx);
  if (!apply) return ErrorResponse(apply.error());
  auto school = OptionalIdParam(ctx, "schoolId");
  if (!school) return ErrorResponse(school.error());
  if (*apply) {
    auto preview = ctx.services.imports.ImportStaff(*ctx.conn, ctx.actor(), *file, *school, false);
    if (preview && !preview->errors.empty()) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.ImportStaff(*ctx.conn, ctx.actor(), *file, *school, *apply));
}

// POST /api/v1/imports/fet?fileName=&apply=&validFrom=&schoolId=  (body: FET's <name>_timetable.csv)
// One file as the body (?fileName=), or several as JSON:
// {"files": [{"name": "...", "text": "..."}]} (FET's XML files are UTF-8 text).
domain::Result<std::vector<service::ImportFile>> UploadedFiles(const HandlerContext& ctx) {
  if (!ctx.request.content_type.starts_with("application/json")) {
    auto file = UploadedFile(ctx);
    if (!file) return file.error();
    return std::vector<service::ImportFile>{std::move(*file)};
  }
  auto body = ParseBody(ctx.request, {"files"});
  if (!body) return body.error();
  const json::value* files = body->if_contains("files");
  if (!files || !files->is_array() || files->as_array().empty() || files->as_array().size() > 4) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "files (список файлов: name, text)");
  }
  std::vector<service::ImportFile> out;
  for (const auto& f : files->as_array()) {
    const json::value* name = f.is_object() ? f.as_object().if_contains("name") : nullptr;
    const json::value* text = f.is_object() ? f.as_object().if_contains("text") : nullptr;
    if (!name || !name->is_string() || !text || !text->is_string()) {
      return Error::WithDetail(ErrorCode::kInvalidValue, "files[] (name и text — строки)");
    }
    out.push_back({std::string(text->as_string()), std::string(name->as_string())});
  }
  return out;
}

Response ImportFet(HandlerContext& ctx) {
  auto file = UploadedFiles(ctx);
  if (!file) return ErrorResponse(file.error());
  auto apply = ApplyParam(ctx);
  if (!apply) return ErrorResponse(apply.error());
  auto school = OptionalIdParam(ctx, "schoolId");
  if (!school) return ErrorResponse(school.error());
  const std::string from = ctx.request.QueryParam("validFrom").value_or("");
  if (*apply) {
    auto preview = ctx.services.imports.ImportFetTimetable(*ctx.conn, ctx.actor(), *file, *school, from, false);
    if (preview && (!preview->errors.empty() || !preview->unmatched.empty())) return RowsRefused(*preview);
  }
  return ImportResponse(ctx.services.imports.ImportFetTimetable(*ctx.conn, ctx.actor(), *file, *school, from, *apply));
}

}  // namespace ej::http::handlers
