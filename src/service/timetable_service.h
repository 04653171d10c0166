// The timetable (R-ORG-4): weekly templates per class or group that change
// from a date, the dated lessons generated from them for the whole year,
// substitutions, cancellations and moves, and the views by class, group,
// teacher, room, day and person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/timetable.h"
#include "service/clock.h"
#include "storage/database.h"

namespace ej::service {

struct Named {
  int64_t id = 0;
  std::string name;
};

struct LessonRef {
  int64_t id = 0;
  std::string date;
  int lesson_number = 0;
};

struct LessonView {
  int64_t id = 0;
  std::string date;
  int lesson_number = 0;
  int starts_at = 0;  // minutes since midnight, school-local
  int ends_at = 0;
  Named subject;
  Named teacher;  // who teaches it: the substitute, if any
  std::optional<Named> planned_teacher;  // when substituted: whom the timetable had
  std::optional<Named> room;
  std::optional<Named> class_;
  std::optional<Named> group;
  domain::LessonStatus status = domain::LessonStatus::kPlanned;
  std::optional<LessonRef> moved_to;
  std::optional<LessonRef> moved_from;
  std::optional<std::string> change_reason;
};

struct LessonChangeView {
  std::string kind;  // substitute, cancel, move, restore
  std::string detail;  // in Russian
  std::optional<std::string> reason;
  Named changed_by;
  int64_t changed_at = 0;
};

struct LessonDetail {
  LessonView lesson;
  std::vector<LessonChangeView> changes;
};

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
  std::string date;          // the day the template is shown for
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

// Which lessons a view shows: from..to inclusive and at most one filter;
// none is the whole school (the day view).
struct LessonQuery {
  std::string from;
  std::string to;
  std::optional<int64_t> class_id;  // the class and its subgroups
  std::optional<int64_t> group_id;
  std::optional<int64_t> teacher_id;  // planned or substitute
  std::optional<int64_t> room_id;
};

// The longest span one view may ask for.
inline constexpr int kMaxViewDays = 93;

class TimetableService {
 public:
  explicit TimetableService(const Clock& clock) : clock_(clock) {}

  // Staff; a student or parent for their own class.
  domain::Result<TemplateView> GetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                           domain::LessonTarget target, std::optional<std::string> day);
  // The administration: from `valid_from` on, the target's week is exactly
  // `slots`. Earlier lessons stay; conflicts are refused, all or nothing.
  domain::Result<TemplateSaved> SetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                            const TemplateChange& change);
  // Staff: any view of their school; students and parents: their class.
  domain::Result<std::vector<LessonView>> ListLessons(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t school_id, const LessonQuery& query);
  // The actor's own lessons (a teacher's, a student's) or, with
  // `student_id`, those of a parent's child.
  domain::Result<std::vector<LessonView>> MyTimetable(storage::Connection& conn, const domain::Actor& actor,
                                                      const std::string& from, const std::string& to,
                                                      std::optional<int64_t> student_id);
  domain::Result<LessonDetail> GetLesson(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id);

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

namespace timetable {

// The grades whose calendar a class's or group's lessons follow (a group
// across classes: its members' grades), smallest first.
std::vector<int> TargetGrades(storage::Connection& conn, domain::LessonTarget target);

// SetTemplate inside the caller's write transaction (imports that set many
// targets at once, all or nothing): the same rights, checks and conflicts.
domain::Result<TemplateSaved> SetTemplateIn(storage::Connection& conn, const domain::Actor& actor,
                                            const std::string& today, int64_t now, const TemplateChange& change);

// Without rights and conflict checks, inside the caller's transaction: the
// demo builds a conflict-free week by construction. Generates the lessons.
void SaveTemplateUnchecked(storage::Connection& conn, int64_t user_id, int64_t now, const TemplateChange& change);

// After the calendar or the bells of a year changed: the lessons from
// `from` on are brought in line with the slots (new teaching days get their
// lessons, lessons on days off go or, with a history, are retired, times
// follow the bells). Past lessons stay. `problems` lists slots the bells no
// longer have (the caller refuses the change then).
struct ResyncOutcome {
  int created = 0;
  int removed = 0;
  int retired = 0;
  int retimed = 0;
  std::vector<std::string> problems;
};
ResyncOutcome Resync(storage::Connection& conn, int64_t year_id, const std::string& from, int64_t now);

// Every live lesson of a school between two dates, as the conflict rule sees
// them, and the rosters of its classes and groups (for tests and checks).
std::vector<domain::PlacedLesson> PlacedLessons(storage::Connection& conn, int64_t school_id, const std::string& from,
                                                const std::string& to);
domain::Rosters SchoolRosters(storage::Connection& conn, int64_t school_id, int64_t year_id);

}  // namespace timetable

}  // namespace ej::service
