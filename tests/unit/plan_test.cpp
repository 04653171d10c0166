// The calendar-thematic plan's arithmetic: the year's hours and how topics
// fall on lessons.
#include "domain/plan.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

TEST(PlanTest, AnnualHoursAre34WeeksAnd33InTheFirstGrade) {
  EXPECT_EQ(AnnualHours(10, 5), 170);  // 5 h a week
  EXPECT_EQ(AnnualHours(2, 7), 34);    // 1 h
  EXPECT_EQ(AnnualHours(1, 9), 17);    // every other week
  EXPECT_EQ(AnnualHours(8, 1), 132);   // 4 h in grade 1
  EXPECT_EQ(AnnualHours(3, 1), 50);    // 1.5 h in grade 1: 49.5 rounds up
}

TEST(PlanTest, TopicsFallOnLessonsByTheirHours) {
  const std::vector<PlanTopicHours> topics = {{11, 2}, {12, 1}, {13, 3}};
  const std::vector<std::optional<int64_t>> none(8);
  const auto laid = LayOutPlan(topics, none);
  const std::vector<std::optional<size_t>> expected = {0, 0, 1, 2, 2, 2, std::nullopt, std::nullopt};
  EXPECT_EQ(laid, expected);
}

TEST(PlanTest, ALessonGivenATopicMovesThePlanToIt) {
  const std::vector<PlanTopicHours> topics = {{11, 2}, {12, 1}, {13, 3}};
  // The second lesson skipped ahead to topic 13; an unknown topic is ignored.
  const std::vector<std::optional<int64_t>> chosen = {std::nullopt, 13, std::nullopt, 99, std::nullopt, std::nullopt};
  const auto laid = LayOutPlan(topics, chosen);
  const std::vector<std::optional<size_t>> expected = {0, 2, 2, 2, std::nullopt, std::nullopt};
  EXPECT_EQ(laid, expected);
  // Going back to a topic repeats it from its first hour.
  const std::vector<std::optional<int64_t>> back = {std::nullopt, std::nullopt, std::nullopt, 11, std::nullopt};
  const std::vector<std::optional<size_t>> again = {0, 0, 1, 0, 0};
  EXPECT_EQ(LayOutPlan(topics, back), again);
  // Without a plan no lesson has a topic.
  const std::vector<std::optional<size_t>> nothing(3);
  EXPECT_EQ(LayOutPlan({}, std::vector<std::optional<int64_t>>(3)), nothing);
}

}  // namespace
}  // namespace ej::domain
