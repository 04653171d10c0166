// Groups of students besides classes (R-ORG-2): subgroups of a class for a
// subject, learning groups across classes, clubs, the after-school group
// (ГПД), individual curricula. Membership changes during the year with dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "domain/timetable.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct GroupMemberView {
  int64_t student_id = 0;
  std::string full_name;
  std::optional<std::string> class_name;  // on the day asked about
  std::string starts_on;
  std::optional<std::string> ends_on;
};

struct GroupView {
  int64_t id = 0;
  int64_t school_id = 0;
  int64_t year_id = 0;
  domain::GroupKind kind = domain::GroupKind::kSubgroup;
  std::string name;
  std::optional<int64_t> class_id;
  std::optional<std::string> class_name;
  std::optional<int64_t> subject_id;
  std::optional<std::string> subject_name;
  std::optional<int64_t> teacher_id;
  std::optional<std::string> teacher_name;
  std::optional<int> half_hours_per_week;
  int shift = 1;
  int64_t members_count = 0;             // on the day asked about
  std::vector<GroupMemberView> members;  // filled by GetGroup and SetMembers
};

struct NewGroup {
  domain::GroupKind kind = domain::GroupKind::kSubgroup;
  std::string name;
  std::optional<int64_t> year_id;  // default: the year containing today
  std::optional<int64_t> class_id;
  std::optional<int64_t> subject_id;
  std::optional<int64_t> teacher_id;
  std::optional<int> half_hours_per_week;
  std::optional<int> shift;  // default: the class's shift, or 1
};

class GroupService {
 public:
  explicit GroupService(const Clock& clock) : clock_(clock) {}

  // Staff of the school: the groups of a year (default: the current one),
  // of one class if `class_id` is given (its subgroups and the groups any of
  // its students attend on `day`).
  domain::Result<std::vector<GroupView>> ListGroups(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t school_id, std::optional<int64_t> class_id,
                                                    std::optional<std::string> day);
  // Staff of the school; the members on `day` (default today).
  domain::Result<GroupView> GetGroup(storage::Connection& conn, const domain::Actor& actor, int64_t group_id,
                                     std::optional<std::string> day);
  // The administration.
  domain::Result<GroupView> CreateGroup(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                        const NewGroup& group);
  // The administration: from `day` on the members are exactly `student_ids`:
  // those who leave end the day before, those who come start on `day`.
  domain::Result<GroupView> SetMembers(storage::Connection& conn, const domain::Actor& actor, int64_t group_id,
                                       const std::string& day, std::vector<int64_t> student_ids);

 private:
  const Clock& clock_;
};

namespace groups {

// Without rights checks, inside the caller's transaction (demo, import).
int64_t Insert(storage::Connection& conn, int64_t school_id, int64_t year_id, const NewGroup& group, int shift);
void AddMember(storage::Connection& conn, int64_t school_id, int64_t group_id, int64_t student_id,
               const std::string& starts_on);

}  // namespace groups

}  // namespace ej::service
