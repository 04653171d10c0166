// Small read-only lookups several services share, inside the caller's
// transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.h"
#include "storage/database.h"

namespace ej::service::lookup {

struct ClassRef {
  int64_t id = 0;
  int64_t school_id = 0;
  int64_t year_id = 0;
  int grade = 0;
  std::string name;  // «5А»
  int shift = 1;
};

// The academic year of a school containing `day` ("YYYY-MM-DD").
std::optional<int64_t> YearOn(storage::Connection& conn, int64_t school_id, std::string_view day);
std::optional<ClassRef> Class(storage::Connection& conn, int64_t class_id);
// The class a student attends on `day`.
std::optional<ClassRef> ClassOfStudentOn(storage::Connection& conn, int64_t student_id, std::string_view day);
bool IsTeacherOf(storage::Connection& conn, int64_t school_id, int64_t user_id);
bool IsYearOf(storage::Connection& conn, int64_t school_id, int64_t year_id);
bool IsSubjectOf(storage::Connection& conn, int64_t school_id, int64_t subject_id);
// Whether an account of the installation has this login (logins are unique
// across schools).
bool LoginTaken(storage::Connection& conn, std::string_view login);
// `base`, or base2, base3, ...: the first login no account has and
// `also_taken` (logins given out earlier in the same file, say) does not hold.
std::string FreeLogin(storage::Connection& conn, const std::string& base,
                      const std::function<bool(const std::string&)>& also_taken = {});
// "Фамилия Имя Отчество" of a user; empty if there is none.
std::string FullNameOf(storage::Connection& conn, int64_t user_id);

}  // namespace ej::service::lookup
