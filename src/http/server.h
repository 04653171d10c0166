// The HTTP server: Boost.Beast on Asio with C++20 coroutines. io threads
// parse and write; database work goes to the WorkerPool. Beast headers stay
// in server.cpp (they cost ~20 s of compile time per file).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/dispatcher.h"
#include "http/worker_pool.h"

namespace ej::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;   // 0: any free port (tests)
  size_t io_threads = 0;  // 0: one per core
  size_t body_limit = 1024 * 1024;
  size_t upload_limit = 16 * 1024 * 1024;   // files sent to /api/v1/imports/ and /api/v1/lessons/{id}/files
  std::chrono::seconds header_timeout{10};  // from the first byte to the end of the headers
  std::chrono::seconds idle_timeout{60};    // keep-alive wait for the next request
  std::chrono::seconds body_timeout{30};    // to receive the body and send the response
  std::chrono::seconds shutdown_grace{15};  // in-flight requests may finish within this
  bool access_log = true;
};

class Server {
 public:
  Server(const ServerSettings& settings, Dispatcher& dispatcher, WorkerPool& workers);
  ~Server();

  // Binds and listens; throws std::runtime_error if the address is taken.
  void Listen();
  uint16_t port() const;
  // Serves until SIGINT or SIGTERM (or Stop()), then stops accepting,
  // lets in-flight requests finish and returns.
  void Run();
  // Asks a running server to shut down gracefully (thread-safe).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ej::http
