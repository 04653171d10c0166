#pragma once

#include <memory>
#include <string>

#include "storage/database.h"

namespace ej::storage {

// Connects with a libpq URI ("postgresql://user@host:port/db?host=/sock").
std::unique_ptr<Connection> OpenPostgres(const std::string& uri);

}  // namespace ej::storage
