// Period marks over HTTP on both backends: set by a teacher of the journal in
// the last week of the period, never twice; changed only by a deputy with the
// explanation seed 001 asks for, kept in the mark's history.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class PeriodMarksApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("period-marks");
    if (HasFatalFailure()) return;
    db_ = server_->OpenDatabase();
    // The teacher's journal of the demo student's class in the current period...
    auto items = As("teacher").Get("/api/v1/journals").Json().at("items").as_array();
    for (const auto& j : items) {
      bool teaches = false;
      for (const auto& t : j.at("teachers").as_array())
        teaches = teaches || t.at("id").as_int64() == As("teacher").user_id();
      if (teaches && j.at("current").as_bool() && j.at("class").is_object() &&
          j.at("class").at("name").as_string() == "7Б") {
        journal_ = j.at("id").as_int64();
      }
      if (teaches && !j.at("current").as_bool() && j.at("class").is_object() &&
          j.at("class").at("name").as_string() == "7Б" && j.at("period").at("startsOn").as_string() > Today()) {
        later_ = j.at("id").as_int64();
      }
    }
    ASSERT_NE(journal_, 0);
    // ... whose period ends in three days: its last week has come.
    auto p = db_->QueryOne("SELECT year_id, period_kind, period_number, grade FROM journals WHERE id = $1",
                           {Value{journal_}});
    const std::string end =
        db_->backend() == storage::Backend::kSqlite
            ? db_->QueryOne("SELECT date($1, '+3 days')", {Value{Today()}})->Text(0)
            : db_->QueryOne("SELECT to_char($1::date + 3, 'YYYY-MM-DD')", {Value{Today()}})->Text(0);
    db_->Query(
        "UPDATE study_periods SET ends_on = $5 WHERE year_id = $1 AND kind = $2 AND number = $3"
        " AND grade_from <= $4 AND grade_to >= $4",
        {Value{p->Int(0)}, Value{p->Text(1)}, Value{p->Int(2)}, Value{p->Int(3)}, Value{end}});
  }
  std::string Set(int64_t student, const std::string& value, const std::string& kind = "period") {
    return R"({"studentId":)" + std::to_string(student) + R"(,"kind":")" + kind + R"(","value":")" + value + "\"}";
  }
  std::string Url(int64_t journal) { return "/api/v1/journals/" + std::to_string(journal) + "/period-marks"; }

  std::unique_ptr<storage::Connection> db_;
  int64_t journal_ = 0, later_ = 0;
};

TEST_P(PeriodMarksApiTest, TheTeacherSetsItOnceAndOnlyADeputyChangesItWithAnExplanation) {
  const int64_t student = As("student").user_id();
  for (const char* who : {"classteacher", "deputy", "admin", "student", "parent"}) {
    const int status = As(who).Post(Url(journal_), Set(student, "5")).status;
    EXPECT_TRUE(status == 403 || status == 404) << who << ": " << status;
  }
  auto set = As("teacher").Post(Url(journal_), Set(student, "5"));
  ASSERT_EQ(set.status, 201) << set.body;
  const int64_t id = set.Json().at("id").as_int64();
  EXPECT_EQ(As("teacher").Post(Url(journal_), Set(student, "4")).ErrorCode(), "request.conflict");
  const std::string url = "/api/v1/period-marks/" + std::to_string(id);
  const std::string explanation = R"(,"explanation":{"teacherId":)" + std::to_string(As("teacher").user_id()) +
                                  R"(,"date":")" + Today() + R"(","reason":"Не учтена контрольная работа от 20.11"}})";
  EXPECT_EQ(As("teacher").Patch(url, R"({"value":"4","version":1)" + explanation).status, 403);
  EXPECT_EQ(As("director").Patch(url, R"({"value":"4","version":1)" + explanation).status, 403);
  EXPECT_EQ(As("deputy").Patch(url, R"({"value":"4","version":1})").ErrorCode(), "request.missing_field");
  EXPECT_EQ(
      As("deputy")
          .Patch(url, R"({"value":"4","version":1,"explanation":{"teacherId":)" +
                          std::to_string(As("teacher").user_id()) + R"(,"date":")" + Today() + R"(","reason":"  "}})")
          .ErrorCode(),
      "request.missing_field");
  auto corrected = As("deputy").Patch(url, R"({"value":"4","version":1)" + explanation);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json().at("value").as_string(), "4");
  EXPECT_EQ(As("deputy").Patch(url, R"({"value":"3","version":1)" + explanation).ErrorCode(), "journal.conflict");

  auto history = As("parent").Get(url + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value h = history.Json();
  const json::array& events = h.at("history").as_array();
  ASSERT_EQ(events.size(), 2u);
  const json::value& why = events[1].at("explanation");
  EXPECT_EQ(why.at("class").as_string(), "7Б");
  EXPECT_EQ(why.at("change").as_string(), "5 → 4");
  EXPECT_EQ(why.at("date").as_string(), Today());
  EXPECT_EQ(why.at("reason").as_string(), "Не учтена контрольная работа от 20.11");
  EXPECT_FALSE(why.at("teacher").as_string().empty());
  EXPECT_FALSE(why.at("subject").as_string().empty());
  // The grid shows it.
  const json::value grid = As("teacher").Get("/api/v1/journals/" + std::to_string(journal_)).Json();
  bool shown = false;
  for (const auto& m : grid.at("periodMarks").as_array())
    shown = shown || (m.at("id").as_int64() == id && m.at("value").as_string() == "4");
  EXPECT_TRUE(shown);
}

TEST_P(PeriodMarksApiTest, BadPeriodMarksAreRefused) {
  const int64_t classmate = db_->QueryOne(
                                   "SELECT e.student_id FROM enrolments e WHERE e.class_id = (SELECT class_id FROM "
                                   "enrolments WHERE student_id = $1)"
                                   " AND e.student_id <> $1 LIMIT 1",
                                   {Value{As("student").user_id()}})
                                ->Int(0);
  const int64_t stranger = db_->QueryOne(
                                  "SELECT student_id FROM enrolments WHERE class_id <> (SELECT class_id FROM "
                                  "enrolments WHERE student_id = $1) LIMIT 1",
                                  {Value{As("student").user_id()}})
                               ->Int(0);
  EXPECT_EQ(As("teacher").Post(Url(journal_), Set(classmate, "7")).ErrorCode(), "mark.invalid_value");
  EXPECT_EQ(As("teacher").Post(Url(journal_), Set(stranger, "5")).ErrorCode(), "mark.student_not_in_lesson");
  EXPECT_EQ(As("teacher").Post(Url(journal_), Set(classmate, "5", "semester")).ErrorCode(), "request.invalid_value");
  // The year's mark belongs to the journal of the year's last period.
  EXPECT_EQ(As("teacher").Post(Url(journal_), Set(classmate, "5", "year")).ErrorCode(), "request.invalid_value");
  // A period far from its end.
  ASSERT_NE(later_, 0);
  EXPECT_EQ(As("teacher").Post(Url(later_), Set(classmate, "5")).ErrorCode(), "journal.deadline_passed");
}

INSTANTIATE_TEST_SUITE_P(Backends, PeriodMarksApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
