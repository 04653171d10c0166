#include "domain/bells.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

namespace ej::domain {

std::optional<int> ParseTimeOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0;
  int m = 0;
  auto r1 = std::from_chars(text.data(), text.data() + 2, h);
  auto r2 = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (r1.ec != std::errc() || r1.ptr != text.data() + 2 || r2.ec != std::errc() || r2.ptr != text.data() + 5) {
    return std::nullopt;
  }
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string FormatTimeOfDay(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
  return buf;
}

std::vector<std::string> CheckBellSchedules(const std::vector<BellSchedule>& schedules) {
  std::vector<std::string> problems;
  constexpr unsigned kAllDays = 0xFEu;  // bits 1..7
  for (const auto& s : schedules) {
    const std::string label = "«" + s.name + "»";
    if (s.name.empty()) problems.push_back("у расписания звонков нет названия");
    if (s.shift != 1 && s.shift != 2) problems.push_back(label + ": смена может быть только первой или второй");
    if (s.weekdays == 0 || (s.weekdays & ~kAllDays) != 0) problems.push_back(label + ": не выбраны дни недели");
    if (s.lessons.empty()) problems.push_back(label + ": нет ни одного урока");
    std::vector<BellLesson> lessons = s.lessons;
    std::sort(lessons.begin(), lessons.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
    std::set<int> numbers;
    for (size_t i = 0; i < lessons.size(); ++i) {
      const auto& l = lessons[i];
      const std::string lesson = label + ", урок " + std::to_string(l.number);
      if (l.number < 0 || l.number > 12) problems.push_back(lesson + ": номер урока должен быть от 0 до 12");
      if (!numbers.insert(l.number).second) problems.push_back(lesson + " указан дважды");
      const int length = l.ends_at - l.starts_at;
      if (length < 20 || length > 90) problems.push_back(lesson + ": урок должен длиться от 20 до 90 минут");
      if (i > 0 && l.starts_at < lessons[i - 1].ends_at) {
        problems.push_back(lesson + " начинается раньше, чем заканчивается урок " +
                           std::to_string(lessons[i - 1].number));
      }
    }
  }
  for (size_t i = 0; i < schedules.size(); ++i) {
    for (size_t j = i + 1; j < schedules.size(); ++j) {
      if (schedules[i].shift == schedules[j].shift && (schedules[i].weekdays & schedules[j].weekdays) != 0) {
        problems.push_back("расписания «" + schedules[i].name + "» и «" + schedules[j].name +
                           "» одной смены действуют в одни и те же дни");
      }
    }
  }
  return problems;
}

}  // namespace ej::domain
