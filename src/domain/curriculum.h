// Rules of a class's curriculum (R-ORG-3): hours per week per subject, in
// halves of an hour, and who may teach them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ej::domain {

// The most a class may have in a week (СанПиН 1.2.3685-21: 37 lessons for a
// six-day week in grades 10-11; 40 leaves room for electives).
inline constexpr int kMaxHalfHoursPerWeek = 80;

struct CurriculumLine {
  int64_t subject_id = 0;
  int half_hours_per_week = 0;  // 1 = 0.5 h
  std::vector<int64_t> teacher_ids;
};

// What the rules need to know about the school's subjects and teachers.
struct CurriculumContext {
  std::vector<int64_t> school_subjects;  // subjects of the class's school
  std::vector<int64_t> school_teachers;  // users with the teacher role there
};

// Everything wrong, in Russian; empty if the curriculum may be saved.
std::vector<std::string> CheckCurriculum(const std::vector<CurriculumLine>& lines, const CurriculumContext& context);

// Hours as people write them: 3, 0.5, 1.5.
std::string FormatHours(int half_hours);

}  // namespace ej::domain
