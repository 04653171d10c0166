#include "http/handlers/common.h"

#include "http/json_io.h"

namespace ej::http {

domain::Result<int64_t> SchoolOf(const HandlerContext& ctx, const std::optional<std::string>& given) {
  if (given) return ParseId(*given, "schoolId");
  const auto& grants = ctx.actor().grants;
  if (grants.empty()) return domain::Error::Of(domain::ErrorCode::kForbidden);
  return grants.front().school_id;
}

domain::Result<int64_t> SchoolInBody(const HandlerContext& ctx, const boost::json::object& body) {
  if (body.contains("schoolId")) return RequiredInt(body, "schoolId");
  return SchoolOf(ctx, std::nullopt);
}

domain::Result<std::optional<int64_t>> OptionalIdParam(const HandlerContext& ctx, std::string_view name) {
  auto given = ctx.request.QueryParam(name);
  if (!given) return std::optional<int64_t>{};
  auto id = ParseId(*given, name);
  if (!id) return id.error();
  return std::optional<int64_t>{*id};
}

domain::Result<int64_t> PathId(const HandlerContext& ctx) { return ParseId(ctx.request.PathParam("id"), "id"); }

}  // namespace ej::http
