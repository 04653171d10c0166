// Marks and the history chain: pure rules, no I/O.
#include "domain/marks.h"

#include <gtest/gtest.h>

#include "domain/journal_chain.h"

namespace ej::domain {
namespace {

TEST(MarksTest, ScalesOfGradedAndPassFailSubjects) {
  for (const char* v : {"1", "2", "3", "4", "5", "н/а", "осв"}) EXPECT_TRUE(IsMarkValue(v, Assessment::kGraded)) << v;
  for (const char* v : {"0", "6", "5+", "4-", "", "зач", "незач", "five", "55"}) {
    EXPECT_FALSE(IsMarkValue(v, Assessment::kGraded)) << v;
  }
  for (const char* v : {"зач", "незач", "н/а", "осв"}) EXPECT_TRUE(IsMarkValue(v, Assessment::kPassFail)) << v;
  for (const char* v : {"5", "1", "зачёт"}) EXPECT_FALSE(IsMarkValue(v, Assessment::kPassFail)) << v;
  EXPECT_EQ(NumericMark("4"), 4);
  EXPECT_EQ(NumericMark("н/а"), std::nullopt);
}

TEST(MarksTest, PlainAndWeightedAveragesLeaveSpecialMarksOut) {
  // 5 for a control work (weight 3), 3 and 4 for oral answers (weight 1), «н/а».
  const Averages a = ComputeAverages({{"5", 3}, {"3", 1}, {"4", 1}, {"н/а", 1}});
  EXPECT_EQ(a.count, 3);
  EXPECT_DOUBLE_EQ(a.plain, 4.0);
  EXPECT_DOUBLE_EQ(a.weighted, 22.0 / 5.0);
  const Averages none = ComputeAverages({{"осв", 1}});
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(Forecast(none, 50), std::nullopt);
}

TEST(MarksTest, ForecastRoundsByTheSchoolsRule) {
  auto forecast = [](std::vector<WeightedMark> m, int from) { return Forecast(ComputeAverages(m), from); };
  EXPECT_EQ(forecast({{"4", 1}, {"3", 1}}, 50), 4);            // 3.50
  EXPECT_EQ(forecast({{"4", 1}, {"3", 1}}, 60), 3);            // 3.50 with the 0.6 rule
  EXPECT_EQ(forecast({{"4", 3}, {"3", 2}}, 60), 4);            // 3.60
  EXPECT_EQ(forecast({{"5", 1}, {"4", 1}, {"4", 1}}, 50), 4);  // 4.33
  EXPECT_EQ(forecast({{"2", 1}}, 50), 2);
  EXPECT_EQ(forecast({{"5", 10}}, 1), 5);
}

TEST(MarksTest, DeadlinesByWorkTypeAndGrade) {
  // An essay: 7 days in grades 5-8, 10 days in 9-11, 5 elsewhere.
  const std::vector<GradeDeadline> essay = {{5, 8, 7}, {9, 11, 10}};
  EXPECT_EQ(MarkDeadlineDays(5, essay, 6), 7);
  EXPECT_EQ(MarkDeadlineDays(5, essay, 10), 10);
  EXPECT_EQ(MarkDeadlineDays(5, essay, 3), 5);
  EXPECT_EQ(DaysBetween("2026-11-30", "2026-12-02"), 2);
  EXPECT_EQ(DaysBetween("2026-12-02", "2026-11-30"), -2);
  EXPECT_EQ(DaysBetween("2026-12-31", "2027-01-01"), 1);
  EXPECT_EQ(DaysBetween("bad", "2027-01-01"), std::nullopt);
}

TEST(JournalChainTest, CanonicalFormTellsEveryFieldApart) {
  ChainEvent e;
  e.school_id = 1;
  e.seq = 7;
  e.occurred_at = 1'795'000'000;
  e.actor_id = 42;
  e.action = "mark.correct";
  e.entity = "mark";
  e.entity_id = 9;
  e.before = R"({"value":"3"})";
  e.after = R"({"value":"4"})";
  e.reason = "ошибка";
  const std::string base = Canonical(e);
  EXPECT_EQ(Canonical(e), base);
  auto changed = [&](auto edit) {
    ChainEvent c = e;
    edit(c);
    return Canonical(c) != base;
  };
  EXPECT_TRUE(changed([](ChainEvent& c) { c.seq = 8; }));
  EXPECT_TRUE(changed([](ChainEvent& c) { c.actor_id.reset(); }));
  EXPECT_TRUE(changed([](ChainEvent& c) { c.after = R"({"value":"5"})"; }));
  EXPECT_TRUE(changed([](ChainEvent& c) { c.reason = ""; }));
  EXPECT_TRUE(changed([](ChainEvent& c) { c.reason.reset(); }));
  // A value can't pretend to be the next field.
  EXPECT_TRUE(changed([](ChainEvent& c) {
    c.action = "mark.correct\nentity:4:mark";
    c.entity = "";
  }));
}

}  // namespace
}  // namespace ej::domain
