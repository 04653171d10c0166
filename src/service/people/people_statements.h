// The columns people and their ties are written with, shared by the
// services' single-row INSERTs (sql::InsertOne) and the demo school: one
// list per table, the values bound in its order (NULL for what a use case
// does not know, e.g. a pupil admitted without a login yet).
#pragma once

#include <string_view>

namespace ej::service {

inline constexpr std::string_view kUserInto =
    "users (login, password_hash, last_name, first_name, middle_name, sex, birth_date, email, phone, created_at,"
    " password_changed_at)";

inline constexpr std::string_view kUserRoleInto = "user_roles (school_id, user_id, role, position, created_at)";

inline constexpr std::string_view kParentConsentInto =
    "parent_consents (school_id, parent_id, kind, effective_on, document, recorded_by, recorded_at)";

inline constexpr std::string_view kEnrolmentInto = "enrolments (school_id, student_id, class_id, starts_on)";

inline constexpr std::string_view kGuardianInto = "guardians (school_id, parent_id, student_id, relation)";

}  // namespace ej::service
