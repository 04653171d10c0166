#include "storage/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>

namespace ej::storage {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kByteaOid = 17;

// An arbitrary constant naming the migration lock among advisory locks.
constexpr int64_t kMigrationLockKey = 0x656a6f75726e616c;  // "ejournal"

StorageError::Kind KindOf(const PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) return StorageError::Kind::kConnection;
  std::string_view s(state);
  if (s == "23505") return StorageError::Kind::kUniqueViolation;
  if (s.starts_with("23")) return StorageError::Kind::kConstraint;
  if (s == "40001" || s == "40P01" || s == "55P03") return StorageError::Kind::kBusy;
  if (s.starts_with("08")) return StorageError::Kind::kConnection;
  return StorageError::Kind::kOther;
}

class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res) {}
  ~PgResult() { PQclear(res_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return res_; }

 private:
  PGresult* res_;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  using Connection::Query;
  Backend backend() const override { return Backend::kPostgres; }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    const std::string& name = Prepare(sql, static_cast<int>(params.size()));
    std::vector<std::string> texts(params.size());
    std::vector<const char*> pointers(params.size(), nullptr);
    // Binary data goes as it is (format 1); everything else as text.
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (const auto* bv = std::get_if<Bytes>(&v)) {
        pointers[i] = bv->data.data();
        lengths[i] = static_cast<int>(bv->data.size());
        formats[i] = 1;
        continue;
      }
      if (const auto* iv = std::get_if<int64_t>(&v)) {
        texts[i] = std::to_string(*iv);
      } else if (const auto* dv = std::get_if<double>(&v)) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *dv);
        texts[i].assign(buf, end);
      } else {
        texts[i] = std::get<std::string>(v);
      }
      pointers[i] = texts[i].c_str();
    }
    PgResult res(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), pointers.data(), lengths.data(),
                                formats.data(), 0));
    return Collect(res.get(), sql);
  }

  void ExecuteScript(std::string_view sql) override {
    PgResult res(PQexec(conn_, std::string(sql).c_str()));
    Check(res.get(), sql);
  }

  int64_t ChangedRows() override { return changed_; }

  void Begin(TxMode mode) override { Query(mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY", {}); }
  void Commit() override { Query("COMMIT", {}); }
  void Rollback() override { Query("ROLLBACK", {}); }
  void LockForMigration() override { Query("SELECT pg_advisory_xact_lock($1)", {Value{kMigrationLockKey}}); }

 private:
  const std::string& Prepare(std::string_view sql, int param_count) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    std::string name = "ej" + std::to_string(statements_.size() + 1);
    PgResult res(PQprepare(conn_, name.c_str(), key.c_str(), param_count, nullptr));
    Check(res.get(), sql);
    return statements_.emplace(std::move(key), std::move(name)).first->second;
  }

  void Check(PGresult* res, std::string_view sql) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
    throw StorageError(KindOf(res), std::string("postgres: ") + message + " in: " + std::string(sql.substr(0, 200)));
  }

  std::vector<Row> Collect(PGresult* res, std::string_view sql) {
    Check(res, sql);
    const char* changed = PQcmdTuples(res);
    changed_ = (changed && *changed) ? std::stoll(changed) : 0;
    const int nrows = PQntuples(res);
    const int ncols = PQnfields(res);
    std::vector<Row> rows;
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> values;
      values.reserve(ncols);
      for (int c = 0; c < ncols; ++c) values.push_back(CellValue(res, r, c));
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  static Value CellValue(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c)) return std::monostate{};
    const char* text = PQgetvalue(res, r, c);
    const int length = PQgetlength(res, r, c);
    switch (PQftype(res, c)) {
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid: {
        int64_t v = 0;
        std::from_chars(text, text + length, v);
        return v;
      }
      case kBoolOid:
        return static_cast<int64_t>(text[0] == 't');
      case kFloat4Oid:
      case kFloat8Oid:
      case kNumericOid:
        return std::stod(std::string(text, static_cast<size_t>(length)));
      case kByteaOid: {
        // Text format: "\x" and two hex digits a byte.
        size_t size = 0;
        unsigned char* data = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
        if (data == nullptr) throw StorageError(StorageError::Kind::kOther, "postgres: bad bytea value");
        Bytes bytes{std::string(reinterpret_cast<const char*>(data), size)};
        PQfreemem(data);
        return bytes;
      }
      default:
        return std::string(text, static_cast<size_t>(length));
    }
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> statements_;
  int64_t changed_ = 0;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string what = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    throw StorageError(StorageError::Kind::kConnection, "cannot connect to PostgreSQL: " + what);
  }
  auto result = std::make_unique<PostgresConnection>(conn);
  result->ExecuteScript("SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET DateStyle = 'ISO, YMD';");
  return result;
}

}  // namespace ej::storage
