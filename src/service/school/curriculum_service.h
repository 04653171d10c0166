// Subjects, the curriculum of a class with its teachers, and a teacher's
// load (R-ORG-3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/curriculum.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct SubjectView {
  int64_t id = 0;
  std::string name;
  std::string short_name;
};

struct PersonName {
  int64_t id = 0;
  std::string full_name;
};

struct CurriculumLineView {
  SubjectView subject;
  int half_hours_per_week = 0;
  std::vector<PersonName> teachers;
};

// A class's subject, or a group (an elective, a club, the after-school
// group, a subgroup the class's curriculum doesn't give the teacher).
struct LoadLine {
  int64_t class_id = 0;  // 0 for a group across classes
  std::string class_name;
  std::optional<SubjectView> subject;  // none for a group without a subject (ГПД)
  int half_hours_per_week = 0;
  std::optional<int64_t> group_id;
  std::string group_name;
};

struct TeacherLoad {
  PersonName teacher;
  std::vector<LoadLine> lines;
  int total_half_hours = 0;
};

class CurriculumService {
 public:
  explicit CurriculumService(const Clock& clock) : clock_(clock) {}

  // Everybody of the school.
  domain::Result<std::vector<SubjectView>> ListSubjects(storage::Connection& conn, const domain::Actor& actor,
                                                        int64_t school_id);
  // Whoever may see the class.
  domain::Result<std::vector<CurriculumLineView>> GetClassCurriculum(storage::Connection& conn,
                                                                     const domain::Actor& actor, int64_t class_id);
  // The administration: replaces the class's hours and teachers at once.
  domain::Result<std::vector<CurriculumLineView>> SetClassCurriculum(storage::Connection& conn,
                                                                     const domain::Actor& actor, int64_t class_id,
                                                                     const std::vector<domain::CurriculumLine>& lines);
  // The teacher and the administration; the classes of the year containing today.
  domain::Result<TeacherLoad> GetTeacherLoad(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                             int64_t teacher_id);

 private:
  const Clock& clock_;
};

namespace curriculum {

// Without rights checks, inside the caller's transaction (demo, import).
void Save(storage::Connection& conn, int64_t school_id, int64_t class_id,
          const std::vector<domain::CurriculumLine>& lines);

}  // namespace curriculum

}  // namespace ej::service
