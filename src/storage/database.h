// The one storage interface. A Connection is used by one thread at a time;
// the server gives each worker thread its own. SQL uses PostgreSQL-style
// bind parameters ($1, $2, ...) on both backends; values are never spliced
// into SQL text.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ej::storage {

enum class Backend { kSqlite, kPostgres };

// Binary data (a BLOB or BYTEA column; {{blob}} in migrations): a file.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

// A bound parameter or a column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string, Bytes>;

// An optional value as a bind parameter: NULL when absent.
template <typename T>
Value OrNull(const std::optional<T>& v) {
  return v ? Value{*v} : Value{};
}

// Broken infrastructure or a violated constraint. Expected business failures
// are checked before writing; a constraint violation that still happens (a
// race) surfaces as kUniqueViolation so the service can turn it into a 409.
class StorageError : public std::runtime_error {
 public:
  enum class Kind { kUniqueViolation, kConstraint, kBusy, kConnection, kSchema, kOther };
  StorageError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One result row with typed accessors. Accessors throw StorageError on a
// type mismatch (a bug in the calling SQL, not a user error).
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  const std::string& Text(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  const std::string& Binary(size_t i) const;
  const Value& at(size_t i) const;

 private:
  std::vector<Value> values_;
};

enum class TxMode { kRead, kWrite };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;

  // Runs one statement (prepared once per connection and cached) and returns
  // every row it produced.
  virtual std::vector<Row> Query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;
  // Number of rows changed by the last Query that wrote.
  virtual int64_t ChangedRows() = 0;

  virtual void Begin(TxMode mode) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // Inside a write transaction: blocks other processes from migrating at the
  // same time (PostgreSQL advisory lock; SQLite's write lock already does).
  virtual void LockForMigration() = 0;

  std::vector<Row> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Zero or one row; more is a bug and throws.
  std::optional<Row> QueryOne(std::string_view sql, std::initializer_list<Value> params = {});
  // Runs a write and returns the number of rows it changed.
  int64_t Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    Query(sql, params);
    return ChangedRows();
  }
};

// Inserts many rows with few statements ("INSERT INTO <into> VALUES (...), (...)"):
// `into` is "table (col, ...)", `values` holds `columns` values per row.
void InsertRows(Connection& conn, std::string_view into, size_t columns, std::span<const Value> values);

// Begins in the constructor; rolls back in the destructor unless committed.
// Every service write is exactly one Transaction.
class Transaction {
 public:
  Transaction(Connection& conn, TxMode mode) : conn_(conn) { conn_.Begin(mode); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

// Where the database is: "sqlite:PATH" (relative or absolute) or a libpq URI
// "postgresql://..." / "postgres://...".
struct DatabaseUrl {
  Backend backend;
  std::string target;  // file path for SQLite, the URI for PostgreSQL
};
std::optional<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// Opens a connection; throws StorageError(kConnection) with a readable reason.
std::unique_ptr<Connection> Open(const DatabaseUrl& url);

}  // namespace ej::storage
