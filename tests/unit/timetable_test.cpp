#include "domain/timetable.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

Date D(const char* text) { return *ParseDate(text); }

PlacedLesson At(LessonTarget target, int64_t teacher, std::optional<int64_t> room, int starts = 510, int ends = 555,
                const char* day = "2026-11-23") {
  PlacedLesson p;
  p.target = target;
  if (target.kind == LessonTarget::Kind::kClass) p.class_id = target.id;
  p.date = D(day);
  p.lesson_number = 1;
  p.starts_at = starts;
  p.ends_at = ends;
  p.teacher_id = teacher;
  p.room_id = room;
  return p;
}

PlacedLesson Subgroup(int64_t group, int64_t of_class, int64_t teacher, std::optional<int64_t> room) {
  PlacedLesson p = At(LessonTarget::Group(group), teacher, room);
  p.class_id = of_class;
  p.subgroup = true;
  return p;
}

std::vector<ConflictKind> Kinds(const std::vector<Conflict>& conflicts) {
  std::vector<ConflictKind> out;
  for (const auto& c : conflicts) out.push_back(c.kind);
  return out;
}

TEST(TimetableTest, OnlyPlannedAndSubstitutedLiveLessonsAreHeld) {
  static const struct {
    LessonStatus status;
    bool retired;
    bool held;
  } kCases[] = {
      {LessonStatus::kPlanned, false, true},    {LessonStatus::kSubstituted, false, true},
      {LessonStatus::kCancelled, false, false}, {LessonStatus::kMoved, false, false},
      {LessonStatus::kPlanned, true, false},    {LessonStatus::kSubstituted, true, false},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(IsHeld(c.status, c.retired), c.held) << ToString(c.status) << " retired=" << c.retired;
  }
}

TEST(TimetableTest, NobodyIsInTwoPlacesAtOnce) {
  const Rosters none;
  const auto c5a = LessonTarget::Class(1);
  const auto c5b = LessonTarget::Class(2);
  // Same teacher, same room, same class: each refused.
  EXPECT_EQ(Kinds(FindConflicts({At(c5a, 10, 100)}, {At(c5b, 10, 101)}, none)), std::vector{ConflictKind::kTeacher});
  EXPECT_EQ(Kinds(FindConflicts({At(c5a, 10, 100)}, {At(c5b, 11, 100)}, none)), std::vector{ConflictKind::kRoom});
  EXPECT_EQ(Kinds(FindConflicts({At(c5a, 10, 100)}, {At(c5a, 11, 101)}, none)), std::vector{ConflictKind::kClass});
  // Different classes, teachers and rooms at once: fine. No room given: no room clash.
  EXPECT_TRUE(FindConflicts({At(c5a, 10, 100)}, {At(c5b, 11, 101)}, none).empty());
  EXPECT_TRUE(FindConflicts({At(c5a, 10, std::nullopt)}, {At(c5b, 11, std::nullopt)}, none).empty());
  // Times that only touch don't overlap; another day never clashes.
  EXPECT_TRUE(FindConflicts({At(c5a, 10, 100, 510, 555)}, {At(c5b, 10, 100, 555, 600)}, none).empty());
  EXPECT_TRUE(FindConflicts({At(c5a, 10, 100)}, {At(c5b, 10, 100, 510, 555, "2026-11-24")}, none).empty());
  // Shifts: the same lesson number at other times is no clash, overlapping times are.
  EXPECT_TRUE(FindConflicts({At(c5a, 10, 100, 510, 555)}, {At(c5b, 10, 100, 800, 845)}, none).empty());
  EXPECT_EQ(FindConflicts({At(c5a, 10, 100, 510, 555)}, {At(c5b, 10, 100, 540, 585)}, none).size(), 1u);
}

TEST(TimetableTest, SubgroupsOfAClassStudyAtOnceButNotWithTheWholeClass) {
  const Rosters none;
  const auto g1 = Subgroup(21, 1, 10, 100);
  const auto g2 = Subgroup(22, 1, 11, 101);
  EXPECT_TRUE(FindConflicts({g1}, {g2}, none).empty());
  EXPECT_EQ(Kinds(FindConflicts({g1}, {At(LessonTarget::Class(1), 12, 102)}, none)), std::vector{ConflictKind::kClass});
  // A subgroup of another class is no concern of this class.
  EXPECT_TRUE(FindConflicts({Subgroup(23, 2, 12, 102)}, {At(LessonTarget::Class(1), 13, 103)}, none).empty());
}

TEST(TimetableTest, AStudentInTwoGroupsAtOnceIsAClash) {
  Rosters rosters;
  const auto elective = LessonTarget::Group(30);
  const auto club = LessonTarget::Group(31);
  rosters.Add(elective, {7, D("2026-09-01"), std::nullopt});
  rosters.Add(club, {7, D("2026-09-01"), D("2026-11-22")});  // left the club on 22 November
  rosters.Add(LessonTarget::Class(1), {7, D("2026-09-01"), std::nullopt});
  const auto e = At(elective, 10, 100);
  PlacedLesson c = At(club, 11, 101, 510, 555, "2026-11-20");
  PlacedLesson e20 = At(elective, 10, 100, 510, 555, "2026-11-20");
  auto conflicts = FindConflicts({e20}, {c}, rosters);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, ConflictKind::kStudent);
  EXPECT_EQ(conflicts[0].student_id, 7);
  // After leaving, no clash.
  EXPECT_TRUE(FindConflicts({e}, {At(club, 11, 101)}, rosters).empty());
  // The elective against the student's own class lesson.
  EXPECT_EQ(Kinds(FindConflicts({e}, {At(LessonTarget::Class(1), 12, 102)}, rosters)),
            std::vector{ConflictKind::kStudent});
}

TEST(TimetableTest, ConflictsAmongThePlannedLessonsThemselves) {
  const Rosters none;
  auto conflicts = FindConflicts({At(LessonTarget::Class(1), 10, 100), At(LessonTarget::Class(2), 10, 101)}, {}, none);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_TRUE(conflicts[0].among_planned);
  EXPECT_EQ(conflicts[0].other, 1u);
}

TEST(TimetableTest, BellsAndTemplates) {
  BellSchedule first{"1 смена",
                     1,
                     WeekdayBit(1) | WeekdayBit(2) | WeekdayBit(3) | WeekdayBit(4) | WeekdayBit(5),
                     {{1, 510, 555}, {2, 565, 610}}};
  BellSchedule saturday{"Суббота", 1, WeekdayBit(6), {{1, 540, 580}}};
  const std::vector<BellSchedule> bells{first, saturday};
  EXPECT_EQ(FindBell(bells, 1, 6, 1)->starts_at, 540);
  EXPECT_EQ(FindBell(bells, 1, 1, 2)->ends_at, 610);
  EXPECT_FALSE(FindBell(bells, 1, 6, 2));
  EXPECT_FALSE(FindBell(bells, 2, 1, 1));  // no second shift
  EXPECT_TRUE(CheckTemplate({{1, 1, 5, 6, std::nullopt}, {6, 1, 5, 6, std::nullopt}}, 6, 1, bells).empty());
  auto problems = CheckTemplate({{6, 1, 5, 6, std::nullopt}, {2, 3, 5, 6, std::nullopt}}, 5, 1, bells);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("5-дневная"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("нет такого урока"), std::string::npos) << problems[1];
}

TEST(TimetableTest, TeachingDaysFollowTheGradesCalendar) {
  YearCalendar c;
  c.starts_on = D("2026-09-01");
  c.ends_on = D("2027-08-31");
  c.working_days = 5;
  c.holidays.push_back({"Дополнительные каникулы", HolidayKind::kVacation, D("2027-02-15"), D("2027-02-21"), 1, 1});
  // Monday 15 February: a holiday for the first grade only.
  EXPECT_TRUE(TeachingDays(c, {1}, D("2027-02-15"), D("2027-02-15")).empty());
  EXPECT_EQ(TeachingDays(c, {2}, D("2027-02-15"), D("2027-02-15")).size(), 1u);
  // A group of first and second graders meets.
  EXPECT_EQ(TeachingDays(c, {1, 2}, D("2027-02-15"), D("2027-02-15")).size(), 1u);
  // A week: five days; the span is clipped to the year.
  EXPECT_EQ(TeachingDays(c, {5}, D("2026-11-23"), D("2026-11-29")).size(), 5u);
  EXPECT_EQ(TeachingDays(c, {5}, D("2026-08-25"), D("2026-09-01")).size(), 1u);
  // With study periods a grade studies only within them: no lessons in the summer.
  c.periods.push_back({1, "1 полугодие", PeriodKind::kHalf, D("2026-09-01"), D("2026-12-28"), 5, 9});
  c.periods.push_back({2, "2 полугодие", PeriodKind::kHalf, D("2027-01-12"), D("2027-05-26"), 5, 9});
  EXPECT_EQ(TeachingDays(c, {5}, D("2027-05-24"), D("2027-06-04")).size(), 3u);  // 24-26 May
  EXPECT_TRUE(TeachingDays(c, {5}, D("2026-12-29"), D("2027-01-11")).empty());
  // A grade without periods yet keeps the year's working days.
  EXPECT_EQ(TeachingDays(c, {10}, D("2027-06-07"), D("2027-06-11")).size(), 5u);
}

TEST(TimetableTest, NamesRoundTrip) {
  for (auto k : {GroupKind::kSubgroup, GroupKind::kLearning, GroupKind::kExtracurricular, GroupKind::kAfterSchool,
                 GroupKind::kIndividual}) {
    EXPECT_EQ(ParseGroupKind(ToString(k)), k);
  }
  for (auto s : {LessonStatus::kPlanned, LessonStatus::kSubstituted, LessonStatus::kCancelled, LessonStatus::kMoved}) {
    EXPECT_EQ(ParseLessonStatus(ToString(s)), s);
  }
  EXPECT_FALSE(ParseGroupKind("class"));
  EXPECT_EQ(FormatDateRu(D("2026-09-01")), "01.09.2026");
  EXPECT_EQ(WeekdayShort(1), "пн");
}

}  // namespace
}  // namespace ej::domain
