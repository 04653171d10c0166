#include "domain/marks.h"

#include <algorithm>
#include <cmath>

#include "domain/calendar.h"

namespace ej::domain {

std::optional<Assessment> ParseAssessment(std::string_view s) {
  if (s == "graded") return Assessment::kGraded;
  if (s == "pass_fail") return Assessment::kPassFail;
  return std::nullopt;
}

std::string_view ToString(Assessment a) { return a == Assessment::kGraded ? "graded" : "pass_fail"; }

bool IsMarkValue(std::string_view value, Assessment assessment) {
  if (value == "н/а" || value == "осв") return true;
  if (assessment == Assessment::kPassFail) return value == "зач" || value == "незач";
  return NumericMark(value).has_value();
}

std::optional<int> NumericMark(std::string_view value) {
  if (value.size() == 1 && value[0] >= '1' && value[0] <= '5') return value[0] - '0';
  return std::nullopt;
}

Averages ComputeAverages(const std::vector<WeightedMark>& marks) {
  Averages a;
  int64_t sum = 0, weighted_sum = 0, weights = 0;
  for (const auto& m : marks) {
    auto n = NumericMark(m.value);
    if (!n) continue;
    ++a.count;
    sum += *n;
    weighted_sum += static_cast<int64_t>(*n) * m.weight;
    weights += m.weight;
  }
  if (a.count > 0) {
    a.plain = static_cast<double>(sum) / a.count;
    a.weighted = weights > 0 ? static_cast<double>(weighted_sum) / static_cast<double>(weights) : a.plain;
  }
  return a;
}

std::optional<int> Forecast(const Averages& a, int rounding_from) {
  if (a.count == 0) return std::nullopt;
  // In hundredths, rounded to the nearest hundredth first so that 3.4999...
  // from floating point counts as the 3.50 people see.
  const auto hundredths = static_cast<int64_t>(std::llround(a.weighted * 100));
  const int64_t whole = hundredths / 100;
  const int64_t rest = hundredths % 100;
  const int64_t mark = rest >= rounding_from ? whole + 1 : whole;
  return static_cast<int>(std::clamp<int64_t>(mark, 1, 5));
}

int MarkDeadlineDays(int default_days, const std::vector<GradeDeadline>& by_grade, int grade) {
  for (const auto& g : by_grade) {
    if (grade >= g.grade_from && grade <= g.grade_to) return g.days;
  }
  return default_days;
}

std::optional<int> DaysBetween(std::string_view from, std::string_view to) {
  auto a = ParseDate(from);
  auto b = ParseDate(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>((*b - *a).count());
}

}  // namespace ej::domain
