// Databases for the storage tests: every test runs once per backend, on a
// fresh database of its own (a copy of a migrated original). PostgreSQL runs when
// EJOURNAL_TEST_POSTGRES holds a server URI (make test starts a throwaway
// cluster); EJOURNAL_TEST_REQUIRE_POSTGRES=1 makes its absence an error.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::testing {

// "sqlite", and "postgres" when configured.
std::vector<std::string> TestBackends();

// A new empty database of that backend with every migration applied.
std::unique_ptr<storage::Connection> OpenFreshDatabase(const std::string& backend);

// A new database that is a copy of one made once per process: migrated, then
// given to `fill` (a demo school, say). `key` names that original.
std::unique_ptr<storage::Connection> OpenFreshDatabaseFrom(const std::string& backend, const std::string& key,
                                                           const std::function<void(storage::Connection&)>& fill);

// A copy of a small demo school (120 students, its journal up to the clock's
// yesterday), made once per backend for the suites that share it.
std::unique_ptr<storage::Connection> OpenSmallDemo(const std::string& backend, const service::Clock& clock);

// A second connection to the database most recently made by OpenFreshDatabase.
std::unique_ptr<storage::Connection> OpenSameDatabase(const std::string& backend);

// The URL of that database, for code that opens its own connections.
std::string CurrentDatabaseUrl(const std::string& backend);

// A clock that says what the test sets: `now` and the date "today".
class FixedClock final : public service::Clock {
 public:
  int64_t Now() const override { return now; }
  std::string Today() const override { return today; }
  int64_t now = 1'795'000'000;  // 2026-11-18
  std::string today = "2026-11-18";
};

}  // namespace ej::testing
