#include "domain/calendar.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ej::domain {
namespace {

std::string Grades(int from, int to) {
  return from == to ? std::to_string(from) + " класса" : std::to_string(from) + "–" + std::to_string(to) + " классов";
}

bool Within(Date day, Date from, Date to) { return from <= day && day <= to; }

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto digits = [&](size_t at, size_t len, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && end == text.data() + at + len;
  };
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok() || y < 1900 || y > 2999) return std::nullopt;
  return Date{ymd};
}

std::string FormatDate(Date day) {
  date::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string_view ToString(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kTrimester:
      return "trimester";
    case PeriodKind::kHalf:
      return "half";
  }
  return "quarter";
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view text) {
  for (PeriodKind k : {PeriodKind::kQuarter, PeriodKind::kTrimester, PeriodKind::kHalf}) {
    if (ToString(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view ToString(HolidayKind kind) { return kind == HolidayKind::kVacation ? "vacation" : "holiday"; }

std::optional<HolidayKind> ParseHolidayKind(std::string_view text) {
  if (text == "vacation") return HolidayKind::kVacation;
  if (text == "holiday") return HolidayKind::kHoliday;
  return std::nullopt;
}

bool IsTeachingDay(const YearCalendar& c, int grade, Date day) {
  const unsigned weekday = date::weekday{day}.iso_encoding();  // 1 = Monday .. 7 = Sunday
  if (weekday > static_cast<unsigned>(c.working_days)) return false;
  return std::none_of(c.holidays.begin(), c.holidays.end(), [&](const Holiday& h) {
    return grade >= h.grade_from && grade <= h.grade_to && Within(day, h.starts_on, h.ends_on);
  });
}

std::vector<std::string> CheckYearDates(Date starts_on, Date ends_on) {
  std::vector<std::string> problems;
  if (ends_on <= starts_on) {
    problems.push_back("учебный год должен заканчиваться позже, чем начинается");
  } else if ((ends_on - starts_on).count() > 366) {
    problems.push_back("учебный год не может быть длиннее календарного");
  }
  return problems;
}

std::vector<std::string> CheckCalendar(const YearCalendar& c) {
  std::vector<std::string> problems = CheckYearDates(c.starts_on, c.ends_on);
  if (c.working_days != 5 && c.working_days != 6) {
    problems.push_back("учебная неделя может быть только пятидневной или шестидневной");
  }
  auto grades_ok = [](int from, int to) { return kMinGrade <= from && from <= to && to <= kMaxGrade; };
  for (const StudyPeriod& p : c.periods) {
    const std::string label = "период «" + p.name + "»";
    if (p.name.empty()) problems.push_back("у учебного периода нет названия");
    if (p.ends_on < p.starts_on) problems.push_back(label + " заканчивается раньше, чем начинается");
    if (!Within(p.starts_on, c.starts_on, c.ends_on) || !Within(p.ends_on, c.starts_on, c.ends_on)) {
      problems.push_back(label + " выходит за границы учебного года");
    }
    if (!grades_ok(p.grade_from, p.grade_to)) problems.push_back(label + ": классы должны быть от 1 до 11");
  }
  for (const Holiday& h : c.holidays) {
    const std::string label = "«" + h.name + "»";
    if (h.name.empty()) problems.push_back("у каникул или праздника нет названия");
    if (h.ends_on < h.starts_on) problems.push_back(label + " заканчивается раньше, чем начинается");
    if (!Within(h.starts_on, c.starts_on, c.ends_on) || !Within(h.ends_on, c.starts_on, c.ends_on)) {
      problems.push_back(label + " выходит за границы учебного года");
    }
    if (!grades_ok(h.grade_from, h.grade_to)) problems.push_back(label + ": классы должны быть от 1 до 11");
  }
  if (!problems.empty()) return problems;

  // Per grade: periods in order, no overlap, no teaching day left out. Grades
  // with the same periods and holidays give the same answer: report once.
  std::vector<std::string> seen;
  for (int grade = kMinGrade; grade <= kMaxGrade; ++grade) {
    std::vector<const StudyPeriod*> mine;
    for (const auto& p : c.periods) {
      if (grade >= p.grade_from && grade <= p.grade_to) mine.push_back(&p);
    }
    if (mine.empty()) {
      problems.push_back("для " + std::to_string(grade) + " класса не заданы учебные периоды");
      continue;
    }
    std::sort(mine.begin(), mine.end(),
              [](const StudyPeriod* a, const StudyPeriod* b) { return a->starts_on < b->starts_on; });
    for (size_t i = 1; i < mine.size(); ++i) {
      const StudyPeriod& prev = *mine[i - 1];
      const StudyPeriod& next = *mine[i];
      std::string problem;
      if (next.starts_on <= prev.ends_on) {
        problem = "периоды «" + prev.name + "» и «" + next.name + "» пересекаются (" +
                  Grades(std::max(prev.grade_from, next.grade_from), std::min(prev.grade_to, next.grade_to)) + ")";
      } else {
        for (Date day = prev.ends_on + date::days{1}; day < next.starts_on; day += date::days{1}) {
          if (IsTeachingDay(c, grade, day)) {
            problem = "учебный день " + FormatDate(day) + " между периодами «" + prev.name + "» и «" + next.name +
                      "» не входит ни в один период и не отмечен как каникулы (" + std::to_string(grade) + " класс)";
            break;
          }
        }
      }
      if (!problem.empty() && std::find(seen.begin(), seen.end(), problem) == seen.end()) {
        seen.push_back(problem);
        problems.push_back(problem);
      }
    }
  }
  return problems;
}

}  // namespace ej::domain
