#include "domain/calendar.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// The usual Russian year: quarters for 1-9, halves for 10-11, vacations between.
YearCalendar Typical() {
  YearCalendar c;
  c.starts_on = D("2026-09-01");
  c.ends_on = D("2027-08-31");
  c.periods = {
      {1, "1 четверть", PeriodKind::kQuarter, D("2026-09-01"), D("2026-10-24"), 1, 9},
      {2, "2 четверть", PeriodKind::kQuarter, D("2026-11-05"), D("2026-12-28"), 1, 9},
      {3, "3 четверть", PeriodKind::kQuarter, D("2027-01-12"), D("2027-03-20"), 1, 9},
      {4, "4 четверть", PeriodKind::kQuarter, D("2027-03-30"), D("2027-05-26"), 1, 9},
      {1, "1 полугодие", PeriodKind::kHalf, D("2026-09-01"), D("2026-12-28"), 10, 11},
      {2, "2 полугодие", PeriodKind::kHalf, D("2027-01-12"), D("2027-05-26"), 10, 11},
  };
  c.holidays = {
      {"Осенние каникулы", HolidayKind::kVacation, D("2026-10-25"), D("2026-11-04"), 1, 11},
      {"Зимние каникулы", HolidayKind::kVacation, D("2026-12-29"), D("2027-01-11"), 1, 11},
      {"Весенние каникулы", HolidayKind::kVacation, D("2027-03-21"), D("2027-03-29"), 1, 11},
  };
  return c;
}

TEST(CalendarTest, Dates) {
  EXPECT_EQ(FormatDate(D("2027-02-28")), "2027-02-28");
  for (const char* bad : {"2027-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-01x",
                          "2026-00-10", "2026-01-32"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseDate("2028-02-29").has_value());
}

TEST(CalendarTest, ATypicalYearIsValid) {
  auto problems = CheckCalendar(Typical());
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(CalendarTest, TeachingDays) {
  YearCalendar c = Typical();
  EXPECT_TRUE(IsTeachingDay(c, 5, D("2026-09-01")));   // Tuesday
  EXPECT_FALSE(IsTeachingDay(c, 5, D("2026-09-05")));  // Saturday, 5-day week
  c.working_days = 6;
  EXPECT_TRUE(IsTeachingDay(c, 5, D("2026-09-05")));
  EXPECT_FALSE(IsTeachingDay(c, 5, D("2026-09-06")));  // Sunday
  EXPECT_FALSE(IsTeachingDay(c, 5, D("2026-10-27")));  // autumn vacation
}

TEST(CalendarTest, Problems) {
  static const struct {
    const char* what;
    void (*change)(YearCalendar&);
    const char* expected;  // a fragment of the first problem
  } kCases[] = {
      {"overlap", [](YearCalendar& c) { c.periods[1].starts_on = D("2026-10-20"); }, "пересекаются"},
      {"gap without vacation", [](YearCalendar& c) { c.holidays.erase(c.holidays.begin()); },
       "не входит ни в один период"},
      {"outside the year", [](YearCalendar& c) { c.periods[3].ends_on = D("2027-09-10"); }, "выходит за границы"},
      {"reversed period", [](YearCalendar& c) { c.periods[0].ends_on = D("2026-08-01"); }, "заканчивается раньше"},
      {"grades uncovered",
       [](YearCalendar& c) {
         c.periods[4].grade_to = 10;
         c.periods[5].grade_to = 10;
       },
       "для 11 класса"},
      {"bad grades", [](YearCalendar& c) { c.periods[0].grade_to = 12; }, "от 1 до 11"},
      {"working week", [](YearCalendar& c) { c.working_days = 7; }, "пятидневной или шестидневной"},
      {"year reversed", [](YearCalendar& c) { c.ends_on = D("2026-01-01"); }, "заканчиваться позже"},
      {"nameless", [](YearCalendar& c) { c.periods[0].name.clear(); }, "нет названия"},
  };
  for (const auto& k : kCases) {
    YearCalendar c = Typical();
    k.change(c);
    auto problems = CheckCalendar(c);
    ASSERT_FALSE(problems.empty()) << k.what;
    bool found = false;
    for (const auto& p : problems) found = found || p.find(k.expected) != std::string::npos;
    EXPECT_TRUE(found) << k.what << ": " << problems.front();
  }
}

TEST(CalendarTest, AGapOnAWeekendOnlyIsFine) {
  YearCalendar c = Typical();
  // Q1 ends on Friday 2026-10-23; Saturday and Sunday are no teaching days.
  c.periods[0].ends_on = D("2026-10-23");
  EXPECT_TRUE(CheckCalendar(c).empty());
  c.working_days = 6;  // now Saturday 24th is a teaching day left out
  EXPECT_FALSE(CheckCalendar(c).empty());
}

TEST(CalendarTest, KindStrings) {
  for (PeriodKind k : {PeriodKind::kQuarter, PeriodKind::kTrimester, PeriodKind::kHalf}) {
    EXPECT_EQ(ParsePeriodKind(ToString(k)), k);
  }
  EXPECT_EQ(ParseHolidayKind("vacation"), HolidayKind::kVacation);
  EXPECT_FALSE(ParsePeriodKind("semester").has_value());
}

}  // namespace
}  // namespace ej::domain
