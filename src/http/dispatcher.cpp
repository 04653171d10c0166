#include "http/dispatcher.h"

#include <spdlog/spdlog.h>

#include "http/http_error.h"
#include "service/common/crypto.h"

namespace ej::http {

using domain::ErrorCode;

namespace {

bool IsApiPath(std::string_view path) { return path == "/api" || path.starts_with("/api/") || path == "/healthz"; }

std::optional<Response> CheckCsrf(const Route& route, const Request& request, const service::CachedSession& session) {
  if (!IsMutating(route.method)) return std::nullopt;
  if (request.csrf_token.empty() || !service::ConstantTimeEquals(request.csrf_token, session.csrf_token)) {
    return ErrorResponse(ErrorCode::kCsrfInvalid);
  }
  return std::nullopt;
}

}  // namespace

void AddStandardHeaders(Response& response, bool is_api) {
  response.Header("X-Content-Type-Options", "nosniff");
  response.Header("X-Frame-Options", "DENY");
  response.Header("Referrer-Policy", "same-origin");
  if (is_api) {
    response.Header("Cache-Control", "no-store");
  } else if (response.content_type.starts_with("text/html")) {
    response.Header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                    " frame-ancestors 'none'");
  }
}

Dispatcher::Dispatcher(Router router, Services services, const StaticFiles& static_files)
    : router_(std::move(router)), services_(services), static_files_(static_files) {}

std::optional<Response> Dispatcher::HandleInline(Request& request, Pending& pending) {
  if (!IsApiPath(request.path)) {
    if (request.method != Method::kGet && request.method != Method::kHead) {
      return ErrorResponse(ErrorCode::kMethodNotAllowed);
    }
    return static_files_.Serve(request.path, request.if_none_match);
  }
  auto match = router_.Find(request.method, request.path);
  if (!match.route) {
    return ErrorResponse(match.path_known ? ErrorCode::kMethodNotAllowed : ErrorCode::kNotFound);
  }
  request.path_params = std::move(match.params);
  pending.route = match.route;
  if (match.route->access == Access::kSession) {
    if (request.session_token.empty()) return ErrorResponse(ErrorCode::kUnauthenticated);
    auto hit = services_.auth.FindCached(request.session_token);
    if (hit.status == service::SessionCache::Status::kFresh) {
      if (auto denied = CheckCsrf(*match.route, request, *hit.session)) return *denied;
      pending.session = std::move(hit.session);
    }
  }
  const bool ready = match.route->access == Access::kPublic || pending.session;
  if (match.route->runs == Runs::kInline && ready) {
    return Invoke(*match.route, request, pending.session, nullptr);
  }
  return std::nullopt;
}

Response Dispatcher::HandleOnWorker(Request& request, Pending& pending, storage::Connection& conn) {
  try {
    if (pending.route->access == Access::kSession && !pending.session) {
      auto resolved = services_.auth.Resolve(conn, request.session_token);
      if (!resolved) return ErrorResponse(resolved.error());
      if (auto denied = CheckCsrf(*pending.route, request, **resolved)) return *denied;
      pending.session = std::move(*resolved);
    }
  } catch (const std::exception& e) {
    spdlog::error("session check failed: {}", e.what());
    return ErrorResponse(ErrorCode::kInternal);
  }
  return Invoke(*pending.route, request, pending.session, &conn);
}

Response Dispatcher::Invoke(const Route& route, Request& request, std::shared_ptr<service::CachedSession> session,
                            storage::Connection* conn) {
  HandlerContext ctx{request, services_, std::move(session), conn};
  try {
    Response res = route.handler(ctx);
    if (ctx.session) res.user_label = UserLabel(ctx.session->user_id);
    return res;
  } catch (const storage::StorageError& e) {
    spdlog::error("{} {}: storage error: {}", ToString(request.method), request.path, e.what());
    return ErrorResponse(e.kind() == storage::StorageError::Kind::kBusy ? ErrorCode::kServerBusy
                                                                        : ErrorCode::kInternal);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", ToString(request.method), request.path, e.what());
    return ErrorResponse(ErrorCode::kInternal);
  }
}

}  // namespace ej::http
