// The calendar-thematic plan (КТП, R-LES-2): how many hours a year's plan
// must hold, and which of its topics each lesson of the year falls on.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ej::domain {

// The hours a year gives a subject at `half_hours_per_week` halves a week:
// 34 study weeks, 33 in grade 1.
int AnnualHours(int half_hours_per_week, int grade);

struct PlanTopicHours {
  int64_t id = 0;
  int hours = 1;
};

// Lays the plan on the year's lessons in order: each lesson takes one hour
// of the current topic; a lesson given a topic of the plan (`chosen`) moves
// the plan to it, so a skipped or repeated topic shifts what follows. For
// each lesson, the index of its topic; none once the plan is used up.
std::vector<std::optional<size_t>> LayOutPlan(const std::vector<PlanTopicHours>& topics,
                                              const std::vector<std::optional<int64_t>>& chosen);

}  // namespace ej::domain
