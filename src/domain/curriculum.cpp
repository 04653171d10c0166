#include "domain/curriculum.h"

#include <algorithm>
#include <set>

namespace ej::domain {

std::string FormatHours(int half_hours) {
  std::string out = std::to_string(half_hours / 2);
  if (half_hours % 2) out += ".5";
  return out;
}

std::vector<std::string> CheckCurriculum(const std::vector<CurriculumLine>& lines, const CurriculumContext& context) {
  std::vector<std::string> problems;
  auto contains = [](const std::vector<int64_t>& ids, int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::set<int64_t> seen;
  int total = 0;
  for (const auto& line : lines) {
    const std::string subject = "предмет " + std::to_string(line.subject_id);
    if (!contains(context.school_subjects, line.subject_id)) {
      problems.push_back(subject + " не относится к этой школе");
      continue;
    }
    if (!seen.insert(line.subject_id).second) problems.push_back(subject + " указан дважды");
    if (line.half_hours_per_week < 1 || line.half_hours_per_week > kMaxHalfHoursPerWeek) {
      problems.push_back(subject + ": часов в неделю должно быть от 0.5 до " + FormatHours(kMaxHalfHoursPerWeek));
    }
    total += std::max(0, line.half_hours_per_week);
    std::set<int64_t> teachers;
    for (int64_t t : line.teacher_ids) {
      if (!contains(context.school_teachers, t)) {
        problems.push_back(subject + ": пользователь " + std::to_string(t) + " не учитель этой школы");
      } else if (!teachers.insert(t).second) {
        problems.push_back(subject + ": учитель " + std::to_string(t) + " указан дважды");
      }
    }
  }
  if (total > kMaxHalfHoursPerWeek) {
    problems.push_back("всего " + FormatHours(total) + " ч в неделю: больше допустимых " +
                       FormatHours(kMaxHalfHoursPerWeek));
  }
  return problems;
}

}  // namespace ej::domain
