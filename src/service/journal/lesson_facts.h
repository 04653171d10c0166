// What the journal's rules need to know of a dated lesson: its school, day,
// class or group, who teaches it, whether it is held, how its subject is
// assessed; and whether a student attends it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/marks.h"
#include "domain/result.h"
#include "domain/roles.h"
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
// "c<class id>" or "g<group id>": the key of the lesson's journal.
std::string TargetKey(const Facts& lesson);
// In the lesson's class or group on its day.
bool Attends(storage::Connection& conn, const Facts& lesson, int64_t student_id);
// The lesson, if the actor may write into it (its teacher, or the
// substitute): request.not_found for another school's or no lesson,
// access.forbidden for anyone else.
domain::Result<Facts> ForWriting(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id);
// A comment or a file of a lesson, as taken back: its table, whether its
// rows count versions, and what is said when it is already gone.
struct Removable {
  std::string_view table;  // lesson_comments, lesson_files
  bool versioned = false;
  std::string_view already_removed;
};
// Takes an entry back from its lesson: whoever may write into the lesson
// may, once (request.not_found after that); the row keeps what it held and
// is marked removed by the actor at `now`. Returns the lesson; the caller
// appends the event with the reason.
domain::Result<Facts> TakeBack(storage::Connection& conn, const domain::Actor& actor, const Removable& entry,
                               int64_t entry_id, int64_t lesson_id, bool removed, int64_t now);
// Why an entry is changed or taken back: trimmed, required, at most `max` characters.
domain::Result<std::string> Reason(std::string_view given, size_t max = 500);

}  // namespace ej::service::lessons
