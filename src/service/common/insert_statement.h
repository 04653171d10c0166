// Single-row INSERTs from a shared column list "table (a, b, ...)": the
// services' one-row writes and the demo's batch writes (storage::InsertRows)
// name a table's columns once, in an area's *_statements.h (k<Row>Into, the
// `into` of storage::InsertRows), so the two cannot drift apart. Values are
// always bound, never spliced.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ej::service::sql {

// The number of columns in "table (a, b, ...)".
constexpr size_t ColumnCount(std::string_view into) {
  size_t n = 1;
  for (char c : into) n += c == ',' ? 1 : 0;
  return n;
}

// "INSERT INTO table (a, b, ...) VALUES ($1, $2, ...)", one placeholder per
// column in the list's order; the caller may append " RETURNING id" or a
// conflict clause.
inline std::string InsertOne(std::string_view into) {
  std::string sql = "INSERT INTO ";
  sql += into;
  sql += " VALUES (";
  for (size_t n = 1; n <= ColumnCount(into); ++n) {
    if (n > 1) sql += ", ";
    sql += '$' + std::to_string(n);
  }
  sql += ')';
  return sql;
}

}  // namespace ej::service::sql
