#include "service/common/lookup.h"

#include "service/common/principal.h"
#include "service/common/sql.h"
#include "storage/columns.h"

namespace ej::service::lookup {

using storage::Value;

std::optional<int64_t> YearOn(storage::Connection& conn, int64_t school_id, std::string_view day) {
  auto r = conn.QueryOne("SELECT id FROM academic_years WHERE school_id = $1 AND starts_on <= $2 AND ends_on >= $2",
                         {Value{school_id}, Value{std::string(day)}});
  if (!r) return std::nullopt;
  return r->Int(0);
}

namespace {

struct ClassColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t school_id = Add("c.school_id");
  size_t year_id = Add("c.year_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t shift = Add("c.shift");
};
const ClassColumns kClass;

ClassRef ToClass(const storage::Row& r) {
  const ClassColumns& k = kClass;
  return {r.Int(k.id),
          r.Int(k.school_id),
          r.Int(k.year_id),
          static_cast<int>(r.Int(k.grade)),
          ClassName(r.Int(k.grade), r.Text(k.letter)),
          static_cast<int>(r.Int(k.shift))};
}

struct NameColumns : storage::Columns {
  size_t last = Add("last_name");
  size_t first = Add("first_name");
  size_t middle = Add("middle_name");
};
const NameColumns kName;

}  // namespace

std::optional<ClassRef> Class(storage::Connection& conn, int64_t class_id) {
  auto r = conn.QueryOne("SELECT " + kClass.List() + " FROM classes c WHERE c.id = $1", {Value{class_id}});
  if (!r) return std::nullopt;
  return ToClass(*r);
}

std::optional<ClassRef> ClassOfStudentOn(storage::Connection& conn, int64_t student_id, std::string_view day) {
  auto r = conn.QueryOne("SELECT " + kClass.List() +
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

bool IsYearOf(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  return conn
      .QueryOne("SELECT 1 FROM academic_years WHERE id = $1 AND school_id = $2", {Value{year_id}, Value{school_id}})
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
  auto r = conn.QueryOne("SELECT " + kName.List() + " FROM users WHERE id = $1", {Value{user_id}});
  if (!r) return {};
  return FullName(r->Text(kName.last), r->Text(kName.first), r->OptText(kName.middle));
}

}  // namespace ej::service::lookup
