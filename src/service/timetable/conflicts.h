// Whether lessons clash: a teacher, a room, a class or a student in two
// places at once (domain::FindConflicts), with the school's live lessons read
// from the database and the clash told in Russian.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/timetable.h"
#include "storage/database.h"

namespace ej::service::timetable {

// Every live lesson of a school between two dates, as the conflict rule sees
// them, and the rosters of its classes and groups (for tests and checks).
std::vector<domain::PlacedLesson> PlacedLessons(storage::Connection& conn, int64_t school_id, const std::string& from,
                                                const std::string& to);
domain::Rosters SchoolRosters(storage::Connection& conn, int64_t school_id, int64_t year_id);

// Conflicts of `planned` with the school's other live lessons (excluding
// the ids in `except`); an error naming them, or Ok.
domain::Status CheckConflicts(storage::Connection& conn, int64_t school_id, int64_t year_id,
                              const std::vector<domain::PlacedLesson>& planned,
                              const std::vector<int64_t>& planned_subjects, const std::set<int64_t>& except);

}  // namespace ej::service::timetable
