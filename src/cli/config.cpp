#include "cli/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "storage/database.h"

namespace ej::cli {
namespace {

int64_t ParseInt(const std::string& name, const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error(name + ": not a whole number: '" + text + "'");
  }
  return v;
}

// Walks a table, assigning known keys and rejecting unknown ones: a typo in
// the file must not be silently ignored.
template <typename Fn>
void ForEachKey(const toml::table& table, const std::string& prefix, Fn&& fn) {
  for (const auto& [key, node] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      ForEachKey(*sub, name, fn);
    } else if (!fn(name, node)) {
      throw std::runtime_error("unknown setting '" + name + "'");
    }
  }
}

}  // namespace

void LoadConfigFile(const std::string& path, Config& c) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("config " + path + ": " + std::string(e.description()) + " at line " +
                             std::to_string(e.source().begin.line));
  }
  auto str = [&](const std::string& name, const toml::node& n, std::string& out) {
    auto v = n.value<std::string>();
    if (!v) throw std::runtime_error("config " + path + ": " + name + " must be a string");
    out = *v;
  };
  auto num = [&](const std::string& name, const toml::node& n, int64_t& out) {
    auto v = n.value<int64_t>();
    if (!v) throw std::runtime_error("config " + path + ": " + name + " must be a whole number");
    out = *v;
  };
  ForEachKey(table, "", [&](const std::string& name, const toml::node& n) {
    if (name == "database")
      str(name, n, c.database);
    else if (name == "server.listen")
      str(name, n, c.listen);
    else if (name == "server.web_root")
      str(name, n, c.web_root);
    else if (name == "server.io_threads")
      num(name, n, c.io_threads);
    else if (name == "server.workers")
      num(name, n, c.workers);
    else if (name == "server.queue_limit")
      num(name, n, c.queue_limit);
    else if (name == "server.body_limit_kib")
      num(name, n, c.body_limit_kib);
    else if (name == "server.upload_limit_kib")
      num(name, n, c.upload_limit_kib);
    else if (name == "session.idle_seconds")
      num(name, n, c.session_idle_seconds);
    else if (name == "session.absolute_seconds")
      num(name, n, c.session_absolute_seconds);
    else if (name == "log.level")
      str(name, n, c.log_level);
    else if (name == "log.access") {
      auto v = n.value<bool>();
      if (!v) throw std::runtime_error("config " + path + ": log.access must be true or false");
      c.access_log = *v;
    } else {
      return false;
    }
    return true;
  });
}

void ApplyEnvironment(Config& c) {
  auto get = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return (v && *v) ? v : nullptr;
  };
  if (auto v = get("EJOURNAL_DATABASE")) c.database = v;
  if (auto v = get("EJOURNAL_LISTEN")) c.listen = v;
  if (auto v = get("EJOURNAL_WEB_ROOT")) c.web_root = v;
  if (auto v = get("EJOURNAL_WORKERS")) c.workers = ParseInt("EJOURNAL_WORKERS", v);
  if (auto v = get("EJOURNAL_IO_THREADS")) c.io_threads = ParseInt("EJOURNAL_IO_THREADS", v);
  if (auto v = get("EJOURNAL_LOG_LEVEL")) c.log_level = v;
  if (auto v = get("EJOURNAL_ACCESS_LOG")) c.access_log = std::string(v) != "0";
}

bool SplitHostPort(const std::string& listen, std::string& host, uint16_t& port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned value = 0;
  std::string p = listen.substr(colon + 1);
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc() || end != p.data() + p.size() || value > 65535) return false;
  port = static_cast<uint16_t>(value);
  return true;
}

void Validate(const Config& c) {
  if (!storage::ParseDatabaseUrl(c.database)) {
    throw std::runtime_error("database: '" + c.database + "' is neither sqlite:PATH nor postgresql://...");
  }
  std::string host;
  uint16_t port = 0;
  if (!SplitHostPort(c.listen, host, port)) {
    throw std::runtime_error("listen: '" + c.listen + "' is not HOST:PORT");
  }
  auto range = [](const char* name, int64_t v, int64_t lo, int64_t hi) {
    if (v < lo || v > hi) {
      throw std::runtime_error(std::string(name) + ": " + std::to_string(v) + " is outside " + std::to_string(lo) +
                               ".." + std::to_string(hi));
    }
  };
  range("server.io_threads", c.io_threads, 0, 256);
  range("server.workers", c.workers, 0, 1024);
  range("server.queue_limit", c.queue_limit, 1, 1000000);
  range("server.body_limit_kib", c.body_limit_kib, 1, 1024 * 1024);
  range("server.upload_limit_kib", c.upload_limit_kib, 1, 1024 * 1024);
  range("session.idle_seconds", c.session_idle_seconds, 1, 30 * 24 * 3600);
  range("session.absolute_seconds", c.session_absolute_seconds, 1, 90 * 24 * 3600);
  static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
  if (!kLevels.contains(c.log_level)) throw std::runtime_error("log.level: '" + c.log_level + "'");
}

}  // namespace ej::cli
