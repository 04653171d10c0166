#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace ej::storage {
namespace {

constexpr int kBusyTimeoutMs = 10000;

StorageError::Kind KindOf(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? StorageError::Kind::kUniqueViolation
                                                                                  : StorageError::Kind::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageError::Kind::kBusy;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_IOERR:
      return StorageError::Kind::kConnection;
    default:
      return StorageError::Kind::kOther;
  }
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.stmt);
    sqlite3_close_v2(db_);
  }

  using Connection::Query;
  Backend backend() const override { return Backend::kSqlite; }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    const Prepared& prepared = Prepare(sql);
    sqlite3_stmt* stmt = prepared.stmt;
    Bind(prepared, params);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        Fail(rc, sql);
      }
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(ColumnValue(stmt, c));
      rows.emplace_back(std::move(values));
    }
    changed_ = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rows;
  }

  void ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string what = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw StorageError(KindOf(rc), "sqlite: " + what);
    }
  }

  int64_t ChangedRows() override { return changed_; }

  // Writers take the lock at BEGIN, so two writers never deadlock upgrading
  // from a read lock; the busy timeout makes the second one wait.
  void Begin(TxMode mode) override { Query(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", {}); }
  void Commit() override { Query("COMMIT", {}); }
  void Rollback() override { Query("ROLLBACK", {}); }
  void LockForMigration() override {}

 private:
  // A statement and, for each of its parameters, the number of the value it
  // takes: found once, since looking a name up costs a scan of them all.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<size_t> value_of;
  };

  // Parameters are named "$1", "$2", ...: each is bound by its number, so SQL
  // may use them in any order and more than once.
  const Prepared& Prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    Prepared p;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &p.stmt, nullptr);
    if (rc != SQLITE_OK) Fail(rc, sql);
    const int count = sqlite3_bind_parameter_count(p.stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(p.stmt, i);
      if (name == nullptr || name[0] != '$') {
        sqlite3_finalize(p.stmt);
        throw StorageError(StorageError::Kind::kOther, "sqlite: parameters must be $N");
      }
      p.value_of.push_back(std::stoul(name + 1));
    }
    return statements_.emplace(std::string(sql), std::move(p)).first->second;
  }

  void Bind(const Prepared& prepared, std::span<const Value> params) {
    sqlite3_stmt* stmt = prepared.stmt;
    for (size_t k = 0; k < prepared.value_of.size(); ++k) {
      const int i = static_cast<int>(k) + 1;
      const size_t n = prepared.value_of[k];
      if (n == 0 || n > params.size()) {
        throw StorageError(StorageError::Kind::kOther, "sqlite: missing bind parameter $" + std::to_string(n));
      }
      const Value& v = params[n - 1];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, i);
      } else if (const auto* iv = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i, *iv);
      } else if (const auto* dv = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i, *dv);
      } else if (const auto* bv = std::get_if<Bytes>(&v)) {
        rc = sqlite3_bind_blob64(stmt, i, bv->data.data(), bv->data.size(), SQLITE_TRANSIENT);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) Fail(rc, "bind");
    }
  }

  static Value ColumnValue(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL:
        return std::monostate{};
      case SQLITE_INTEGER:
        return static_cast<int64_t>(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, c);
      case SQLITE_BLOB: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        return Bytes{std::string(data ? data : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c)))};
      }
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
  }

  [[noreturn]] void Fail(int rc, std::string_view context) {
    int extended = sqlite3_extended_errcode(db_);
    throw StorageError(KindOf(extended != 0 ? extended : rc),
                       std::string("sqlite: ") + sqlite3_errmsg(db_) + " in: " + std::string(context.substr(0, 200)));
  }

  sqlite3* db_;
  std::unordered_map<std::string, Prepared> statements_;
  int64_t changed_ = 0;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string what = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throw StorageError(StorageError::Kind::kConnection, "cannot open SQLite database '" + path + "': " + what);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  auto conn = std::make_unique<SqliteConnection>(db);
  conn->ExecuteScript("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  return conn;
}

}  // namespace ej::storage
