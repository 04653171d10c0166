// The bell schedule (режим работы, R-ORG-4): lesson numbers with their start
// and end times, per shift and for the weekdays they apply to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ej::domain {

// Minutes since midnight from "HH:MM" (00:00..23:59); nullopt otherwise.
std::optional<int> ParseTimeOfDay(std::string_view text);
std::string FormatTimeOfDay(int minutes);

struct BellLesson {
  int number = 0;     // 0 («нулевой урок») .. 12
  int starts_at = 0;  // minutes since midnight
  int ends_at = 0;
};

struct BellSchedule {
  std::string name;  // «Основное расписание звонков»
  int shift = 1;     // 1 or 2
  // ISO weekdays it applies to: bit 1 = Monday .. bit 7 = Sunday.
  unsigned weekdays = 0;
  std::vector<BellLesson> lessons;
};

// The bit of an ISO weekday (1 = Monday .. 7 = Sunday) in BellSchedule::weekdays.
constexpr unsigned WeekdayBit(int iso_weekday) { return 1u << iso_weekday; }

// Everything wrong, in Russian; empty if the schedules of a year may be saved:
// lessons numbered uniquely, 20..90 minutes long, in order without overlaps;
// two schedules of one shift never share a weekday.
std::vector<std::string> CheckBellSchedules(const std::vector<BellSchedule>& schedules);

}  // namespace ej::domain
