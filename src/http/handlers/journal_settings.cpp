// A school's rules of the journal: late entries, deadlines, rounding
// (docs/api/openapi.yaml: /journal-settings).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object SettingsJson(const service::JournalSettings& s) {
  return {{"latePolicy", s.late_policy},
          {"lessonLateDays", s.lesson_late_days},
          {"homeworkHours", s.homework_hours},
          {"roundingFrom", s.rounding_from}};
}

}  // namespace

// GET /api/v1/journal-settings?schoolId=
Response GetJournalSettings(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return Reply(200, ctx.services.journal_rules.Settings(*ctx.conn, ctx.actor(), school), SettingsJson);
  });
}

// PUT /api/v1/journal-settings {"latePolicy", "lessonLateDays", "homeworkHours", "roundingFrom",
// "schoolId"?}
Response SetJournalSettings(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"schoolId", "latePolicy", "lessonLateDays", "homeworkHours", "roundingFrom"});
  const int64_t school = SchoolInBody(ctx, in);
  service::JournalSettings s;
  s.late_policy = in.String("latePolicy", 16);
  s.lesson_late_days = in.IntIn("lessonLateDays", -1000, 1000);
  s.homework_hours = in.IntIn("homeworkHours", -1000, 1000);
  s.rounding_from = in.IntIn("roundingFrom", -1000, 1000);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.journal_rules.SaveSettings(*ctx.conn, ctx.actor(), school, s), SettingsJson);
}

}  // namespace ej::http::handlers
