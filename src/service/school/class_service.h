// Classes of a school as the actor may see them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct ClassView {
  int64_t id = 0;
  int64_t school_id = 0;
  int64_t year_id = 0;
  int grade = 0;
  std::string letter;
  std::string name;  // «5А»
  std::optional<int64_t> class_teacher_id;
  std::optional<std::string> class_teacher_name;
  int64_t students = 0;  // enrolled today
  int shift = 1;
};

struct NewClass {
  std::optional<int64_t> year_id;  // default: the year containing today
  int grade = 0;
  std::string letter;  // «А», «Б»; up to 8 characters
  std::optional<int64_t> class_teacher_id;
  int shift = 1;
};

// What PATCH changes; absent fields stay.
struct ClassChange {
  bool set_class_teacher = false;
  std::optional<int64_t> class_teacher_id;  // with set_class_teacher: nullopt removes
  std::optional<int> shift;
};

class ClassService {
 public:
  explicit ClassService(const Clock& clock) : clock_(clock) {}

  // The classes of `school_id` in `year_id` (default: the year containing
  // today) that the actor may see: all for staff, their own for a student,
  // their children's for a parent. Ordered by grade and letter.
  domain::Result<std::vector<ClassView>> ListClasses(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t school_id, std::optional<int64_t> year_id);
  // The administration. A class teacher is a teacher of the school who leads
  // no other class that year.
  domain::Result<ClassView> CreateClass(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                        const NewClass& in);
  domain::Result<ClassView> UpdateClass(storage::Connection& conn, const domain::Actor& actor, int64_t class_id,
                                        const ClassChange& change);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
