// Numbered SQL migrations, embedded in the binary at build time from
// src/storage/migrations/NNNN_name.sql.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace ej::storage {

struct Migration {
  int64_t version;
  std::string_view name;
  std::string_view sql;
};

// All migrations of this binary, ascending by version.
const std::vector<Migration>& EmbeddedMigrations();
int64_t LatestSchemaVersion();

// The version the database is at (0 for an empty database).
int64_t SchemaVersion(Connection& conn);

// Applies every missing migration, each in its own transaction. Throws
// StorageError(kSchema) if the database is newer than this binary.
// Returns the number of migrations applied.
int ApplyMigrations(Connection& conn);

// Throws StorageError(kSchema) unless the database is exactly at
// LatestSchemaVersion() (the server refuses to serve an old or newer schema).
void RequireCurrentSchema(Connection& conn);

// Replaces the dialect placeholders ({{id}}) of portable migration SQL.
std::string RenderMigrationSql(std::string_view sql, Backend backend);

}  // namespace ej::storage

namespace ej::storage {

// Removes every table of the database (for `ejournal demo --force`).
void DropEverything(Connection& conn);

}  // namespace ej::storage
