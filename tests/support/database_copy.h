// Test databases made once and then copied, because filling a demo school
// (or even migrating an empty database on PostgreSQL) costs far more than
// copying one: an SQLite file is copied, a PostgreSQL database is created
// with the original as its template.
#pragma once

#include <functional>
#include <string>

namespace ej::testing {

// The server URL of EJOURNAL_TEST_POSTGRES with its database replaced by `name`.
std::string PostgresUrlOf(const std::string& name);

// A new database URL of the backend ("sqlite" or "postgres"), unique in this
// process, that starts as a copy of the original named `key`. The original is
// made on first use: `make` receives an empty database URL (no migrations
// applied) and must leave it filled and closed. Originals are removed when
// the process exits. `sqlite_dir` is where SQLite copies go.
std::string CopyOfDatabase(const std::string& backend, const std::string& key,
                           const std::function<void(const std::string& url)>& make, const std::string& sqlite_dir);

// Drops the copy made by CopyOfDatabase (PostgreSQL) or removes its files (SQLite).
void DropDatabase(const std::string& url);

}  // namespace ej::testing
