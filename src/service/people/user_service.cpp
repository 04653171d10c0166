#include "service/people/user_service.h"

#include <algorithm>

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/sql.h"
#include "service/people/people_statements.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Role;
using storage::TxMode;
using storage::Value;

namespace {

// The search text matched literally: LIKE's wildcards escaped with '!'.
std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out;
}

// May the actor see login and contacts of the person?
bool SeesDetails(const domain::Actor& actor, const domain::PersonRef& person) {
  if (person.user_id == actor.user_id) return true;
  for (const auto& g : person.grants) {
    if (domain::Allowed(actor, Action::kListPeople, domain::Resource::OfSchool(g.school_id))) {
      return true;
    }
  }
  // The class teacher keeps the data of the students and parents of the class.
  auto leads = [&](const domain::RoleGrant& g) {
    return g.role == Role::kStudent && g.class_id && actor.Has(Role::kClassTeacher, g.school_id) &&
           std::any_of(actor.grants.begin(), actor.grants.end(), [&](const domain::RoleGrant& a) {
             return a.role == Role::kClassTeacher && a.class_id == g.class_id;
           });
  };
  return std::any_of(person.grants.begin(), person.grants.end(), leads) ||
         std::any_of(person.children_grants.begin(), person.children_grants.end(), leads);
}

struct PersonColumns : storage::Columns {
  size_t id = Add("id");
  size_t last = Add("last_name");
  size_t first = Add("first_name");
  size_t middle = Add("middle_name");
  size_t login = Add("login");
  size_t email = Add("email");
  size_t phone = Add("phone");
  size_t locked = Add("locked");
};
const PersonColumns kPerson;

struct PersonRoleColumns : storage::Columns {
  size_t role = Add("role");
  size_t school_id = Add("school_id");
  size_t position = Add("position");
};
const PersonRoleColumns kPersonRole;

struct StudentClassColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
};
const StudentClassColumns kStudentClass;

// The person's roles; a student's with the class they attend in that school.
std::vector<PersonRoleView> LoadRoles(storage::Connection& conn, int64_t id, std::string_view today) {
  std::vector<PersonRoleView> out;
  const PersonRoleColumns& k = kPersonRole;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM user_roles WHERE user_id = $1 ORDER BY id", {Value{id}})) {
    auto role = domain::ParseRole(r.Text(k.role));
    if (!role) continue;
    PersonRoleView rv{*role, r.Int(k.school_id), std::nullopt, std::nullopt, r.OptText(k.position)};
    if (*role == Role::kStudent) {
      const StudentClassColumns& c = kStudentClass;
      auto cls = conn.QueryOne("SELECT " + c.List() +
                                   " FROM enrolments e JOIN classes c ON c.id = e.class_id"
                                   " WHERE e.student_id = $1 AND e.school_id = $2 AND " +
                                   sql::ActiveOn("e", "$3") + " ORDER BY e.starts_on DESC LIMIT 1",
                               {Value{id}, Value{rv.school_id}, Value{std::string(today)}});
      if (cls) {
        rv.class_id = cls->Int(c.id);
        rv.class_name = ClassName(cls->Int(c.grade), cls->Text(c.letter));
      }
    }
    out.push_back(std::move(rv));
  }
  return out;
}

std::optional<PersonView> LoadPersonView(storage::Connection& conn, int64_t id, std::string_view today, bool details) {
  const PersonColumns& k = kPerson;
  auto u = conn.QueryOne("SELECT " + k.List() + " FROM users WHERE id = $1", {Value{id}});
  if (!u) return std::nullopt;
  PersonView v;
  v.id = u->Int(k.id);
  v.last_name = u->Text(k.last);
  v.first_name = u->Text(k.first);
  v.middle_name = u->OptText(k.middle);
  v.full_name = FullName(v.last_name, v.first_name, v.middle_name);
  v.details = details;
  if (details) {
    v.login = u->OptText(k.login);
    v.email = u->OptText(k.email);
    v.phone = u->OptText(k.phone);
    v.locked = u->Int(k.locked) != 0;
  }
  v.roles = LoadRoles(conn, id, today);
  return v;
}

// A page of people: the names are selected for DISTINCT ... ORDER BY.
struct ListedColumns : storage::Columns {
  size_t id = Add("u.id");
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
};
const ListedColumns kListed;

domain::Status CheckAccountFields(const NewAccount& a) {
  if (!domain::IsValidLogin(domain::NormalizeLogin(a.login))) return Error::Of(ErrorCode::kInvalidLogin);
  if (auto st = domain::CheckNewPassword(a.login, a.password); !st) return st;
  if (auto st = domain::CheckNamePart("lastName", a.last_name); !st) return st;
  if (auto st = domain::CheckNamePart("firstName", a.first_name); !st) return st;
  if (a.middle_name && !a.middle_name->empty()) {
    if (auto st = domain::CheckNamePart("middleName", *a.middle_name); !st) return st;
  }
  if (a.position) {
    if (auto st = domain::CheckNamePart("position", *a.position); !st) return st;
  }
  if (a.email && !domain::IsPlausibleEmail(*a.email)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "email");
  }
  if (a.roles.empty()) return Error::WithDetail(ErrorCode::kMissingField, "roles");
  for (Role r : a.roles) {
    if (!domain::IsStoredRole(r) || !domain::IsStaffRole(r)) {
      return Error::WithDetail(ErrorCode::kInvalidValue,
                               "roles: учётные записи учеников и родителей выдаются классным руководителем");
    }
  }
  return domain::Ok{};
}

}  // namespace

namespace accounts {

domain::Status Check(const NewAccount& account) { return CheckAccountFields(account); }

domain::Result<int64_t> Create(storage::Connection& conn, const Clock& clock, int64_t school_id, const NewAccount& a,
                               const std::string& password_hash) {
  if (auto st = CheckAccountFields(a); !st) return st.error();
  const std::string login = domain::NormalizeLogin(a.login);
  if (lookup::LoginTaken(conn, login)) return Error::Of(ErrorCode::kLoginTaken);
  if (!conn.QueryOne("SELECT 1 FROM schools WHERE id = $1", {Value{school_id}})) {
    return Error::WithDetail(ErrorCode::kNotFound, "школа");
  }
  const int64_t now = clock.Now();
  auto row = conn.QueryOne(sql::InsertOne(kUserInto) + " RETURNING id",
                           {Value{login}, Value{password_hash}, Value{a.last_name}, Value{a.first_name},
                            storage::OrNull(a.middle_name && !a.middle_name->empty() ? a.middle_name : std::nullopt),
                            Value{}, Value{}, storage::OrNull(a.email), Value{}, Value{now}, Value{now}});
  const int64_t id = row->Int(0);
  for (Role r : a.roles) {
    conn.Query(sql::InsertOne(kUserRoleInto) + " ON CONFLICT DO NOTHING",
               {Value{school_id}, Value{id}, Value{std::string(domain::ToString(r))}, storage::OrNull(a.position),
                Value{now}});
  }
  RecordAuthEvent(conn, id, login, "account_created", "", now);
  return id;
}

domain::Result<int64_t> FindByLogin(storage::Connection& conn, std::string_view login) {
  auto row = conn.QueryOne("SELECT id FROM users WHERE login = $1", {Value{domain::NormalizeLogin(login)}});
  if (!row) return Error::WithDetail(ErrorCode::kNotFound, "пользователь");
  return row->Int(0);
}

void StorePassword(storage::Connection& conn, int64_t user_id, const std::string& password_hash, int64_t now) {
  conn.Query(
      "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0,"
      " login_blocked_until = NULL WHERE id = $1",
      {Value{user_id}, Value{password_hash}, Value{now}});
}

domain::Status SetPassword(storage::Connection& conn, const Clock& clock, int64_t user_id,
                           const std::string& new_password) {
  auto row = conn.QueryOne("SELECT COALESCE(login, '') FROM users WHERE id = $1", {Value{user_id}});
  if (!row) return Error::WithDetail(ErrorCode::kNotFound, "пользователь");
  if (auto st = domain::CheckNewPassword(row->Text(0), new_password); !st) return st;
  const int64_t now = clock.Now();
  StorePassword(conn, user_id, HashPassword(new_password), now);
  conn.Query("DELETE FROM sessions WHERE user_id = $1", {Value{user_id}});
  RecordAuthEvent(conn, user_id, row->Text(0), "password_reset", "", now);
  return domain::Ok{};
}

void SetLocked(storage::Connection& conn, const Clock& clock, int64_t user_id, bool locked) {
  conn.Query("UPDATE users SET locked = $2 WHERE id = $1", {Value{user_id}, Value{int64_t{locked}}});
  if (locked) conn.Query("DELETE FROM sessions WHERE user_id = $1", {Value{user_id}});
  RecordAuthEvent(conn, user_id, "", locked ? "locked" : "unlocked", "", clock.Now());
}

}  // namespace accounts

domain::Result<PersonView> UserService::GetPerson(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t person_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  const std::string today = clock_.Today();
  domain::PersonRef ref = LoadPersonRef(conn, person_id, today);
  // Someone the actor may not see and someone who does not exist look the
  // same from outside: no probing of ids.
  if (!domain::Allowed(actor, Action::kViewPerson, domain::Resource::OfPerson(ref))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto view = LoadPersonView(conn, person_id, today, SeesDetails(actor, ref));
  tx.Commit();
  if (!view) return Error::Of(ErrorCode::kNotFound);
  return std::move(*view);
}

domain::Result<std::vector<PersonView>> UserService::ListPeople(storage::Connection& conn, const domain::Actor& actor,
                                                                const PeopleQuery& q) {
  if (!domain::Allowed(actor, Action::kListPeople, domain::Resource::OfSchool(q.school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  storage::Transaction tx(conn, TxMode::kRead);
  const ListedColumns& k = kListed;
  auto rows = conn.Query("SELECT DISTINCT " + k.List() +
                             " FROM users u JOIN user_roles r ON r.user_id = u.id"
                             " WHERE r.school_id = $1 AND ($2 = '' OR r.role = $2) AND u.last_name LIKE $3 ESCAPE '!'"
                             " ORDER BY u.last_name, u.first_name, u.id LIMIT $4 OFFSET $5",
                         {Value{q.school_id}, Value{q.role ? std::string(domain::ToString(*q.role)) : std::string()},
                          Value{EscapeLike(q.search) + "%"}, Value{q.limit}, Value{q.offset}});
  std::vector<PersonView> out;
  out.reserve(rows.size());
  const std::string today = clock_.Today();
  for (const auto& r : rows) {
    if (auto v = LoadPersonView(conn, r.Int(k.id), today, /*details=*/true)) out.push_back(std::move(*v));
  }
  tx.Commit();
  return out;
}

domain::Result<PersonView> UserService::CreateAccount(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t school_id, const NewAccount& account) {
  if (!domain::Allowed(actor, Action::kManageAccounts, domain::Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto st = accounts::Check(account); !st) return st.error();
  const std::string hash = HashPassword(account.password);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto id = accounts::Create(conn, clock_, school_id, account, hash);
  if (!id) return id.error();
  auto view = LoadPersonView(conn, *id, clock_.Today(), /*details=*/true);
  tx.Commit();
  return std::move(*view);
}

domain::Status UserService::SetLocked(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                      int64_t person_id, bool locked) {
  storage::Transaction tx(conn, TxMode::kWrite);
  domain::PersonRef ref = LoadPersonRef(conn, person_id, clock_.Today());
  if (!domain::Allowed(actor, Action::kManageAccounts, domain::Resource::OfPerson(ref, school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (person_id == actor.user_id && locked) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "нельзя заблокировать собственную учётную запись");
  }
  accounts::SetLocked(conn, clock_, person_id, locked);
  tx.Commit();
  if (locked) auth_.cache().EraseUser(person_id);
  return domain::Ok{};
}

domain::Status UserService::ResetPassword(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                          int64_t person_id, const std::string& new_password) {
  storage::Transaction tx(conn, TxMode::kWrite);
  domain::PersonRef ref = LoadPersonRef(conn, person_id, clock_.Today());
  if (!domain::Allowed(actor, Action::kManageAccounts, domain::Resource::OfPerson(ref, school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto st = accounts::SetPassword(conn, clock_, person_id, new_password); !st) return st;
  tx.Commit();
  auth_.cache().EraseUser(person_id);
  return domain::Ok{};
}

}  // namespace ej::service
