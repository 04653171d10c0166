// The weekly timetable templates (R-ORG-4) of a class or group, changed from
// a date on; saving one generates the dated lessons of the rest of the year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/timetable.h"
#include "service/common/clock.h"
#include "service/timetable/timetable_service.h"
#include "storage/database.h"

namespace ej::service {

struct SlotView {
  int64_t id = 0;
  int weekday = 1;
  int lesson_number = 0;
  int starts_at = 0;
  int ends_at = 0;
  Named subject;
  Named teacher;
  std::optional<Named> room;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

struct TemplateView {
  domain::LessonTarget target;
  std::string target_name;  // «5А» or the group's name
  std::string date;         // the day the template is shown for
  std::vector<SlotView> slots;
};

struct TemplateChange {
  domain::LessonTarget target;
  std::string valid_from;  // "YYYY-MM-DD"
  std::vector<domain::TemplateSlot> slots;
};

struct TemplateSaved {
  TemplateView template_;
  int lessons_created = 0;  // new dated lessons
  int lessons_kept = 0;     // substituted/cancelled/moved lessons that still fit
  int lessons_retired = 0;  // lessons with a history the new template no longer has
};

class TemplateService {
 public:
  explicit TemplateService(const Clock& clock) : clock_(clock) {}

  // Staff; a student or parent for their own class.
  domain::Result<TemplateView> GetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                           domain::LessonTarget target, std::optional<std::string> day);
  // The administration: from `valid_from` on, the target's week is exactly
  // `slots`. Earlier lessons stay; conflicts are refused, all or nothing.
  domain::Result<TemplateSaved> SetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                            const TemplateChange& change);

 private:
  const Clock& clock_;
};

namespace timetable {

std::vector<int> TargetGrades(storage::Connection& conn, domain::LessonTarget target);

// SetTemplate inside the caller's write transaction (imports that set many
// targets at once, all or nothing): the same rights, checks and conflicts.
domain::Result<TemplateSaved> SetTemplateIn(storage::Connection& conn, const domain::Actor& actor,
                                            const std::string& today, int64_t now, const TemplateChange& change);

// Without rights and conflict checks, inside the caller's transaction: the
// demo builds a conflict-free week by construction. Generates the lessons.
void SaveTemplateUnchecked(storage::Connection& conn, int64_t user_id, int64_t now, const TemplateChange& change);

}  // namespace timetable

}  // namespace ej::service
