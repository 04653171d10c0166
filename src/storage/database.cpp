#include "storage/database.h"

#include <algorithm>

#include "storage/postgres/postgres_connection.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ej::storage {
namespace {

[[noreturn]] void TypeMismatch(size_t i, const char* wanted) {
  throw StorageError(StorageError::Kind::kOther, "column " + std::to_string(i) + " is not " + wanted);
}

}  // namespace

const Value& Row::at(size_t i) const {
  if (i >= values_.size()) {
    throw StorageError(StorageError::Kind::kOther, "column " + std::to_string(i) + " out of range");
  }
  return values_[i];
}

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::monostate>(at(i)); }

int64_t Row::Int(size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<int64_t>(&v)) return *p;
  TypeMismatch(i, "an integer");
}

double Row::Real(size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<double>(&v)) return *p;
  if (const auto* p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  TypeMismatch(i, "a number");
}

const std::string& Row::Text(size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<std::string>(&v)) return *p;
  TypeMismatch(i, "text");
}

const std::string& Row::Binary(size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<Bytes>(&v)) return p->data;
  TypeMismatch(i, "binary data");
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::optional<Row> Connection::QueryOne(std::string_view sql, std::initializer_list<Value> params) {
  auto rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  if (rows.size() > 1) {
    throw StorageError(StorageError::Kind::kOther, "expected at most one row from: " + std::string(sql));
  }
  return std::move(rows.front());
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    conn_.Rollback();
  } catch (...) {
    // A failed rollback leaves nothing to do here: the connection reports
    // its broken state on the next use.
  }
}

void InsertRows(Connection& conn, std::string_view into, size_t columns, std::span<const Value> values) {
  // Well below both backends' limits on parameters per statement.
  const size_t per_statement = std::max<size_t>(1, 4000 / columns);
  const size_t rows = values.size() / columns;
  for (size_t first = 0; first < rows; first += per_statement) {
    const size_t count = std::min(per_statement, rows - first);
    std::string sql = "INSERT INTO " + std::string(into) + " VALUES ";
    size_t n = 1;
    for (size_t r = 0; r < count; ++r) {
      sql += r ? ",(" : "(";
      for (size_t c = 0; c < columns; ++c) {
        if (c) sql += ',';
        sql += '$' + std::to_string(n++);
      }
      sql += ')';
    }
    conn.Query(sql, values.subspan(first * columns, count * columns));
  }
}

void Transaction::Commit() {
  conn_.Commit();
  done_ = true;
}

std::optional<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.starts_with("//")) path.remove_prefix(2);  // sqlite://path also accepted
    if (path.empty()) return std::nullopt;
    return DatabaseUrl{Backend::kSqlite, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return DatabaseUrl{Backend::kPostgres, std::string(url)};
  }
  return std::nullopt;
}

std::unique_ptr<Connection> Open(const DatabaseUrl& url) {
  if (url.backend == Backend::kSqlite) return OpenSqlite(url.target);
  return OpenPostgres(url.target);
}

}  // namespace ej::storage
