// Everything between a parsed request and its response, without sockets:
// routing, the session check (from the cache on the io thread, else from the
// database on a worker), CSRF, error mapping and the safety net for bugs.
#pragma once

#include <memory>
#include <optional>

#include "http/handler_context.h"
#include "http/router.h"
#include "http/static_files.h"

namespace ej::http {

class Dispatcher {
 public:
  Dispatcher(Router router, Services services, const StaticFiles& static_files);

  // The part of a request that continues on a worker thread.
  struct Pending {
    const Route* route = nullptr;
    std::shared_ptr<service::CachedSession> session;  // null: resolve from the database
  };

  // On the io thread: answers at once when no database work is needed (a
  // route error, static files, an inline handler with a cached session);
  // otherwise fills `pending` and returns nullopt.
  std::optional<Response> HandleInline(Request& request, Pending& pending);

  // On a worker thread, with that worker's connection.
  Response HandleOnWorker(Request& request, Pending& pending, storage::Connection& conn);

  Services& services() { return services_; }

 private:
  Response Invoke(const Route& route, Request& request, std::shared_ptr<service::CachedSession> session,
                  storage::Connection* conn);

  Router router_;
  Services services_;
  const StaticFiles& static_files_;
};

// Security headers every response carries.
void AddStandardHeaders(Response& response, bool is_api);

}  // namespace ej::http
