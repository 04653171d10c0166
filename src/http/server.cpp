#include "http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include "http/http_error.h"
#include "http/session_cookie.h"

namespace ej::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

namespace {

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// Fills our Request from Beast's; false if the target is not a valid path.
bool Convert(bhttp::request<bhttp::string_body>& in, const std::string& remote_ip, Request& out) {
  auto target = boost::urls::parse_origin_form(in.target());
  if (!target) return false;
  out.method = ToMethod(in.method());
  out.path = target->path();  // percent-decoded
  out.query = target->encoded_query();
  out.body = std::move(in.body());
  out.content_type = in[bhttp::field::content_type];
  out.session_token = SessionTokenFromCookies(in[bhttp::field::cookie]);
  out.csrf_token = in["X-CSRF-Token"];
  out.if_none_match = in[bhttp::field::if_none_match];
  out.user_agent = in[bhttp::field::user_agent];
  out.host = in[bhttp::field::host].substr(0, 255);
  out.remote_ip = remote_ip;
  out.secure = in["X-Forwarded-Proto"] == "https";
  return true;
}

// One connection's state, visible to the shutdown code.
struct ConnState {
  tcp::socket* socket = nullptr;
  asio::any_io_executor executor;  // the connection's io_context (one thread)
  std::atomic<bool> idle{true};
};

}  // namespace

// One io_context per io thread: a connection lives on one context, so its
// operations never run concurrently and need no strand; contexts[0] also
// runs the acceptor and the signal handling.
struct Server::Impl {
  using Guard = asio::executor_work_guard<asio::io_context::executor_type>;

  ServerSettings settings;
  Dispatcher& dispatcher;
  WorkerPool& workers;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<Guard> guards;  // keep idle contexts running until shutdown
  size_t next_context = 0;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::atomic<bool> stopping{false};
  std::mutex conns_mutex;
  std::list<std::shared_ptr<ConnState>> conns;
  std::shared_ptr<spdlog::logger> access_log;

  Impl(const ServerSettings& s, Dispatcher& d, WorkerPool& w) : settings(s), dispatcher(d), workers(w) {
    size_t n = s.io_threads ? s.io_threads : std::max(1u, std::thread::hardware_concurrency());
    for (size_t i = 0; i < n; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    acceptor = std::make_unique<tcp::acceptor>(*contexts[0]);
    signals = std::make_unique<asio::signal_set>(*contexts[0], SIGINT, SIGTERM);
  }

  awaitable<void> Accept();
  awaitable<void> Serve(tcp::socket socket);
  awaitable<Response> OnWorker(Request& request, Dispatcher::Pending& pending);
  void BeginShutdown();
  void StopAll() {
    for (auto& c : contexts) c->stop();
  }
  void LogAccess(const Request& req, const Response& res, size_t body_bytes, std::chrono::steady_clock::time_point t0);
};

awaitable<Response> Server::Impl::OnWorker(Request& request, Dispatcher::Pending& pending) {
  auto ex = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(use_awaitable), void(Response)>(
      [this, &request, &pending, ex](auto handler) {
        using H = decltype(handler);
        auto shared = std::make_shared<H>(std::move(handler));
        // Keeps the io_context running until the job has posted its result.
        auto tracked = asio::prefer(ex, asio::execution::outstanding_work.tracked);
        bool queued = workers.TrySubmit([this, &request, &pending, shared, tracked](storage::Connection& conn) {
          Response res = dispatcher.HandleOnWorker(request, pending, conn);
          asio::post(tracked, [shared, res = std::move(res)]() mutable { std::move (*shared)(std::move(res)); });
        });
        if (!queued) {
          asio::post(ex, [shared]() mutable { std::move (*shared)(ErrorResponse(domain::ErrorCode::kServerBusy)); });
        }
      },
      use_awaitable);
}

awaitable<void> Server::Impl::Serve(tcp::socket socket) {
  auto state = std::make_shared<ConnState>();
  beast::tcp_stream stream(std::move(socket));
  state->socket = &stream.socket();
  state->executor = stream.get_executor();
  {
    std::lock_guard lock(conns_mutex);
    conns.push_back(state);
  }
  std::string remote_ip;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote_ip = ep.address().to_string();
  }
  beast::flat_buffer buffer;
  for (;;) {
    if (stopping) break;
    // Idle: wait for the first byte of the next request.
    state->idle = true;
    if (buffer.size() == 0) {
      stream.expires_after(settings.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kAsTuple);
      if (ec) break;
      buffer.commit(n);
    }
    state->idle = false;
    const auto t0 = std::chrono::steady_clock::now();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    // The larger limit while the headers are read; the request's own after.
    parser.body_limit(std::max(settings.body_limit, settings.upload_limit));
    stream.expires_after(settings.header_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kAsTuple);
    if (!hec) {
      // Files: imports, and homework attachments (POST /api/v1/lessons/{id}/files).
      const std::string_view target = parser.get().target();
      const bool upload = target.starts_with("/api/v1/imports/") ||
                          (target.starts_with("/api/v1/lessons/") && target.find("/files") != std::string_view::npos);
      const size_t limit = upload ? settings.upload_limit : settings.body_limit;
      if (parser.content_length() && *parser.content_length() > limit) {
        hec = bhttp::error::body_limit;
      } else {
        parser.body_limit(limit);
      }
    }
    Response res;
    Request req;
    bool keep_alive = false;
    bool unread_body = false;  // refused before reading it: drain before closing
    if (hec == bhttp::error::header_limit) {
      res = ErrorResponse(
          domain::Error::WithDetail(domain::ErrorCode::kInvalidValue, "заголовки запроса слишком велики"));
    } else if (hec == bhttp::error::body_limit) {
      // The parser checks Content-Length against the limit with the headers:
      // refused before a byte of the body is read.
      res = ErrorResponse(domain::ErrorCode::kBodyTooLarge);
      unread_body = true;
    } else if (hec) {
      break;  // timeout, reset or garbage: nothing sensible to answer
    } else {
      stream.expires_after(settings.body_timeout);
      auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kAsTuple);
      if (bec == bhttp::error::body_limit) {
        res = ErrorResponse(domain::ErrorCode::kBodyTooLarge);
        unread_body = true;
      } else if (bec) {
        break;
      } else {
        keep_alive = parser.get().keep_alive();
        if (!Convert(parser.get(), remote_ip, req)) {
          res = ErrorResponse(domain::Error::WithDetail(domain::ErrorCode::kInvalidValue, "адрес запроса"));
        } else {
          Dispatcher::Pending pending;
          if (auto inline_res = dispatcher.HandleInline(req, pending)) {
            res = std::move(*inline_res);
          } else {
            res = co_await OnWorker(req, pending);
          }
        }
      }
    }
    keep_alive = keep_alive && !stopping;
    const bool is_api = req.path.starts_with("/api/") || req.path == "/healthz";
    AddStandardHeaders(res, is_api);
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
    out.set(bhttp::field::server, "ejournal");
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) out.insert(name, value);
    const size_t body_bytes = res.body.size();
    if (req.method == Method::kHead) {
      out.set(bhttp::field::content_length, std::to_string(res.body.size()));  // no body follows
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    out.keep_alive(keep_alive);
    stream.expires_after(settings.body_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, out, kAsTuple);
    if (settings.access_log) LogAccess(req, res, body_bytes, t0);
    if (!wec && unread_body) {
      // Closing with unread data would reset the connection and the client
      // might lose the response: stop sending, then read and discard what it
      // still sends, for a short while.
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream.expires_after(std::chrono::seconds(2));
      std::vector<char> scratch(64 * 1024);
      for (size_t drained = 0; drained < 8 * settings.body_limit;) {
        auto [dec, dn] = co_await stream.async_read_some(asio::buffer(scratch), kAsTuple);
        if (dec) break;
        drained += dn;
      }
    }
    if (wec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
  std::lock_guard lock(conns_mutex);
  conns.remove(state);
}

awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto& context = *contexts[next_context++ % contexts.size()];
    auto [ec, socket] = co_await acceptor->async_accept(context.get_executor(), kAsTuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Serve(std::move(socket)), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("connection failed: {}", ex.what());
      }
    });
  }
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections; finishing requests in flight");
  boost::system::error_code ec;
  acceptor->close(ec);
  signals->cancel(ec);
  guards.clear();  // contexts now return from run() once their connections end
  std::lock_guard lock(conns_mutex);
  for (auto& c : conns) {
    // Connections waiting for a request close now; busy ones finish their
    // response and then close (keep-alive is off while stopping).
    asio::post(c->executor, [c] {
      if (c->idle) {
        boost::system::error_code ignored;
        c->socket->cancel(ignored);
      }
    });
  }
}

void Server::Impl::LogAccess(const Request& req, const Response& res, size_t body_bytes,
                             std::chrono::steady_clock::time_point t0) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  access_log->info("method={} path=\"{}\" status={} bytes={} us={} user={} ip={}", ToString(req.method), req.path,
                   res.status, body_bytes, us, res.user_label.empty() ? "-" : res.user_label,
                   req.remote_ip.empty() ? "-" : req.remote_ip);
}

Server::Server(const ServerSettings& settings, Dispatcher& dispatcher, WorkerPool& workers)
    : impl_(std::make_unique<Impl>(settings, dispatcher, workers)) {}

Server::~Server() = default;

void Server::Listen() {
  auto& s = impl_->settings;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(s.host, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + s.host + "'");
  tcp::endpoint endpoint(address, s.port);
  auto& acceptor = *impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + s.host + ":" + std::to_string(s.port) + ": " + ec.message());
  }
  acceptor.listen(asio::socket_base::max_listen_connections);
}

uint16_t Server::port() const { return impl_->acceptor->local_endpoint().port(); }

void Server::Stop() {
  asio::post(*impl_->contexts[0], [impl = impl_.get()] { impl->BeginShutdown(); });
}

void Server::Run() {
  Impl& impl = *impl_;
  impl.access_log = spdlog::get("access");
  if (!impl.access_log) impl.access_log = spdlog::default_logger();
  impl.signals->async_wait([&impl](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received", signal);
    impl.BeginShutdown();
  });
  for (auto& c : impl.contexts) impl.guards.push_back(asio::make_work_guard(*c));
  asio::co_spawn(*impl.contexts[0], impl.Accept(), asio::detached);
  // After shutdown begins, connections get `shutdown_grace` to finish; then
  // the io_context is stopped whatever is left.
  std::mutex done_mutex;
  std::condition_variable done_cv;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock lock(done_mutex);
    while (!done && !impl.stopping) done_cv.wait_for(lock, std::chrono::milliseconds(100));
    if (done_cv.wait_for(lock, impl.settings.shutdown_grace, [&] { return done; })) return;
    spdlog::warn("shutdown grace period over: closing the remaining connections");
    impl.StopAll();
  });
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl.contexts.size(); ++i) {
    threads.emplace_back([&impl, i] { impl.contexts[i]->run(); });
  }
  impl.contexts[0]->run();
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock(done_mutex);
    done = true;
  }
  done_cv.notify_all();
  watchdog.join();
}

}  // namespace ej::http
