// The class journal (R-LES, R-MARK): one per class or group, subject and
// study period. Its grid holds the students of the period down and the
// lessons across, with the marks and the averages (plain, weighted, and the
// forecast of the period mark by the school's rounding rule).
//
// Who opens a journal: the school's director and deputies, the class teacher
// of its class, and every teacher who teaches (or stood in for) one of its
// lessons. Writing is per lesson: only the teacher who teaches that lesson.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/timetable.h"
#include "service/common/clock.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

class JournalService {
 public:
  explicit JournalService(const Clock& clock) : clock_(clock) {}

  // The journals of the year containing `date` (default today) the actor may open.
  domain::Result<std::vector<JournalSummary>> List(storage::Connection& conn, const domain::Actor& actor,
                                                   int64_t school_id, const std::string& date);
  domain::Result<JournalGrid> Grid(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id);
  // The lesson must be one of the journal's.
  domain::Result<int64_t> LessonOf(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                   int64_t lesson_id);

 private:
  const Clock& clock_;
};

namespace journals {

// Makes the journals every class and group with lessons in the year needs
// (one per subject and study period of its grade). Idempotent; runs in the
// caller's transaction after lessons change; `target`: only its journals.
void Ensure(storage::Connection& conn, int64_t year_id, std::optional<domain::LessonTarget> target = std::nullopt);
// Every year's journals, in a transaction of its own (after migrations:
// databases whose lessons predate the journals).
void EnsureAll(storage::Connection& conn);

}  // namespace journals

}  // namespace ej::service
