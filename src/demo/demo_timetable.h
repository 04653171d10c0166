// A conflict-free weekly timetable for the demo school, built by a greedy
// placement: no teacher, room or class in two places at once, lessons of a
// class packed from the first lesson without gaps where it can be, a
// subject's hours spread over the week.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "domain/timetable.h"

namespace ej::service::demo {

// One teacher with one class or group in a lesson.
struct Part {
  domain::LessonTarget target;
  int64_t subject_id = 0;
  int64_t teacher_id = 0;
  std::vector<int64_t> rooms;  // any of these, the first free one
};

// Lessons held at the same time (a class, or its two language subgroups),
// `per_week` times a week.
struct Unit {
  std::vector<Part> parts;
  std::vector<int64_t> classes;  // whose students take part: none of them may be elsewhere
  int per_week = 1;
  int earliest = 1;  // the first lesson number it may take (electives after lessons)
};

struct WeekPlan {
  std::map<domain::LessonTarget, std::vector<domain::TemplateSlot>> slots;
  int unplaced = 0;  // lessons the greedy could not place
};

WeekPlan PlaceWeek(const std::vector<Unit>& units, int days, int lessons_per_day);

}  // namespace ej::service::demo
