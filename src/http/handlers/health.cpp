// Liveness (/healthz).
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

// Liveness: the process accepts and answers requests. Does not touch the
// database, so a load balancer's probe never queues behind real work.
Response Health(HandlerContext&) {
  Response res;
  res.body = R"({"status":"ok"})";
  return res;
}

}  // namespace ej::http::handlers
