// Marks in the journal (R-MARK): set by the teacher who teaches the lesson
// (or the substitute for it), for a work type, on a held lesson, for a student
// of the lesson's class or group on that day, within the school's deadline;
// corrected only with a reason; taken back only with a trace. Every change
// appends an event to the journal's history in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/marks.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rules_service.h"
#include "storage/database.h"

namespace ej::service {

struct MarkView {
  int64_t id = 0;
  int64_t lesson_id = 0;
  int64_t student_id = 0;
  std::string lesson_date;
  std::string value;
  int64_t work_type_id = 0;
  std::string work_type;  // its short name
  int weight = 1;
  std::optional<std::string> comment;
  std::optional<std::string> document;
  int version = 1;
  bool late = false;
  bool removed = false;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::optional<int64_t> updated_at;
};

struct NewMark {
  int64_t lesson_id = 0;
  int64_t student_id = 0;
  std::string value;
  int64_t work_type_id = 0;
  std::optional<std::string> work_type_code;  // instead of the id: "control", "oral"...
  std::optional<std::string> comment;
  std::optional<std::string> document;   // an outside document the mark comes from
  std::optional<std::string> client_id;  // the browser's id of this write
};

struct MarkCorrection {
  std::optional<std::string> value;
  std::optional<int64_t> work_type_id;
  std::optional<std::string> comment;
  std::string reason;    // required
  int expected_version;  // the version the teacher saw: another is a conflict
};

struct SavedMark {
  MarkView mark;
  bool created = false;  // false: the same client_id was sent before, nothing changed
};

class MarkService {
 public:
  explicit MarkService(const Clock& clock) : clock_(clock) {}

  domain::Result<SavedMark> Add(storage::Connection& conn, const domain::Actor& actor, const NewMark& m);
  // A stale expected_version is journal.conflict with nothing changed.
  domain::Result<MarkView> Correct(storage::Connection& conn, const domain::Actor& actor, int64_t mark_id,
                                   const MarkCorrection& c);
  domain::Result<MarkView> Remove(storage::Connection& conn, const domain::Actor& actor, int64_t mark_id,
                                  const std::string& reason, int expected_version);
  // The mark and every change of it, oldest first: for the staff of the
  // school, the student and their parents.
  domain::Result<std::pair<MarkView, std::vector<events::StoredEvent>>> History(storage::Connection& conn,
                                                                                const domain::Actor& actor,
                                                                                int64_t mark_id);

 private:
  const Clock& clock_;
};

namespace marks {
// "SELECT <a mark's columns> FROM marks m JOIN lessons l ... JOIN work_types w":
// add a WHERE on m, l or w; Read makes the view of each row.
const std::string& SelectSql();
MarkView Read(const storage::Row& row);
}  // namespace marks

}  // namespace ej::service
