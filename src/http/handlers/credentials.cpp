#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/serialize.h"
#include "http/http_error.h"
#include "http/json_io.h"
#include "domain/timetable.h"
#include "report/credential_slips.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

json::object CountJson(const service::ActivationCount& c) {
  return {{"total", c.total}, {"activated", c.activated}};
}

}  // namespace

// POST /api/v1/credentials {"classId", "who"} | {"userIds"}, "format": "json" | "pdf"
Response IssueCredentials(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"classId", "who", "userIds", "schoolId", "format"});
  if (!body) return ErrorResponse(body.error());
  service::CredentialRequest request;
  auto class_id = OptionalInt(*body, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  request.class_id = *class_id;
  auto school = OptionalInt(*body, "schoolId");
  if (!school) return ErrorResponse(school.error());
  request.school_id = *school;
  auto who = OptionalString(*body, "who", 20);
  if (!who) return ErrorResponse(who.error());
  if (*who) {
    if (**who == "students") {
      request.who = service::CredentialRequest::Who::kStudents;
    } else if (**who == "parents") {
      request.who = service::CredentialRequest::Who::kParents;
    } else if (**who != "all") {
      return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "who (students, parents, all)"));
    }
  }
  if (const json::value* ids = body->if_contains("userIds"); ids && !ids->is_null()) {
    if (!ids->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "userIds"));
    for (const auto& v : ids->get_array()) {
      if (!v.is_int64()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "userIds"));
      request.user_ids.push_back(v.get_int64());
    }
  }
  auto format = OptionalString(*body, "format", 10);
  if (!format) return ErrorResponse(format.error());
  const std::string fmt = format->value_or("json");
  if (fmt != "json" && fmt != "pdf") return ErrorResponse(Error::WithDetail(ErrorCode::kInvalidValue, "format (json, pdf)"));
  auto batch = ctx.services.credentials.Issue(*ctx.conn, ctx.actor(), request);
  if (!batch) return ErrorResponse(batch.error());
  if (fmt == "pdf") return CredentialSlipsPdf(ctx, *batch);
  json::array items;
  for (const auto& c : batch->items) {
    items.push_back(json::object{{"userId", c.user_id},
                                 {"fullName", c.full_name},
                                 {"role", c.role_line},
                                 {"login", c.login},
                                 {"code", c.code},
                                 {"expiresAt", c.expires_at}});
  }
  return JsonResponse(200, json::object{{"title", batch->title}, {"items", std::move(items)}});
}

// GET /api/v1/credentials/status?schoolId=&classId=
Response GetActivation(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto class_id = OptionalIdParam(ctx, "classId");
  if (!class_id) return ErrorResponse(class_id.error());
  auto report = ctx.services.credentials.Report(*ctx.conn, ctx.actor(), *school, *class_id);
  if (!report) return ErrorResponse(report.error());
  json::array classes;
  for (const auto& c : report->classes) {
    classes.push_back(json::object{{"classId", c.class_id},
                                   {"name", c.name},
                                   {"students", CountJson(c.students)},
                                   {"parents", CountJson(c.parents)}});
  }
  json::array people;
  for (const auto& p : report->people) {
    people.push_back(json::object{{"userId", p.user_id},
                                  {"fullName", p.full_name},
                                  {"role", p.role},
                                  {"login", OrNull(p.login)},
                                  {"activated", p.activated_at.has_value()},
                                  {"activatedAt", OrNull(p.activated_at)},
                                  {"codeIssuedAt", OrNull(p.code_issued_at)},
                                  {"codeExpiresAt", OrNull(p.code_expires_at)}});
  }
  json::object out{{"students", CountJson(report->students)},
                   {"parents", CountJson(report->parents)},
                   {"classes", std::move(classes)},
                   {"people", std::move(people)}};
  if (!*class_id) out["staff"] = CountJson(report->staff);
  return JsonResponse(200, out);
}

}  // namespace ej::http::handlers

namespace ej::http::handlers {

// The slips of an issued batch, one per person, as a PDF to print.
Response CredentialSlipsPdf(HandlerContext& ctx, const service::CredentialBatch& batch) {
  std::vector<report::CredentialSlip> slips;
  for (const auto& c : batch.items) slips.push_back({c.full_name, c.role_line, c.login, c.code, true});
  report::SlipSheet sheet;
  sheet.school_name = batch.school_name;
  // Where people sign in: the address this request came to.
  if (!ctx.request.host.empty()) {
    sheet.site_url = ctx.request.secure ? "https://" : "http://";
    sheet.site_url.append(ctx.request.host);
  }
  if (!batch.items.empty()) {
    sheet.valid_until = domain::FormatDateRu(date::floor<date::days>(
        std::chrono::system_clock::time_point{std::chrono::seconds{batch.items.front().expires_at}}));
  }
  sheet.issued_by = batch.issued_by;
  if (auto day = domain::ParseDate(batch.issued_on)) sheet.issued_on = domain::FormatDateRu(*day);
  auto pdf = report::RenderCredentialSlipsPdf(slips, sheet);
  if (!pdf) return ErrorResponse(pdf.error());
  Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(*pdf);
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"credentials.pdf\"");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace ej::http::handlers
