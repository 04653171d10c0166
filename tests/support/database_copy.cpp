#include "support/database_copy.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include "storage/database.h"

namespace ej::testing {
namespace {

namespace fs = std::filesystem;

std::string PostgresServer() {
  const char* uri = std::getenv("EJOURNAL_TEST_POSTGRES");
  if (!uri || !*uri) throw std::runtime_error("EJOURNAL_TEST_POSTGRES is not set");
  return uri;
}

// Statements on the server's maintenance database, one at a time (DROP and
// CREATE DATABASE refuse to run inside a transaction block).
void OnServer(std::initializer_list<std::string> statements) {
  auto admin = storage::Open(*storage::ParseDatabaseUrl(PostgresServer()));
  for (const auto& sql : statements) admin->ExecuteScript(sql);
}

std::string DatabaseName(const std::string& url) {
  size_t slash = url.find('/', url.find("://") + 3);
  size_t query = url.find('?', slash);
  return url.substr(slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1);
}

// The originals of this process, removed at exit.
class Originals {
 public:
  ~Originals() {
    for (const auto& [key, url] : urls_) {
      try {
        DropDatabase(url);
      } catch (const std::exception&) {
        // The server may be gone already; it is a throwaway one.
      }
    }
  }
  std::string Get(const std::string& backend, const std::string& key,
                  const std::function<void(const std::string&)>& make) {
    std::lock_guard lock(mutex_);
    std::string& url = urls_[backend + "/" + key];
    if (url.empty()) {
      const std::string name = "ej_orig_" + std::to_string(getpid()) + "_" + std::to_string(urls_.size());
      std::string fresh;
      if (backend == "postgres") {
        OnServer({"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name});
        fresh = PostgresUrlOf(name);
      } else {
        fresh = "sqlite:" + (fs::temp_directory_path() / (name + ".db")).string();
      }
      make(fresh);
      url = fresh;
    }
    return url;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> urls_;
};

Originals& TheOriginals() {
  static Originals originals;
  return originals;
}

int copies = 0;

}  // namespace

std::string PostgresUrlOf(const std::string& name) {
  const std::string server = PostgresServer();
  size_t slash = server.find('/', server.find("://") + 3);
  if (slash == std::string::npos) return server + "/" + name;
  size_t query = server.find('?', slash);
  return server.substr(0, slash + 1) + name + (query == std::string::npos ? "" : server.substr(query));
}

std::string CopyOfDatabase(const std::string& backend, const std::string& key,
                           const std::function<void(const std::string& url)>& make, const std::string& sqlite_dir) {
  const std::string original = TheOriginals().Get(backend, key, make);
  const std::string name = "ej_copy_" + std::to_string(getpid()) + "_" + std::to_string(++copies);
  if (backend == "postgres") {
    // FILE_COPY: one checkpoint and a copy of the files, much faster than
    // WAL-logging every block of a demo school.
    OnServer({"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
              "CREATE DATABASE " + name + " TEMPLATE " + DatabaseName(original) + " STRATEGY FILE_COPY"});
    return PostgresUrlOf(name);
  }
  const std::string from = storage::ParseDatabaseUrl(original)->target;
  const std::string to = (fs::path(sqlite_dir) / (name + ".db")).string();
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  // A write-ahead log left by the maker holds committed pages too.
  if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", to + "-wal", fs::copy_options::overwrite_existing);
  return "sqlite:" + to;
}

void DropDatabase(const std::string& url) {
  auto parsed = storage::ParseDatabaseUrl(url);
  if (!parsed) return;
  if (parsed->backend == storage::Backend::kPostgres) {
    OnServer({"DROP DATABASE IF EXISTS " + DatabaseName(url) + " WITH (FORCE)"});
  } else {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(parsed->target + suffix, ec);
  }
}

}  // namespace ej::testing
