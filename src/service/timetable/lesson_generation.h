// The dated lessons generated from the weekly slots over the year's teaching
// days, and kept in line with them when a template, the calendar or the bells
// change. A lesson someone changed or wrote into is never deleted: it is
// kept where it still fits, or retired with its record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/timetable.h"
#include "service/timetable/lesson_rows.h"
#include "service/timetable/template_service.h"
#include "storage/database.h"

namespace ej::service::timetable {

// The grades whose calendar a class's or group's lessons follow (a group
// across classes: its members' grades), smallest first.
std::vector<int> TargetGrades(storage::Connection& conn, domain::LessonTarget target);

// After the calendar or the bells of a year changed: the lessons from
// `from` on are brought in line with the slots (new teaching days get their
// lessons, lessons on days off go or, with a history, are retired, times
// follow the bells). Past lessons stay. `problems` lists slots the bells no
// longer have (the caller refuses the change then).
struct ResyncOutcome {
  int created = 0;
  int removed = 0;
  int retired = 0;
  int retimed = 0;
  std::vector<std::string> problems;
};
ResyncOutcome Resync(storage::Connection& conn, int64_t year_id, const std::string& from, int64_t now);

// The template's slots in force on `day`, with the times of their bells.
std::vector<SlotView> LoadSlots(storage::Connection& conn, const TargetInfo& t, const std::string& day,
                                const std::vector<domain::BellSchedule>& bells);

struct Candidate {
  domain::PlacedLesson placed;
  size_t slot = 0;  // index into the change's slots
  int64_t subject_id = 0;
};

// The lessons `change` gives the target from its first day to the year's end.
std::vector<Candidate> Generate(const TargetInfo& t, const TemplateChange& change, const domain::YearCalendar& calendar,
                                const std::vector<domain::BellSchedule>& bells);

struct Outcome {
  int created = 0;
  int kept = 0;
  int retired = 0;
};

// Writes the change: closes the slots that held, opens the new ones, and
// replaces the target's lessons from valid_from on. Lessons with a history
// that still fit a new lesson are kept; those that don't are retired.
Outcome Write(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
              std::vector<Candidate> candidates, int64_t user_id, int64_t now);

}  // namespace ej::service::timetable
