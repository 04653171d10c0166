// Classes of a school as the actor may see them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/clock.h"
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
};

class ClassService {
 public:
  explicit ClassService(const Clock& clock) : clock_(clock) {}

  // The classes of `school_id` in `year_id` (default: the year containing
  // today) that the actor may see: all for staff, their own for a student,
  // their children's for a parent. Ordered by grade and letter.
  domain::Result<std::vector<ClassView>> ListClasses(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t school_id, std::optional<int64_t> year_id);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
