// A student's progress in a study period (R-MARK-6): what the student and
// the parents see of the journals the student is in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/marks.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

// A student's marks in a study period, subject by subject, with the averages
// and the forecast of the period mark.
struct SubjectProgress {
  Named subject;
  std::vector<MarkView> marks;
  domain::Averages averages;
  std::optional<int> forecast;
  std::optional<std::string> period_mark;
};

struct StudentProgress {
  Named student;
  JournalPeriod period;
  std::vector<SubjectProgress> subjects;
};

class ProgressService {
 public:
  explicit ProgressService(const Clock& clock) : clock_(clock) {}

  // The student's marks of the study period containing `date` (default
  // today): for the student, the parents and the school's staff who see them.
  domain::Result<StudentProgress> Progress(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                           const std::string& date);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
