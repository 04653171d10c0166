// Marks (R-MARK): the values a mark may take, averages plain and weighted,
// the forecast of a period mark by the school's rounding rule, and the days a
// mark may still be entered after its lesson.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ej::domain {

// How a subject is assessed.
enum class Assessment { kGraded, kPassFail };
std::optional<Assessment> ParseAssessment(std::string_view s);
std::string_view ToString(Assessment a);

// 1-5 for a graded subject; «зач»/«незач» for a pass/fail one; «н/а» (not
// attested) and «осв» (exempt) for both.
bool IsMarkValue(std::string_view value, Assessment assessment);
// 1..5 for a numeric mark; none for the special ones.
std::optional<int> NumericMark(std::string_view value);

struct WeightedMark {
  std::string value;
  int weight = 1;
};

struct Averages {
  int count = 0;        // numeric marks
  double plain = 0;     // arithmetic mean of the numeric marks
  double weighted = 0;  // sum(value * weight) / sum(weight)
};
// Special marks don't count. With no numeric mark, count is 0 and both are 0.
Averages ComputeAverages(const std::vector<WeightedMark>& marks);

// The period mark the weighted average points to: rounded up from
// `rounding_from` hundredths (50: 3.50 -> 4, 3.49 -> 3; 60: 3.59 -> 3).
// None without numeric marks.
std::optional<int> Forecast(const Averages& a, int rounding_from);

// A mark's deadline in days after the lesson for a grade: the work type's
// own, or the longer (or shorter) term a grade band gives it.
struct GradeDeadline {
  int grade_from = 1;
  int grade_to = 11;
  int days = 0;
};
int MarkDeadlineDays(int default_days, const std::vector<GradeDeadline>& by_grade, int grade);

// Whole days from `from` to `to` ("YYYY-MM-DD"); negative when `to` is earlier.
std::optional<int> DaysBetween(std::string_view from, std::string_view to);

}  // namespace ej::domain
