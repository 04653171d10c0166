// Attendance (R-ATT): the lesson's teacher marks a student absent or late at
// a held lesson; the class teacher gives the reason of a student's absences.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

class AttendanceService {
 public:
  explicit AttendanceService(const Clock& clock) : clock_(clock) {}

  // Absent or late at a held lesson (kind "present" takes the mark back), by
  // its teacher.
  domain::Result<AttendanceView> MarkAttendance(storage::Connection& conn, const domain::Actor& actor,
                                                int64_t lesson_id, int64_t student_id, const std::string& kind);
  // The class teacher's reason for a student's absences from `from` to `to`:
  // every held lesson of those days the student missed gets it (lessons
  // nobody marked become absences with the reason). Returns how many.
  domain::Result<int> SetAbsenceReason(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                       const std::string& from, const std::string& to, const std::string& reason);

 private:
  const Clock& clock_;
};

namespace attendance {
// "SELECT <an attendance entry's columns> FROM attendance a JOIN lessons l ...":
// add a WHERE on a or l; Read makes the view of each row.
const std::string& SelectSql();
AttendanceView Read(const storage::Row& row);
bool Removed(const storage::Row& row);
}  // namespace attendance

}  // namespace ej::service
