// The journal's rules a school sets (R-MARK-3, seed 001, 1.4): the work types
// with their weights and terms, what happens to a late entry, the hours for
// homework and the rounding of the forecast. Everybody of the school reads
// them; the administration edits them; a mark keeps the weight it was set with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/journal_rules.h"
#include "domain/marks.h"
#include "domain/result.h"
#include "domain/roles.h"
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
  std::string late_policy = "flag";  // flag, refuse (domain::LatePolicy)
  int lesson_late_days = 7;
  int homework_hours = 2;
  int rounding_from = 50;

  domain::LatePolicy policy() const { return domain::ParseLatePolicy(late_policy).value_or(domain::LatePolicy::kFlag); }
};

class JournalRulesService {
 public:
  domain::Result<std::vector<WorkType>> WorkTypes(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t school_id);
  domain::Result<WorkType> CreateWorkType(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                          const WorkTypeInput& input);
  domain::Result<WorkType> UpdateWorkType(storage::Connection& conn, const domain::Actor& actor, int64_t id,
                                          const WorkTypeInput& input);
  domain::Result<JournalSettings> Settings(storage::Connection& conn, const domain::Actor& actor, int64_t school_id);
  domain::Result<JournalSettings> SaveSettings(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                               const JournalSettings& s);
};

namespace journal_rules {

// Gives a new school the default work types.
void SeedWorkTypes(storage::Connection& conn, int64_t school_id);
// The school's settings, the defaults where it has set none; inside the
// caller's transaction.
JournalSettings LoadSettings(storage::Connection& conn, int64_t school_id);
// A work type of the school, with its terms per grade.
std::optional<WorkType> LoadWorkType(storage::Connection& conn, int64_t school_id, int64_t id);

}  // namespace journal_rules

}  // namespace ej::service
