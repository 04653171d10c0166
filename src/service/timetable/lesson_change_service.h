// Changes of one dated lesson by the administration (R-ORG-4): a substitute,
// a cancellation, a move, and back to the timetable; each records who, when
// and why, and is refused where it would make a clash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/timetable/timetable_service.h"
#include "storage/database.h"

namespace ej::service {

class LessonChangeService {
 public:
  explicit LessonChangeService(const Clock& clock) : clock_(clock) {}

  // The administration. Each records who, when and why.
  domain::Result<LessonDetail> Substitute(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                          int64_t teacher_id, std::optional<int64_t> room_id,
                                          const std::optional<std::string>& reason);
  domain::Result<LessonDetail> Cancel(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                      const std::optional<std::string>& reason);
  domain::Result<LessonDetail> Move(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                    const std::string& date, int lesson_number, std::optional<int64_t> room_id,
                                    const std::optional<std::string>& reason);
  // Back to the timetable: undoes a substitution, cancellation or move.
  domain::Result<LessonDetail> Restore(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                       const std::optional<std::string>& reason);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
