// The demo school's journal up to yesterday: topics and homework, marks with
// realistic distributions (strong and weak students, control works for the
// whole class, no marks in grade 1), absences (illnesses of several days
// with their reason, single truancies, lateness), and the marks of study
// periods already over. Every entry is an event of the journal's chain, as
// if the teachers had typed it on the day; a few topics were entered late.
// The demo teacher's last week is left empty: for a visitor to fill in.
#pragma once

#include <cstdint>
#include <string>

#include "storage/database.h"

namespace ej::service::demo {

struct JournalStats {
  int records = 0;
  int marks = 0;
  int absences = 0;
  int period_marks = 0;
  int64_t events = 0;
};

// In the caller's transaction; `today` is "YYYY-MM-DD", `seed` makes it repeatable.
JournalStats FillJournal(storage::Connection& conn, int64_t school_id, const std::string& today, int64_t demo_teacher,
                         uint64_t seed);

}  // namespace ej::service::demo
