// Sign-in codes for students and parents (docs/api/openapi.yaml: /credentials,
// /credentials/status).
#include <boost/json/array.hpp>

#include "domain/timetable.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "report/credential_slips.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object CountJson(const service::ActivationCount& c) { return {{"total", c.total}, {"activated", c.activated}}; }

json::object ReportJson(const service::ActivationReport& report, bool with_staff) {
  json::array classes = ArrayOf(report.classes, [](const auto& c) {
    return json::object{{"classId", c.class_id},
                        {"name", c.name},
                        {"students", CountJson(c.students)},
                        {"parents", CountJson(c.parents)}};
  });
  json::array people = ArrayOf(report.people, [](const auto& p) {
    return json::object{{"userId", p.user_id},
                        {"fullName", p.full_name},
                        {"role", p.role},
                        {"login", OrNull(p.login)},
                        {"activated", p.activated_at.has_value()},
                        {"activatedAt", OrNull(p.activated_at)},
                        {"codeIssuedAt", OrNull(p.code_issued_at)},
                        {"codeExpiresAt", OrNull(p.code_expires_at)}};
  });
  json::object out{{"students", CountJson(report.students)},
                   {"parents", CountJson(report.parents)},
                   {"classes", std::move(classes)},
                   {"people", std::move(people)}};
  if (with_staff) out["staff"] = CountJson(report.staff);
  return out;
}

}  // namespace

// POST /api/v1/credentials {"classId", "who"} | {"userIds"}, "format": "json" | "pdf"
Response IssueCredentials(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"classId", "who", "userIds", "schoolId", "format"});
  service::CredentialRequest request;
  request.class_id = in.OptInt("classId");
  request.school_id = in.OptInt("schoolId");
  const std::string who = in.OptString("who", 20).value_or("all");
  if (who == "students") {
    request.who = service::CredentialRequest::Who::kStudents;
  } else if (who == "parents") {
    request.who = service::CredentialRequest::Who::kParents;
  } else {
    in.Check(who == "all", ErrorCode::kInvalidValue, "who (students, parents, all)");
  }
  request.user_ids = in.Ints(in.OptArray("userIds"), "userIds");
  const std::string format = in.OptString("format", 10).value_or("json");
  in.Check(format == "json" || format == "pdf", ErrorCode::kInvalidValue, "format (json, pdf)");
  if (!in.ok()) return ErrorResponse(in.error());
  auto batch = ctx.services.credentials.Issue(*ctx.conn, ctx.actor(), request);
  if (!batch) return ErrorResponse(batch.error());
  if (format == "pdf") return CredentialSlipsPdf(ctx, *batch);
  return JsonResponse(200, json::object{{"title", batch->title},
                                        {"items", ArrayOf(batch->items, [](const auto& c) {
                                           return json::object{{"userId", c.user_id}, {"fullName", c.full_name},
                                                               {"role", c.role_line}, {"login", c.login},
                                                               {"code", c.code},      {"expiresAt", c.expires_at}};
                                         })}});
}

// GET /api/v1/credentials/status?schoolId=&classId=
Response GetActivation(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t school = SchoolParam(ctx, in);
  const auto class_id = in.IdParam("classId");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.credentials.Report(*ctx.conn, ctx.actor(), school, class_id),
               [&class_id](const service::ActivationReport& report) { return ReportJson(report, !class_id); });
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
