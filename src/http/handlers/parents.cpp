// Parents' consent to the processing of personal data (docs/api/openapi.yaml:
// /parents/{id}/consent).
#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object ConsentJson(const service::ConsentState& s) {
  json::array history = ArrayOf(s.history, [](const auto& c) {
    return json::object{{"id", c.id},
                        {"kind", c.kind},
                        {"date", c.date},
                        {"document", c.document},
                        {"recordedBy", c.recorded_by},
                        {"recordedAt", c.recorded_at}};
  });
  return {{"given", s.given}, {"history", std::move(history)}};
}

}  // namespace

// GET /api/v1/parents/{id}/consent
Response GetConsent(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.consents.Get(*ctx.conn, ctx.actor(), id), ConsentJson);
  });
}

// POST /api/v1/parents/{id}/consent {"kind": "given"|"withdrawn", "date", "document"}
Response RecordConsent(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"kind", "date", "document"});
  const std::string kind = in.String("kind", 20);
  const std::string date = in.String("date", 10);
  const std::string document = in.String("document", 100);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.consents.Record(*ctx.conn, ctx.actor(), id, kind, date, document), ConsentJson);
}

}  // namespace ej::http::handlers
