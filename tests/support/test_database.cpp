#include "support/test_database.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "demo/demo.h"
#include "storage/migrate.h"
#include "support/database_copy.h"

namespace ej::testing {
namespace {

bool HavePostgres() {
  const char* uri = std::getenv("EJOURNAL_TEST_POSTGRES");
  return uri && *uri;
}

// The database each backend's tests work on now; the previous one is
// dropped when the next is made.
std::map<std::string, std::string>& Current() {
  static std::map<std::string, std::string> current;
  return current;
}

}  // namespace

std::vector<std::string> TestBackends() {
  std::vector<std::string> out = {"sqlite"};
  if (HavePostgres()) {
    out.push_back("postgres");
  } else if (const char* req = std::getenv("EJOURNAL_TEST_REQUIRE_POSTGRES"); req && *req == '1') {
    throw std::runtime_error("EJOURNAL_TEST_REQUIRE_POSTGRES=1 but EJOURNAL_TEST_POSTGRES is not set");
  }
  return out;
}

std::string CurrentDatabaseUrl(const std::string& backend) { return Current().at(backend); }

std::unique_ptr<storage::Connection> OpenFreshDatabase(const std::string& backend) {
  return OpenFreshDatabaseFrom(backend, "migrated", [](storage::Connection&) {});
}

std::unique_ptr<storage::Connection> OpenFreshDatabaseFrom(const std::string& backend, const std::string& key,
                                                           const std::function<void(storage::Connection&)>& fill) {
  std::string& current = Current()[backend];
  if (!current.empty()) DropDatabase(current);
  current = CopyOfDatabase(
      backend, key,
      [&](const std::string& url) {
        auto conn = storage::Open(*storage::ParseDatabaseUrl(url));
        storage::ApplyMigrations(*conn);
        fill(*conn);
      },
      std::filesystem::temp_directory_path().string());
  return storage::Open(*storage::ParseDatabaseUrl(current));
}

std::unique_ptr<storage::Connection> OpenSameDatabase(const std::string& backend) {
  return storage::Open(*storage::ParseDatabaseUrl(CurrentDatabaseUrl(backend)));
}

std::unique_ptr<storage::Connection> OpenSmallDemo(const std::string& backend, const service::Clock& clock) {
  return OpenFreshDatabaseFrom(backend, "demo-120", [&](storage::Connection& conn) {
    service::DemoSize size;
    size.students_per_school = 120;
    service::GenerateDemo(conn, clock, size);
  });
}

}  // namespace ej::testing
