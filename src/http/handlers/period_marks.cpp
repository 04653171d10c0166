// Period, year and exam marks once given (docs/api/openapi.yaml: /period-marks/{id},
// /period-marks/{id}/history); they are given at /journals/{id}/period-marks (journals.cpp).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;

namespace {

// {"teacherId", "date", "reason"}: why a deputy corrects the mark. Whatever is
// wrong with it, or with one of its fields, is reported as missing.
service::PeriodMarkExplanation ReadExplanation(RequestReader& in) {
  const json::value* given = in.object().if_contains("explanation");
  if (!in.Check(given && given->is_object(), ErrorCode::kMissingField, "explanation")) return {};
  RequestReader part = RequestReader::Of(given->as_object());
  service::PeriodMarkExplanation why;
  auto missing_unless_ok = [&](const char* path) {
    if (!part.ok()) in.Fail(Error::WithDetail(ErrorCode::kMissingField, path));
  };
  why.teacher_id = part.Int("teacherId");
  missing_unless_ok("explanation.teacherId");
  why.date = part.String("date", 10);
  missing_unless_ok("explanation.date");
  why.reason = part.String("reason", 1000);
  missing_unless_ok("explanation.reason");
  return why;
}

}  // namespace

// PATCH /api/v1/period-marks/{id}: {value, version, explanation: {teacherId, date, reason}} (a
// deputy)
Response CorrectPeriodMark(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"value", "version", "explanation"});
  const std::string value = in.String("value", 10);
  const int64_t version = in.Int("version");
  const service::PeriodMarkExplanation why = ReadExplanation(in);
  in.Check(version >= 1 && version <= 1'000'000, ErrorCode::kInvalidValue, "version");
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(
      200,
      ctx.services.period_marks.CorrectPeriodMark(*ctx.conn, ctx.actor(), id, value, static_cast<int>(version), why),
      PeriodMarkJson);
}

// GET /api/v1/period-marks/{id}/history
Response GetPeriodMarkHistory(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.period_marks.PeriodMarkHistory(*ctx.conn, ctx.actor(), id),
                 WithHistory("periodMark", PeriodMarkJson, "explanation"));
  });
}

}  // namespace ej::http::handlers
