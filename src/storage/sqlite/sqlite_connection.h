#pragma once

#include <memory>
#include <string>

#include "storage/database.h"

namespace ej::storage {

// Opens (creating if needed) an SQLite database file with WAL journaling,
// foreign keys on and a busy timeout, so that several connections of one
// process (and other processes) can share the file.
std::unique_ptr<Connection> OpenSqlite(const std::string& path);

}  // namespace ej::storage
