// The school calendar: the academic year, its study periods per grade
// (quarters, trimesters, halves), vacations and holidays, the working week;
// and the rules a calendar must satisfy before it is saved (R-ORG-1).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ej::domain {

using Date = date::sys_days;

// Strict "YYYY-MM-DD" (a real calendar date); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date day);

enum class PeriodKind { kQuarter, kTrimester, kHalf };
std::string_view ToString(PeriodKind kind);
std::optional<PeriodKind> ParsePeriodKind(std::string_view text);

enum class HolidayKind { kVacation, kHoliday };
std::string_view ToString(HolidayKind kind);
std::optional<HolidayKind> ParseHolidayKind(std::string_view text);

inline constexpr int kMinGrade = 1;
inline constexpr int kMaxGrade = 11;

struct StudyPeriod {
  int number = 0;    // 1, 2, ... within its grades
  std::string name;  // «1 четверть»
  PeriodKind kind = PeriodKind::kQuarter;
  Date starts_on;
  Date ends_on;  // inclusive
  int grade_from = kMinGrade;
  int grade_to = kMaxGrade;
};

// A span of days without lessons: vacations (каникулы) and public holidays,
// for some grades (the first graders' extra February week) or all.
struct Holiday {
  std::string name;
  HolidayKind kind = HolidayKind::kVacation;
  Date starts_on;
  Date ends_on;  // inclusive
  int grade_from = kMinGrade;
  int grade_to = kMaxGrade;
};

struct YearCalendar {
  Date starts_on;
  Date ends_on;          // inclusive
  int working_days = 5;  // 5: Monday-Friday, 6: Monday-Saturday
  std::vector<StudyPeriod> periods;
  std::vector<Holiday> holidays;
};

// A lesson may be held on `day` for `grade`: a working weekday, not in a
// vacation or holiday of that grade. (Periods are not consulted.)
bool IsTeachingDay(const YearCalendar& calendar, int grade, Date day);

// The year's own dates: start before end, at most 366 days; 5 or 6 days.
std::vector<std::string> CheckYearDates(Date starts_on, Date ends_on);

// Everything wrong with a calendar, in Russian, for people; empty if it may
// be saved. Periods of each grade must not overlap, must lie within the year,
// and together with the vacations cover every teaching day from the first
// period's start to the last period's end.
std::vector<std::string> CheckCalendar(const YearCalendar& calendar);

}  // namespace ej::domain
