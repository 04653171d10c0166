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
#include "storage/database.h"

namespace ej::service {

struct WorkType {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string short_name;
  int weight = 1;
  int deadline_days = 0;
  bool active = true;
  std::vector<domain::GradeDeadline> by_grade;  // other terms for some grades
};

// A work type as the administration edits it; the code is fixed once made.
struct WorkTypeInput {
  std::string code;  // for a new one: latin letters, digits, "_"
  std::string name;
  std::string short_name;
  int weight = 1;
  int deadline_days = 0;
  bool active = true;
  std::vector<domain::GradeDeadline> by_grade;
};

// What the school decided about late entries and rounding.
struct JournalSettings {
  std::string late_policy = "flag";  // flag, refuse
  int lesson_late_days = 7;
  int homework_hours = 2;
  int rounding_from = 50;
};

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

  // Everybody of the school sees the list; the administration edits it.
  domain::Result<std::vector<WorkType>> WorkTypes(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t school_id);

  // The administration (director, deputies, administrator) edits the list;
  // a mark keeps the weight its type had when it was set.
  domain::Result<WorkType> CreateWorkType(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                          const WorkTypeInput& input);
  domain::Result<WorkType> UpdateWorkType(storage::Connection& conn, const domain::Actor& actor, int64_t id,
                                          const WorkTypeInput& input);
  domain::Result<JournalSettings> Settings(storage::Connection& conn, const domain::Actor& actor, int64_t school_id);
  domain::Result<JournalSettings> SaveSettings(storage::Connection& conn, const domain::Actor& actor,
                                               int64_t school_id, const JournalSettings& s);

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
// Gives a new school the default work types.
void SeedWorkTypes(storage::Connection& conn, int64_t school_id);
// "SELECT <a mark's columns> FROM marks m JOIN lessons l ... JOIN work_types w":
// add a WHERE on m, l or w; Read makes the view of each row.
const std::string& SelectSql();
MarkView Read(const storage::Row& row);
}  // namespace marks

}  // namespace ej::service
