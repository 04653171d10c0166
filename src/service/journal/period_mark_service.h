// Period, year, exam and final marks (R-MARK-7, R-MARK-8): set once by a
// teacher of the journal in the period's last week; changed afterwards only
// by a deputy director, on the teacher's written explanation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

// What the teacher's explanation to the director says (seed 001, 1.5): who
// asks, the date it is about, and why. Class, subject and the change itself
// come from the mark.
struct PeriodMarkExplanation {
  int64_t teacher_id = 0;
  std::string date;
  std::string reason;
};

class PeriodMarkService {
 public:
  explicit PeriodMarkService(const Clock& clock) : clock_(clock) {}

  // A period mark ("period"), or in the journal of the year's last period
  // the year's, exam's or final one: by a teacher of the journal in the last
  // week of the period (up to the school's late limit after it). Once set,
  // only a deputy changes it.
  domain::Result<PeriodMarkView> SetPeriodMark(storage::Connection& conn, const domain::Actor& actor,
                                               int64_t journal_id, int64_t student_id, const std::string& kind,
                                               const std::string& value, const std::optional<std::string>& document);
  domain::Result<PeriodMarkView> CorrectPeriodMark(storage::Connection& conn, const domain::Actor& actor,
                                                   int64_t period_mark_id, const std::string& value,
                                                   int expected_version, const PeriodMarkExplanation& why);
  // For the journal's readers, the student and their parents.
  domain::Result<std::pair<PeriodMarkView, std::vector<events::StoredEvent>>> PeriodMarkHistory(
      storage::Connection& conn, const domain::Actor& actor, int64_t period_mark_id);

 private:
  const Clock& clock_;
};

namespace period_marks {
// "SELECT <a period mark's columns> FROM period_marks pm": add a WHERE on pm.
const std::string& SelectSql();
PeriodMarkView Read(const storage::Row& row);
}  // namespace period_marks

}  // namespace ej::service
