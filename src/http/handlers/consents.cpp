#include <boost/json/array.hpp>

#include "http/handlers/handlers.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;

namespace {

json::object ConsentJson(const service::ConsentState& s) {
  json::array history;
  for (const auto& c : s.history) {
    history.push_back(json::object{{"id", c.id},
                                   {"kind", c.kind},
                                   {"date", c.date},
                                   {"document", c.document},
                                   {"recordedBy", c.recorded_by},
                                   {"recordedAt", c.recorded_at}});
  }
  return {{"given", s.given}, {"history", std::move(history)}};
}

}  // namespace

// GET /api/v1/parents/{id}/consent
Response GetConsent(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto state = ctx.services.consents.Get(*ctx.conn, ctx.actor(), *id);
  if (!state) return ErrorResponse(state.error());
  return JsonResponse(200, ConsentJson(*state));
}

// POST /api/v1/parents/{id}/consent {"kind": "given"|"withdrawn", "date", "document"}
Response RecordConsent(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"kind", "date", "document"});
  if (!body) return ErrorResponse(body.error());
  auto kind = RequiredString(*body, "kind", 20);
  if (!kind) return ErrorResponse(kind.error());
  auto date = RequiredString(*body, "date", 10);
  if (!date) return ErrorResponse(date.error());
  auto document = RequiredString(*body, "document", 100);
  if (!document) return ErrorResponse(document.error());
  auto state = ctx.services.consents.Record(*ctx.conn, ctx.actor(), *id, *kind, *date, *document);
  if (!state) return ErrorResponse(state.error());
  return JsonResponse(201, ConsentJson(*state));
}

}  // namespace ej::http::handlers
