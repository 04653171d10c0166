#include "domain/plan.h"

namespace ej::domain {

int AnnualHours(int half_hours_per_week, int grade) {
  const int weeks = grade == 1 ? 33 : 34;
  return (half_hours_per_week * weeks + 1) / 2;
}

std::vector<std::optional<size_t>> LayOutPlan(const std::vector<PlanTopicHours>& topics,
                                              const std::vector<std::optional<int64_t>>& chosen) {
  std::vector<std::optional<size_t>> out;
  out.reserve(chosen.size());
  size_t current = 0;  // the topic the next lesson takes
  int used = 0;        // its hours already taken
  for (const auto& pick : chosen) {
    if (pick) {
      size_t k = 0;
      while (k < topics.size() && topics[k].id != *pick) ++k;
      if (k < topics.size() && k != current) {
        current = k;
        used = 0;
      }
    }
    if (current >= topics.size()) {
      out.emplace_back(std::nullopt);
      continue;
    }
    out.emplace_back(current);
    if (++used >= topics[current].hours) {
      ++current;
      used = 0;
    }
  }
  return out;
}

}  // namespace ej::domain
