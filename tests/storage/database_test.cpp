// The Database interface on both backends.
#include "storage/database.h"

#include <gtest/gtest.h>

#include "storage/columns.h"
#include "storage/migrate.h"
#include "support/test_database.h"

namespace ej::storage {
namespace {

class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { conn_ = ej::testing::OpenFreshDatabase(GetParam()); }
  std::unique_ptr<Connection> conn_;
};

int64_t InsertSchool(Connection& c, const std::string& name) {
  return c
      .QueryOne(
          "INSERT INTO schools (name, short_name, time_zone, created_at)"
          " VALUES ($1, $1, 'Europe/Moscow', 0) RETURNING id",
          {Value{name}})
      ->Int(0);
}

TEST_P(DatabaseTest, TypedRowsRoundTrip) {
  int64_t id = InsertSchool(*conn_, "Школа № 1 «Ёлочка»");
  auto row = conn_->QueryOne("SELECT id, name, created_at, NULL, 2.5 FROM schools WHERE id = $1", {Value{id}});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Int(0), id);
  EXPECT_EQ(row->Text(1), "Школа № 1 «Ёлочка»");
  EXPECT_EQ(row->Int(2), 0);
  EXPECT_TRUE(row->IsNull(3));
  EXPECT_FALSE(row->OptText(3).has_value());
  EXPECT_DOUBLE_EQ(row->Real(4), 2.5);
  EXPECT_THROW(row->Text(0), StorageError);
  EXPECT_THROW(row->Int(1), StorageError);
}

// A column list read by name: each index is where its own name stands.
struct SchoolColumns : Columns {
  size_t id = Add("s.id");
  size_t name = Add("s.name");
  size_t zone = Add("s.time_zone");
  size_t upper = Add("UPPER(s.short_name)");
};

TEST_P(DatabaseTest, ColumnsAreReadWhereTheyAreListed) {
  const SchoolColumns kColumns;
  EXPECT_EQ(kColumns.List(), "s.id, s.name, s.time_zone, UPPER(s.short_name)");
  EXPECT_EQ(kColumns.size(), 4u);
  const int64_t id = InsertSchool(*conn_, "abc");
  auto row = conn_->QueryOne("SELECT " + kColumns.List() + " FROM schools s WHERE s.id = $1", {Value{id}});
  ASSERT_TRUE(row);
  ASSERT_EQ(row->size(), kColumns.size());
  EXPECT_EQ(row->Int(kColumns.id), id);
  EXPECT_EQ(row->Text(kColumns.name), "abc");
  EXPECT_EQ(row->Text(kColumns.zone), "Europe/Moscow");
  EXPECT_EQ(row->Text(kColumns.upper), "ABC");
}

// Files: every byte value, a NUL inside, back exactly as written.
TEST_P(DatabaseTest, BinaryDataRoundTrips) {
  conn_->ExecuteScript(
      RenderMigrationSql("CREATE TABLE files_test (id {{id}}, content {{blob}} NOT NULL)", conn_->backend()));
  std::string data;
  for (int i = 0; i < 256 * 40; ++i) data.push_back(static_cast<char>(i % 256));
  const int64_t id =
      conn_->QueryOne("INSERT INTO files_test (content) VALUES ($1) RETURNING id", {Value{Bytes{data}}})->Int(0);
  auto row = conn_->QueryOne("SELECT content, LENGTH(content) FROM files_test WHERE id = $1", {Value{id}});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->Binary(0), data);
  EXPECT_EQ(row->Int(1), static_cast<int64_t>(data.size()));
  EXPECT_THROW(row->Text(0), StorageError);
  EXPECT_EQ(conn_->QueryOne("SELECT content FROM files_test WHERE id = $1", {Value{id}})->Binary(0).substr(0, 3),
            std::string("\0\1\2", 3));
}

// Many rows with few statements, every value where it belongs.
TEST_P(DatabaseTest, InsertRowsWritesEveryRow) {
  const int64_t school = InsertSchool(*conn_, "Школа");
  std::vector<Value> values;
  for (int i = 0; i < 2500; ++i) {
    values.push_back(Value{school});
    values.push_back(Value{"Предмет " + std::to_string(i)});
    values.push_back(Value{"П" + std::to_string(i)});
  }
  InsertRows(*conn_, "subjects (school_id, name, short_name)", 3, values);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM subjects")->Int(0), 2500);
  EXPECT_EQ(conn_->QueryOne("SELECT short_name FROM subjects WHERE name = 'Предмет 1999'")->Text(0), "П1999");
}

TEST_P(DatabaseTest, ParametersAreNeverSql) {
  const std::string evil = "x'); DROP TABLE schools; --";
  int64_t id = InsertSchool(*conn_, evil);
  auto row = conn_->QueryOne("SELECT name FROM schools WHERE id = $1", {Value{id}});
  EXPECT_EQ(row->Text(0), evil);
  EXPECT_EQ(conn_->Query("SELECT id FROM schools").size(), 1u);
}

TEST_P(DatabaseTest, ParametersMayRepeatAndComeInAnyOrder) {
  auto row = conn_->QueryOne("SELECT $2 || '-' || $1 || '-' || $2", {Value{std::string("a")}, Value{std::string("b")}});
  EXPECT_EQ(row->Text(0), "b-a-b");
}

TEST_P(DatabaseTest, RollbackLeavesNothing) {
  {
    Transaction tx(*conn_, TxMode::kWrite);
    InsertSchool(*conn_, "temporary");
    // no Commit: the destructor rolls back
  }
  EXPECT_TRUE(conn_->Query("SELECT id FROM schools").empty());
  {
    Transaction tx(*conn_, TxMode::kWrite);
    InsertSchool(*conn_, "kept");
    tx.Commit();
  }
  EXPECT_EQ(conn_->Query("SELECT id FROM schools").size(), 1u);
}

TEST_P(DatabaseTest, FailureInsideATransactionRollsBackEverything) {
  try {
    Transaction tx(*conn_, TxMode::kWrite);
    InsertSchool(*conn_, "first");
    conn_->Query("INSERT INTO users (login, last_name, first_name, created_at) VALUES ('a', 'x', 'y', 0)");
    conn_->Query("INSERT INTO users (login, last_name, first_name, created_at) VALUES ('a', 'x', 'y', 0)");
    tx.Commit();
    FAIL() << "the duplicate login must throw";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), StorageError::Kind::kUniqueViolation);
  }
  EXPECT_TRUE(conn_->Query("SELECT id FROM schools").empty());
  EXPECT_TRUE(conn_->Query("SELECT id FROM users").empty());
}

TEST_P(DatabaseTest, ForeignKeysAreEnforced) {
  try {
    conn_->Query("INSERT INTO user_roles (school_id, user_id, role, created_at) VALUES (999, 999, 'teacher', 0)");
    FAIL() << "a role for a missing user must be refused";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), StorageError::Kind::kConstraint);
  }
}

TEST_P(DatabaseTest, CheckConstraintsAreEnforced) {
  InsertSchool(*conn_, "s");
  conn_->Query("INSERT INTO users (login, last_name, first_name, created_at) VALUES ('u', 'x', 'y', 0)");
  EXPECT_THROW(conn_->Query("INSERT INTO user_roles (school_id, user_id, role, created_at) VALUES (1, 1, 'root', 0)"),
               StorageError);
}

TEST_P(DatabaseTest, ChangedRows) {
  InsertSchool(*conn_, "a");
  InsertSchool(*conn_, "b");
  EXPECT_EQ(conn_->Execute("UPDATE schools SET short_name = 'x'"), 2);
  EXPECT_EQ(conn_->Execute("UPDATE schools SET short_name = 'y' WHERE id = $1", {Value{int64_t{-1}}}), 0);
}

TEST_P(DatabaseTest, SecondConnectionSeesCommittedData) {
  InsertSchool(*conn_, "shared");
  auto other = ej::testing::OpenSameDatabase(GetParam());
  EXPECT_EQ(other->Query("SELECT id FROM schools").size(), 1u);
}

TEST_P(DatabaseTest, BadSqlThrowsWithoutBreakingTheConnection) {
  EXPECT_THROW(conn_->Query("SELEC nonsense"), StorageError);
  EXPECT_EQ(conn_->QueryOne("SELECT 1")->Int(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

TEST(DatabaseUrlTest, Parsing) {
  EXPECT_EQ(ParseDatabaseUrl("sqlite:var/x.db")->target, "var/x.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:/abs/x.db")->target, "/abs/x.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite:///abs/x.db")->target, "/abs/x.db");
  EXPECT_EQ(ParseDatabaseUrl("postgresql://u@h/db")->backend, Backend::kPostgres);
  EXPECT_EQ(ParseDatabaseUrl("postgres://u@h/db")->backend, Backend::kPostgres);
  EXPECT_FALSE(ParseDatabaseUrl("mysql://x").has_value());
  EXPECT_FALSE(ParseDatabaseUrl("sqlite:").has_value());
}

TEST(DatabaseOpenTest, UnreachableServersAndBadFilesFailClearly) {
  try {
    Open({Backend::kPostgres, "postgresql://nobody@/none?host=/nonexistent&connect_timeout=1"});
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), StorageError::Kind::kConnection);
  }
  EXPECT_THROW(Open({Backend::kSqlite, "/nonexistent-dir/x.db"}), StorageError);
}

}  // namespace
}  // namespace ej::storage
