// The one configuration struct: defaults, then the TOML file, then
// environment variables, then command-line flags (each overrides the last).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ej::cli {

struct Config {
  std::string database = "sqlite:var/ejournal.db";  // EJOURNAL_DATABASE
  std::string listen = "127.0.0.1:8080";            // EJOURNAL_LISTEN
  std::string web_root = "web/dist";                // EJOURNAL_WEB_ROOT
  int64_t io_threads = 0;                           // 0: one per core
  int64_t workers = 0;                              // 0: 2 per core, at least 4
  int64_t queue_limit = 1024;                       // requests waiting for a worker
  int64_t body_limit_kib = 1024;
  int64_t upload_limit_kib = 16 * 1024;  // files sent to the imports
  int64_t session_idle_seconds = 2 * 3600;
  int64_t session_absolute_seconds = 12 * 3600;
  std::string log_level = "info";  // EJOURNAL_LOG_LEVEL: trace|debug|info|warn|error
  bool access_log = true;          // EJOURNAL_ACCESS_LOG=0 turns it off
};

// Reads `path` (TOML) into `config`; throws std::runtime_error with the
// file, line and reason on a syntax error, an unknown key or a wrong type.
void LoadConfigFile(const std::string& path, Config& config);

// Applies the EJOURNAL_* environment variables; throws on a bad number.
void ApplyEnvironment(Config& config);

// Checks values that flags, files and variables all share; throws
// std::runtime_error naming the setting.
void Validate(const Config& config);

// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
bool SplitHostPort(const std::string& listen, std::string& host, uint16_t& port);

}  // namespace ej::cli
