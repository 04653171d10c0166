#include "service/common/lookup.h"

#include "service/common/principal.h"
#include "service/common/sql.h"

namespace ej::service::lookup {

using storage::Value;

std::optional<int64_t> YearOn(storage::Connection& conn, int64_t school_id, std::string_view day) {
  auto r = conn.QueryOne("SELECT id FROM academic_years WHERE school_id = $1 AND starts_on <= $2 AND ends_on >= $2",
                         {Value{school_id}, Value{std::string(day)}});
  if (!r) return std::nullopt;
  return r->Int(0);
}

namespace {

constexpr std::string_view kClassColumns = "c.id, c.school_id, c.year_id, c.grade, c.letter, c.shift";

ClassRef ToClass(const storage::Row& r) {
  return {r.Int(0),
          r.Int(1),
          r.Int(2),
          static_cast<int>(r.Int(3)),
          ClassName(r.Int(3), r.Text(4)),
          static_cast<int>(r.Int(5))};
}

}  // namespace

std::optional<ClassRef> Class(storage::Connection& conn, int64_t class_id) {
  auto r = conn.QueryOne("SELECT " + std::string(kClassColumns) + " FROM classes c WHERE c.id = $1", {Value{class_id}});
  if (!r) return std::nullopt;
  return ToClass(*r);
}

std::optional<ClassRef> ClassOfStudentOn(storage::Connection& conn, int64_t student_id, std::string_view day) {
  auto r = conn.QueryOne("SELECT " + std::string(kClassColumns) +
                             " FROM enrolments e JOIN classes c ON c.id = e.class_id"
                             " WHERE e.student_id = $1 AND " +
                             sql::ActiveOn("e", "$2"),
                         {Value{student_id}, Value{std::string(day)}});
  if (!r) return std::nullopt;
  return ToClass(*r);
}

bool IsTeacherOf(storage::Connection& conn, int64_t school_id, int64_t user_id) {
  return conn
      .QueryOne("SELECT 1 FROM user_roles WHERE school_id = $1 AND user_id = $2 AND role = 'teacher'",
                {Value{school_id}, Value{user_id}})
      .has_value();
}

bool IsSubjectOf(storage::Connection& conn, int64_t school_id, int64_t subject_id) {
  return conn.QueryOne("SELECT 1 FROM subjects WHERE school_id = $1 AND id = $2", {Value{school_id}, Value{subject_id}})
      .has_value();
}

bool LoginTaken(storage::Connection& conn, std::string_view login) {
  return conn.QueryOne("SELECT 1 FROM users WHERE login = $1", {Value{std::string(login)}}).has_value();
}

std::string FreeLogin(storage::Connection& conn, const std::string& base,
                      const std::function<bool(const std::string&)>& also_taken) {
  std::string login = base;
  for (int n = 2; (also_taken && also_taken(login)) || LoginTaken(conn, login); ++n) login = base + std::to_string(n);
  return login;
}

std::string FullNameOf(storage::Connection& conn, int64_t user_id) {
  auto r = conn.QueryOne("SELECT last_name, first_name, middle_name FROM users WHERE id = $1", {Value{user_id}});
  if (!r) return {};
  return FullName(r->Text(0), r->Text(1), r->OptText(2));
}

}  // namespace ej::service::lookup
