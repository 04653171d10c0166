// What the journal's rules need to know of a dated lesson: its school, day,
// class or group, who teaches it, whether it is held, how its subject is
// assessed; and whether a student attends it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/marks.h"
#include "storage/database.h"

namespace ej::service::lessons {

struct Facts {
  int64_t id = 0;
  int64_t school_id = 0;
  std::string date;
  int lesson_number = 0;
  int ends_at = 0;  // minutes since midnight
  std::optional<int64_t> class_id;
  std::optional<int64_t> group_id;
  int64_t subject_id = 0;
  int64_t writer_id = 0;     // who teaches it: the substitute, if any
  bool held_status = false;  // not cancelled, not moved away, not retired
  domain::Assessment assessment = domain::Assessment::kGraded;
};

std::optional<Facts> Load(storage::Connection& conn, int64_t lesson_id);
// In the lesson's class or group on its day.
bool Attends(storage::Connection& conn, const Facts& lesson, int64_t student_id);

}  // namespace ej::service::lessons
