// The timetable (R-ORG-4): the dated lessons of the year as views by class,
// group, teacher, room, day and person. The weekly templates they come from
// are template_service.h; substitutions, cancellations and moves
// lesson_change_service.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/timetable.h"
#include "service/common/clock.h"
#include "service/common/named.h"
#include "storage/database.h"

namespace ej::service {

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
  Named teacher;                         // who teaches it: the substitute, if any
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
  std::string kind;    // substitute, cancel, move, restore
  std::string detail;  // in Russian
  std::optional<std::string> reason;
  Named changed_by;
  int64_t changed_at = 0;
};

struct LessonDetail {
  LessonView lesson;
  std::vector<LessonChangeView> changes;
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

  // Staff: any view of their school; students and parents: their class.
  domain::Result<std::vector<LessonView>> ListLessons(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t school_id, const LessonQuery& query);
  // The actor's own lessons (a teacher's, a student's) or, with
  // `student_id`, those of a parent's child.
  domain::Result<std::vector<LessonView>> MyTimetable(storage::Connection& conn, const domain::Actor& actor,
                                                      const std::string& from, const std::string& to,
                                                      std::optional<int64_t> student_id);
  domain::Result<LessonDetail> GetLesson(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
