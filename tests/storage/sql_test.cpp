// The shared SQL conditions on both backends, against the rule each one
// names: what a membership in force on a day is, what a held lesson is.
#include "service/common/sql.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/timetable.h"
#include "storage/database.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using storage::Value;

class SqlTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    conn_ = ej::testing::OpenFreshDatabase(GetParam());
    conn_->ExecuteScript(
        "CREATE TABLE spans (id INTEGER PRIMARY KEY, starts_on TEXT NOT NULL, ends_on TEXT);"
        "CREATE TABLE lessons_like (id INTEGER PRIMARY KEY, status TEXT NOT NULL, retired_at BIGINT)");
  }
  // The ids the condition selects, in order: "1 3".
  std::string Ids(const std::string& table, const std::string& where, std::initializer_list<Value> params = {}) {
    std::string out;
    for (const auto& r : conn_->Query("SELECT x.id FROM " + table + " x WHERE " + where + " ORDER BY x.id", params)) {
      out += (out.empty() ? "" : " ") + std::to_string(r.Int(0));
    }
    return out;
  }
  std::unique_ptr<storage::Connection> conn_;
};

TEST_P(SqlTest, ActiveOnADay) {
  conn_->Execute(
      "INSERT INTO spans (id, starts_on, ends_on) VALUES (1, '2026-09-01', NULL), (2, '2026-09-01', '2026-10-31'),"
      " (3, '2026-11-01', NULL), (4, '2026-11-05', '2026-11-05')");
  static const struct {
    const char* day;
    const char* ids;
  } kCases[] = {
      {"2026-08-31", ""},    {"2026-09-01", "1 2"},   {"2026-10-31", "1 2"},
      {"2026-11-01", "1 3"}, {"2026-11-05", "1 3 4"}, {"2026-11-06", "1 3"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(Ids("spans", sql::ActiveOn("x", "$1"), {Value{std::string(c.day)}}), c.ids) << c.day;
  }
  // A column as the day, and no alias.
  EXPECT_EQ(Ids("spans", "EXISTS (SELECT 1 FROM spans WHERE id = x.id AND " + sql::ActiveOn("", "'2026-11-05'") + ")"),
            "1 3 4");
}

TEST_P(SqlTest, ActiveDuringARange) {
  conn_->Execute(
      "INSERT INTO spans (id, starts_on, ends_on) VALUES (1, '2026-09-01', '2026-09-30'), (2, '2026-10-15', NULL),"
      " (3, '2026-11-01', '2026-11-02')");
  EXPECT_EQ(Ids("spans", sql::ActiveDuring("x", "$1", "$2"), {Value{"2026-09-30"}, Value{"2026-10-15"}}), "1 2");
  EXPECT_EQ(Ids("spans", sql::ActiveDuring("x", "$1", "$2"), {Value{"2026-10-01"}, Value{"2026-10-14"}}), "");
  EXPECT_EQ(Ids("spans", sql::ActiveDuring("x", "$1", "$2"), {Value{"2026-11-02"}, Value{"2027-01-01"}}), "2 3");
}

// The SQL and domain::IsHeld agree on every status, retired or not.
TEST_P(SqlTest, HeldLessonIsTheDomainRule) {
  int64_t id = 0;
  std::string expected;
  for (auto status : {domain::LessonStatus::kPlanned, domain::LessonStatus::kSubstituted,
                      domain::LessonStatus::kCancelled, domain::LessonStatus::kMoved}) {
    for (bool retired : {false, true}) {
      ++id;
      conn_->Execute("INSERT INTO lessons_like (id, status, retired_at) VALUES ($1, $2, $3)",
                     {Value{id}, Value{std::string(domain::ToString(status))}, retired ? Value{int64_t{1}} : Value{}});
      if (domain::IsHeld(status, retired)) expected += (expected.empty() ? "" : " ") + std::to_string(id);
    }
  }
  EXPECT_EQ(expected, "1 3");
  EXPECT_EQ(Ids("lessons_like", sql::HeldLesson("x")), expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
