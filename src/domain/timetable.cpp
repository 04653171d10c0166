#include "domain/timetable.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>

namespace ej::domain {

std::string_view ToString(GroupKind kind) {
  switch (kind) {
    case GroupKind::kSubgroup:
      return "subgroup";
    case GroupKind::kLearning:
      return "learning";
    case GroupKind::kExtracurricular:
      return "extracurricular";
    case GroupKind::kAfterSchool:
      return "after_school";
    case GroupKind::kIndividual:
      return "individual";
  }
  return "subgroup";
}

std::optional<GroupKind> ParseGroupKind(std::string_view text) {
  for (GroupKind k : {GroupKind::kSubgroup, GroupKind::kLearning, GroupKind::kExtracurricular, GroupKind::kAfterSchool,
                      GroupKind::kIndividual}) {
    if (ToString(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view Describe(GroupKind kind) {
  switch (kind) {
    case GroupKind::kSubgroup:
      return "подгруппа";
    case GroupKind::kLearning:
      return "учебная группа";
    case GroupKind::kExtracurricular:
      return "кружок";
    case GroupKind::kAfterSchool:
      return "группа продлённого дня";
    case GroupKind::kIndividual:
      return "индивидуальный учебный план";
  }
  return "группа";
}

std::string_view ToString(LessonStatus status) {
  switch (status) {
    case LessonStatus::kPlanned:
      return "planned";
    case LessonStatus::kSubstituted:
      return "substituted";
    case LessonStatus::kCancelled:
      return "cancelled";
    case LessonStatus::kMoved:
      return "moved";
  }
  return "planned";
}

std::optional<LessonStatus> ParseLessonStatus(std::string_view text) {
  for (LessonStatus s :
       {LessonStatus::kPlanned, LessonStatus::kSubstituted, LessonStatus::kCancelled, LessonStatus::kMoved}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

bool IsHeld(LessonStatus status, bool retired) {
  return !retired && (status == LessonStatus::kPlanned || status == LessonStatus::kSubstituted);
}

std::optional<BellLesson> FindBell(const std::vector<BellSchedule>& schedules, int shift, int iso_weekday,
                                   int lesson_number) {
  for (const auto& s : schedules) {
    if (s.shift != shift || (s.weekdays & WeekdayBit(iso_weekday)) == 0) continue;
    for (const auto& l : s.lessons) {
      if (l.number == lesson_number) return l;
    }
  }
  return std::nullopt;
}

std::string_view WeekdayShort(int iso_weekday) {
  static constexpr std::string_view kNames[] = {"", "пн", "вт", "ср", "чт", "пт", "сб", "вс"};
  return iso_weekday >= 1 && iso_weekday <= 7 ? kNames[iso_weekday] : "?";
}

std::string FormatDateRu(Date day) {
  const date::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                static_cast<int>(ymd.year()));
  return buf;
}

std::vector<std::string> CheckTemplate(const std::vector<TemplateSlot>& slots, int working_days, int shift,
                                       const std::vector<BellSchedule>& bells) {
  std::vector<std::string> problems;
  for (const auto& s : slots) {
    const std::string where = std::string(WeekdayShort(s.weekday)) + ", урок " + std::to_string(s.lesson_number);
    if (s.weekday < 1 || s.weekday > 7) {
      problems.push_back("день недели должен быть от 1 (понедельник) до 7 (воскресенье)");
      continue;
    }
    if (s.weekday > working_days) {
      problems.push_back(where + ": в этом учебном году " + std::to_string(working_days) +
                         "-дневная неделя, в этот день уроков нет");
      continue;
    }
    if (!FindBell(bells, shift, s.weekday, s.lesson_number)) {
      problems.push_back(where + ": в расписании звонков " + std::to_string(shift) + "-й смены нет такого урока");
    }
  }
  return problems;
}

std::vector<Date> TeachingDays(const YearCalendar& calendar, const std::vector<int>& grades, Date from, Date to) {
  std::vector<Date> days;
  from = std::max(from, calendar.starts_on);
  to = std::min(to, calendar.ends_on);
  // Once a grade has its study periods, it studies only within them (not in the summer).
  const auto in_period = [&](int grade, Date d) {
    bool has_periods = false;
    for (const auto& p : calendar.periods) {
      if (grade < p.grade_from || grade > p.grade_to) continue;
      has_periods = true;
      if (p.starts_on <= d && d <= p.ends_on) return true;
    }
    return !has_periods;
  };
  for (Date d = from; d <= to; d += date::days{1}) {
    if (std::any_of(grades.begin(), grades.end(),
                    [&](int g) { return IsTeachingDay(calendar, g, d) && in_period(g, d); })) {
      days.push_back(d);
    }
  }
  return days;
}

std::vector<int64_t> Rosters::StudentsOn(LessonTarget target, Date day) const {
  std::vector<int64_t> out;
  auto it = members_.find(target);
  if (it == members_.end()) return out;
  for (const Membership& m : it->second) {
    if (m.starts_on <= day && (!m.ends_on || day <= *m.ends_on)) out.push_back(m.student_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

bool SameTime(const PlacedLesson& a, const PlacedLesson& b) {
  return a.date == b.date && a.starts_at < b.ends_at && b.starts_at < a.ends_at;
}

// Two lessons of one class: the same class target, or a class lesson and a
// subgroup of it (two subgroups of a class may study at once).
bool SameClass(const PlacedLesson& a, const PlacedLesson& b) {
  if (a.target == b.target) return true;
  if (!a.class_id || !b.class_id || *a.class_id != *b.class_id) return false;
  const bool a_whole = a.target.kind == LessonTarget::Kind::kClass;
  const bool b_whole = b.target.kind == LessonTarget::Kind::kClass;
  return (a_whole && b.subgroup) || (b_whole && a.subgroup);
}

// Whether the members of the two lessons can overlap at all beyond the
// class rule: a class and another class never share a student (a student
// is in one class on a day), nor do subgroups of different classes.
bool NeedsRosterCheck(const PlacedLesson& a, const PlacedLesson& b) {
  auto confined = [](const PlacedLesson& l) { return l.target.kind == LessonTarget::Kind::kClass || l.subgroup; };
  if (confined(a) && confined(b)) {
    // Two subgroups of the same class may share a member by mistake.
    return a.subgroup && b.subgroup && a.class_id == b.class_id;
  }
  return true;
}

std::optional<int64_t> SharedStudent(const PlacedLesson& a, const PlacedLesson& b, const Rosters& rosters) {
  const auto sa = rosters.StudentsOn(a.target, a.date);
  if (sa.empty()) return std::nullopt;
  const auto sb = rosters.StudentsOn(b.target, b.date);
  std::vector<int64_t> both;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
  if (both.empty()) return std::nullopt;
  return both.front();
}

std::optional<Conflict> Check(const PlacedLesson& a, const PlacedLesson& b, const Rosters& rosters) {
  if (!SameTime(a, b)) return std::nullopt;
  if (a.teacher_id == b.teacher_id) return Conflict{ConflictKind::kTeacher};
  if (a.room_id && b.room_id && *a.room_id == *b.room_id) return Conflict{ConflictKind::kRoom};
  if (SameClass(a, b)) return Conflict{ConflictKind::kClass};
  if (NeedsRosterCheck(a, b)) {
    if (auto student = SharedStudent(a, b, rosters)) {
      Conflict c{ConflictKind::kStudent};
      c.student_id = *student;
      return c;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Conflict> FindConflicts(const std::vector<PlacedLesson>& planned, const std::vector<PlacedLesson>& existing,
                                    const Rosters& rosters, size_t limit) {
  std::vector<Conflict> out;
  std::map<Date, std::vector<size_t>> existing_by_day;
  for (size_t i = 0; i < existing.size(); ++i) existing_by_day[existing[i].date].push_back(i);
  std::map<Date, std::vector<size_t>> planned_by_day;
  for (size_t i = 0; i < planned.size(); ++i) planned_by_day[planned[i].date].push_back(i);

  for (const auto& [day, indexes] : planned_by_day) {
    auto ex = existing_by_day.find(day);
    for (size_t k = 0; k < indexes.size(); ++k) {
      const size_t p = indexes[k];
      if (ex != existing_by_day.end()) {
        for (size_t e : ex->second) {
          if (auto c = Check(planned[p], existing[e], rosters)) {
            c->planned = p;
            c->other = e;
            out.push_back(*c);
            if (out.size() >= limit) return out;
          }
        }
      }
      for (size_t m = k + 1; m < indexes.size(); ++m) {
        if (auto c = Check(planned[p], planned[indexes[m]], rosters)) {
          c->planned = p;
          c->other = indexes[m];
          c->among_planned = true;
          out.push_back(*c);
          if (out.size() >= limit) return out;
        }
      }
    }
  }
  return out;
}

}  // namespace ej::domain
