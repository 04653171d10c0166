#include "domain/bells.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

constexpr unsigned kMonFri = WeekdayBit(1) | WeekdayBit(2) | WeekdayBit(3) | WeekdayBit(4) | WeekdayBit(5);

BellSchedule Main() {
  BellSchedule s{"Основное", 1, kMonFri, {}};
  const char* times[][2] = {{"08:30", "09:15"}, {"09:25", "10:10"}, {"10:30", "11:15"}, {"11:35", "12:20"}};
  for (int i = 0; i < 4; ++i) s.lessons.push_back({i + 1, *ParseTimeOfDay(times[i][0]), *ParseTimeOfDay(times[i][1])});
  return s;
}

TEST(BellsTest, Times) {
  EXPECT_EQ(ParseTimeOfDay("08:30"), 510);
  EXPECT_EQ(FormatTimeOfDay(510), "08:30");
  for (const char* bad : {"8:30", "24:00", "12:60", "12-30", "", "ab:cd", "12:3x"}) {
    EXPECT_FALSE(ParseTimeOfDay(bad).has_value()) << bad;
  }
}

TEST(BellsTest, ValidAndBrokenSchedules) {
  EXPECT_TRUE(CheckBellSchedules({Main()}).empty());
  BellSchedule saturday{"Суббота", 1, WeekdayBit(6), Main().lessons};
  BellSchedule second_shift{"Вторая смена", 2, kMonFri, Main().lessons};
  EXPECT_TRUE(CheckBellSchedules({Main(), saturday, second_shift}).empty());

  static const struct {
    const char* what;
    void (*change)(std::vector<BellSchedule>&);
    const char* fragment;
  } kCases[] = {
      {"overlap", [](auto& v) { v[0].lessons[1].starts_at = v[0].lessons[0].ends_at - 5; }, "начинается раньше"},
      {"too short", [](auto& v) { v[0].lessons[0].ends_at = v[0].lessons[0].starts_at + 10; }, "от 20 до 90"},
      {"duplicate number", [](auto& v) { v[0].lessons[1].number = 1; }, "указан дважды"},
      {"same days twice",
       [](auto& v) {
         v.push_back(Main());
         v[1].name = "Другое";
       },
       "в одни и те же дни"},
      {"no days", [](auto& v) { v[0].weekdays = 0; }, "дни недели"},
      {"third shift", [](auto& v) { v[0].shift = 3; }, "смена"},
      {"no lessons", [](auto& v) { v[0].lessons.clear(); }, "нет ни одного урока"},
  };
  for (const auto& c : kCases) {
    std::vector<BellSchedule> v = {Main()};
    c.change(v);
    auto problems = CheckBellSchedules(v);
    ASSERT_FALSE(problems.empty()) << c.what;
    bool found = false;
    for (const auto& p : problems) found = found || p.find(c.fragment) != std::string::npos;
    EXPECT_TRUE(found) << c.what << ": " << problems.front();
  }
}

}  // namespace
}  // namespace ej::domain
