// The timetable (R-ORG-4): a weekly template of slots per class or group,
// dated lessons generated from it, and the rule that nobody is in two
// places at once: a teacher, a room, a class, a student.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/bells.h"
#include "domain/calendar.h"

namespace ej::domain {

// Who a lesson is for: a whole class or a group (subgroup, learning group,
// club, ГПД, individual curriculum).
struct LessonTarget {
  enum class Kind { kClass, kGroup };
  Kind kind = Kind::kClass;
  int64_t id = 0;

  static LessonTarget Class(int64_t id) { return {Kind::kClass, id}; }
  static LessonTarget Group(int64_t id) { return {Kind::kGroup, id}; }
  bool operator==(const LessonTarget&) const = default;
  auto operator<=>(const LessonTarget&) const = default;
};

enum class GroupKind { kSubgroup, kLearning, kExtracurricular, kAfterSchool, kIndividual };
std::string_view ToString(GroupKind kind);
std::optional<GroupKind> ParseGroupKind(std::string_view text);
// «подгруппа», «учебная группа», ... for messages.
std::string_view Describe(GroupKind kind);

enum class LessonStatus { kPlanned, kSubstituted, kCancelled, kMoved };
std::string_view ToString(LessonStatus status);
std::optional<LessonStatus> ParseLessonStatus(std::string_view text);
// The lesson takes place at its date: planned or substituted, and not retired
// by a change of the timetable (a cancelled lesson does not; a moved one takes
// place as the new lesson it was moved to). Marks, attendance and records are
// written only into held lessons. service/common/sql.h says the same in SQL.
bool IsHeld(LessonStatus status, bool retired);

// One slot of the weekly template.
struct TemplateSlot {
  int weekday = 1;  // ISO: 1 = Monday .. 7 = Sunday
  int lesson_number = 1;
  int64_t subject_id = 0;
  int64_t teacher_id = 0;
  std::optional<int64_t> room_id;
};

// The bell of a lesson number on a weekday in a shift; nullopt if the bell
// schedules of the year have no such lesson.
std::optional<BellLesson> FindBell(const std::vector<BellSchedule>& schedules, int shift, int iso_weekday,
                                   int lesson_number);

// What is wrong with a template itself, in Russian (days outside the
// working week, lesson numbers the bells don't have); empty if none.
std::vector<std::string> CheckTemplate(const std::vector<TemplateSlot>& slots, int working_days, int shift,
                                       const std::vector<BellSchedule>& bells);

// The days from `from` to `to` (inclusive) on which lessons are held for
// one of `grades` (any of them: a group across grades meets if one of its
// grades studies), by the year's calendar: working days, not vacations or
// holidays, within the grade's study periods once it has any.
std::vector<Date> TeachingDays(const YearCalendar& calendar, const std::vector<int>& grades, Date from, Date to);

// A lesson at a time, as the conflict rule sees it.
struct PlacedLesson {
  int64_t id = 0;  // 0 for a lesson being planned
  LessonTarget target;
  // The class of a class lesson or of a subgroup; nullopt for groups across classes.
  std::optional<int64_t> class_id;
  bool subgroup = false;
  Date date;
  int lesson_number = 0;
  int starts_at = 0;  // minutes since midnight
  int ends_at = 0;
  int64_t teacher_id = 0;  // who actually teaches (the substitute, if any)
  std::optional<int64_t> room_id;
};

// A student's membership of a class or group over dates (ends inclusive).
struct Membership {
  int64_t student_id = 0;
  Date starts_on;
  std::optional<Date> ends_on;
};

// The members of classes and groups, to tell whether two lessons share a student.
class Rosters {
 public:
  void Add(LessonTarget target, Membership m) { members_[target].push_back(m); }
  // Sorted ids of the students of `target` on `day`.
  std::vector<int64_t> StudentsOn(LessonTarget target, Date day) const;

 private:
  std::map<LessonTarget, std::vector<Membership>> members_;
};

enum class ConflictKind { kTeacher, kRoom, kClass, kStudent };

struct Conflict {
  ConflictKind kind;
  size_t planned = 0;  // index into the planned lessons
  // The other lesson: an index into `existing`, or into `planned` if `among_planned`.
  size_t other = 0;
  bool among_planned = false;
  int64_t student_id = 0;  // kStudent: one of the students in both
};

// Conflicts of `planned` lessons with `existing` ones and among themselves:
// lessons at overlapping times on one day with the same teacher or room,
// of the same class (a class lesson and one of its subgroups count as the
// same class; two subgroups of a class do not), or sharing a student. Stops
// after `limit` conflicts.
std::vector<Conflict> FindConflicts(const std::vector<PlacedLesson>& planned, const std::vector<PlacedLesson>& existing,
                                    const Rosters& rosters, size_t limit = 20);

// «пн», «вт», ... for an ISO weekday.
std::string_view WeekdayShort(int iso_weekday);
// «14.10.2026».
std::string FormatDateRu(Date day);

}  // namespace ej::domain
