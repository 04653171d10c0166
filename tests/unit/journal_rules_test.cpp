// The journal's deadlines, case by case.
#include "domain/journal_rules.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

TEST(JournalRulesTest, LatePolicyNamesRoundTrip) {
  EXPECT_EQ(ParseLatePolicy("flag"), LatePolicy::kFlag);
  EXPECT_EQ(ParseLatePolicy("refuse"), LatePolicy::kRefuse);
  EXPECT_FALSE(ParseLatePolicy("Refuse"));
  EXPECT_FALSE(ParseLatePolicy(""));
  EXPECT_EQ(ToString(LatePolicy::kFlag), "flag");
  EXPECT_EQ(ToString(LatePolicy::kRefuse), "refuse");
}

TEST(JournalRulesTest, JudgeAppliesThePolicyOnlyPastTheDeadline) {
  EXPECT_EQ(Judge(false, LatePolicy::kFlag), Timeliness::kInTime);
  EXPECT_EQ(Judge(false, LatePolicy::kRefuse), Timeliness::kInTime);
  EXPECT_EQ(Judge(true, LatePolicy::kFlag), Timeliness::kLate);
  EXPECT_EQ(Judge(true, LatePolicy::kRefuse), Timeliness::kRefused);
}

TEST(JournalRulesTest, TopicAndMarkDeadlines) {
  static const struct {
    int days_after;
    int limit;
    bool past;
  } kCases[] = {
      {-3, 7, false},                                                            // in advance
      {0, 7, false},  {7, 7, false}, {8, 7, true}, {0, 0, false}, {1, 0, true},  // "the same day"
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(TopicPastDeadline(c.days_after, c.limit), c.past) << c.days_after << " / " << c.limit;
    EXPECT_EQ(MarkPastDeadline(c.days_after, c.limit), c.past) << c.days_after << " / " << c.limit;
  }
}

TEST(JournalRulesTest, HomeworkWithinHoursAfterTheLastLesson) {
  constexpr int kLastEnd = 14 * 60 + 10;  // the class's last lesson ends at 14:10
  static const struct {
    int days_after;
    int minutes_now;
    int hours;
    bool past;
  } kCases[] = {
      {-1, 23 * 60, 2, false},      // the day before: in advance
      {0, 8 * 60, 2, false},        // the morning of the lesson
      {0, 16 * 60 + 10, 2, false},  // exactly two hours after
      {0, 16 * 60 + 11, 2, true},   // a minute later
      {0, 15 * 60, 0, true},        // no hours at all
      {1, 7 * 60, 24, true},        // the next morning is always late
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(HomeworkPastDeadline(c.days_after, c.minutes_now, kLastEnd, c.hours), c.past)
        << c.days_after << " " << c.minutes_now << " " << c.hours;
  }
}

TEST(JournalRulesTest, PeriodMarksInTheLastWeekAndTheLateDaysAfter) {
  static const struct {
    int days_to_end;
    int late_days;
    PeriodMarkWindow window;
  } kCases[] = {
      {30, 7, PeriodMarkWindow::kNotYet}, {7, 7, PeriodMarkWindow::kNotYet},  {6, 7, PeriodMarkWindow::kOpen},
      {0, 7, PeriodMarkWindow::kOpen},    {-7, 7, PeriodMarkWindow::kOpen},   {-8, 7, PeriodMarkWindow::kClosed},
      {0, 0, PeriodMarkWindow::kOpen},    {-1, 0, PeriodMarkWindow::kClosed},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(PeriodMarkWindowOn(c.days_to_end, c.late_days), c.window) << c.days_to_end << " / " << c.late_days;
  }
}

}  // namespace
}  // namespace ej::domain
