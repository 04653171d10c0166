#include "test_database.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "storage/migrate.h"

namespace ej::testing {
namespace {

std::string PostgresServer() {
  const char* uri = std::getenv("EJOURNAL_TEST_POSTGRES");
  return uri ? uri : "";
}

// The test database of this process on the PostgreSQL server, created once.
std::string PostgresTestUrl() {
  static const std::string url = [] {
    std::string server = PostgresServer();
    std::string name = "ej_test_" + std::to_string(getpid());
    auto admin = storage::Open(*storage::ParseDatabaseUrl(server));
    admin->ExecuteScript("DROP DATABASE IF EXISTS " + name);
    admin->ExecuteScript("CREATE DATABASE " + name);
    // Replace the database name in "postgresql://user@host/dbname?params".
    size_t scheme = server.find("://");
    size_t slash = server.find('/', scheme + 3);
    size_t query = server.find('?', slash == std::string::npos ? 0 : slash);
    if (slash == std::string::npos) return server + "/" + name;
    return server.substr(0, slash + 1) + name + (query == std::string::npos ? "" : server.substr(query));
  }();
  return url;
}

std::string sqlite_path;
int sqlite_counter = 0;

}  // namespace

std::vector<std::string> TestBackends() {
  std::vector<std::string> out = {"sqlite"};
  if (!PostgresServer().empty()) {
    out.push_back("postgres");
  } else if (const char* req = std::getenv("EJOURNAL_TEST_REQUIRE_POSTGRES"); req && *req == '1') {
    throw std::runtime_error("EJOURNAL_TEST_REQUIRE_POSTGRES=1 but EJOURNAL_TEST_POSTGRES is not set");
  }
  return out;
}

std::string CurrentDatabaseUrl(const std::string& backend) {
  if (backend == "postgres") return PostgresTestUrl();
  return "sqlite:" + sqlite_path;
}

std::unique_ptr<storage::Connection> OpenFreshDatabase(const std::string& backend) {
  std::unique_ptr<storage::Connection> conn;
  if (backend == "postgres") {
    conn = storage::Open(*storage::ParseDatabaseUrl(PostgresTestUrl()));
    storage::DropEverything(*conn);
  } else {
    if (!sqlite_path.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(sqlite_path + suffix);
    }
    sqlite_path = (std::filesystem::temp_directory_path() /
                   ("ej_test_" + std::to_string(getpid()) + "_" + std::to_string(++sqlite_counter) + ".db"))
                      .string();
    conn = storage::Open({storage::Backend::kSqlite, sqlite_path});
  }
  storage::ApplyMigrations(*conn);
  return conn;
}

std::unique_ptr<storage::Connection> OpenSameDatabase(const std::string& backend) {
  return storage::Open(*storage::ParseDatabaseUrl(CurrentDatabaseUrl(backend)));
}

}  // namespace ej::testing
