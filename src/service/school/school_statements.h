// The columns a school and its year and classes are written with, shared
// by the services' single-row INSERTs (sql::InsertOne) and the demo school:
// one list per table, the values bound in its order.
#pragma once

#include <string_view>

namespace ej::service {

inline constexpr std::string_view kSchoolInto = "schools (name, short_name, time_zone, created_at)";

inline constexpr std::string_view kAcademicYearInto =
    "academic_years (school_id, name, starts_on, ends_on, working_days)";

inline constexpr std::string_view kClassInto = "classes (school_id, year_id, grade, letter, class_teacher_id, shift)";

}  // namespace ej::service
