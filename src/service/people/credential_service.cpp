#include "service/people/credential_service.h"

#include <algorithm>
#include <set>

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "domain/translit.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/people/auth_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

constexpr size_t kMaxPeople = 2000;

struct PersonRow {
  int64_t id = 0;
  std::string last, first;
  std::optional<std::string> middle;
  std::optional<std::string> login;
  std::optional<std::string> sex;
  std::optional<int64_t> activated_at;
};

struct PersonColumns : storage::Columns {
  size_t id = Add("id");
  size_t last = Add("last_name");
  size_t first = Add("first_name");
  size_t middle = Add("middle_name");
  size_t login = Add("login");
  size_t sex = Add("sex");
  size_t activated_at = Add("activated_at");
};
const PersonColumns kPerson;

std::optional<PersonRow> LoadPerson(storage::Connection& conn, int64_t id) {
  const PersonColumns& k = kPerson;
  auto r = conn.QueryOne("SELECT " + k.List() + " FROM users WHERE id = $1", {Value{id}});
  if (!r) return std::nullopt;
  return PersonRow{r->Int(k.id),        r->Text(k.last),   r->Text(k.first),         r->OptText(k.middle),
                   r->OptText(k.login), r->OptText(k.sex), r->OptInt(k.activated_at)};
}

// A login from the name by the passport transliteration, unique in the installation.
std::string NewLogin(storage::Connection& conn, const PersonRow& p) {
  std::string base = domain::MakeLogin(p.last, p.first, p.middle.value_or(""));
  if (base.size() < 2) base = "user" + std::to_string(p.id);
  const std::string login = lookup::FreeLogin(conn, base);
  conn.Execute("UPDATE users SET login = $2 WHERE id = $1", {Value{p.id}, Value{login}});
  return login;
}

// A parent's child on the slip: «Фамилия Имя, 7Б».
struct ChildColumns : storage::Columns {
  size_t last = Add("u.last_name");
  size_t first = Add("u.first_name");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
};
const ChildColumns kChild;

// What the slip says the person is.
std::string RoleLine(storage::Connection& conn, int64_t school_id, const PersonRow& p, const std::string& today) {
  if (auto cls = lookup::ClassOfStudentOn(conn, p.id, today); cls && cls->school_id == school_id) {
    return std::string(p.sex == "female" ? "Ученица " : "Ученик ") + cls->name + " класса";
  }
  std::vector<std::string> children;
  const ChildColumns& k = kChild;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM guardians g JOIN users u ON u.id = g.student_id"
                                      " JOIN enrolments e ON e.student_id = g.student_id AND " +
                                      sql::ActiveOn("e", "$3") +
                                      " JOIN classes c ON c.id = e.class_id WHERE g.parent_id = $1 AND g.school_id = $2"
                                      " ORDER BY u.last_name, u.first_name",
                                  {Value{p.id}, Value{school_id}, Value{today}})) {
    children.push_back(r.Text(k.last) + " " + r.Text(k.first) + ", " + ClassName(r.Int(k.grade), r.Text(k.letter)));
  }
  if (!children.empty()) {
    std::string line = "Родитель (законный представитель): ";
    for (size_t i = 0; i < children.size(); ++i) line += (i ? "; " : "") + children[i];
    return line;
  }
  auto position = conn.QueryOne(
      "SELECT position FROM user_roles WHERE user_id = $1 AND school_id = $2 AND position IS NOT NULL LIMIT 1",
      {Value{p.id}, Value{school_id}});
  if (position) {
    std::string text = position->Text(0);
    return text;
  }
  return "Сотрудник";
}

// The students of a class today (in list order), each followed by their parents.
std::vector<int64_t> ClassPeople(storage::Connection& conn, int64_t class_id, CredentialRequest::Who who,
                                 const std::string& today) {
  std::vector<int64_t> out;
  std::set<int64_t> seen;
  for (const auto& r :
       conn.Query("SELECT e.student_id FROM enrolments e JOIN users u ON u.id = e.student_id WHERE e.class_id = $1"
                  " AND " +
                      sql::ActiveOn("e", "$2") + " ORDER BY u.last_name, u.first_name, u.middle_name, u.id",
                  {Value{class_id}, Value{today}})) {
    const int64_t student = r.Int(0);
    if (who != CredentialRequest::Who::kParents && seen.insert(student).second) out.push_back(student);
    if (who == CredentialRequest::Who::kStudents) continue;
    for (const auto& g :
         conn.Query("SELECT parent_id FROM guardians WHERE student_id = $1 ORDER BY id", {Value{student}})) {
      if (seen.insert(g.Int(0)).second) out.push_back(g.Int(0));
    }
  }
  return out;
}

// Whom a request names: a class's people who are asked for, or the listed
// users; the school the codes are issued in and the batch's title.
struct Addressees {
  int64_t school_id = 0;
  std::vector<int64_t> people;
  std::string title;
};

domain::Result<Addressees> AddresseesOf(storage::Connection& conn, const domain::Actor& actor,
                                        const CredentialRequest& request, const std::string& today) {
  Addressees out;
  if (request.class_id) {
    auto cls = lookup::Class(conn, *request.class_id);
    if (!cls || !domain::Allowed(actor, Action::kViewClass, Resource::OfClass(cls->school_id, cls->id))) {
      return Error::Of(ErrorCode::kNotFound);
    }
    out.school_id = cls->school_id;
    out.people = ClassPeople(conn, cls->id, request.who, today);
    const char* whom = request.who == CredentialRequest::Who::kStudents  ? "ученики"
                       : request.who == CredentialRequest::Who::kParents ? "родители"
                                                                         : "ученики и родители";
    out.title = cls->name + ": " + whom;
    return out;
  }
  if (request.school_id) {
    out.school_id = *request.school_id;
  } else if (!actor.grants.empty()) {
    out.school_id = actor.grants.front().school_id;
  }
  out.people = request.user_ids;
  std::sort(out.people.begin(), out.people.end());
  out.people.erase(std::unique(out.people.begin(), out.people.end()), out.people.end());
  out.title = "Учётные записи";
  return out;
}

// A new code for the person (earlier unused ones revoked), and a login if
// they have none yet.
IssuedCredential IssueTo(storage::Connection& conn, int64_t actor_id, int64_t school_id, const PersonRow& p,
                         const std::string& today, int64_t now) {
  IssuedCredential c;
  c.user_id = p.id;
  c.full_name = FullName(p.last, p.first, p.middle);
  c.login = p.login ? *p.login : NewLogin(conn, p);
  c.role_line = RoleLine(conn, school_id, p, today);
  const std::string code = RandomActivationCode();
  c.code = domain::FormatActivationCode(code);
  c.expires_at = now + kActivationCodeLifetime;
  conn.Execute(
      "UPDATE activation_codes SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
      {Value{p.id}, Value{now}});
  conn.Execute(
      "INSERT INTO activation_codes (school_id, user_id, code_hash, issued_by, issued_at, expires_at)"
      " VALUES ($1, $2, $3, $4, $5, $6)",
      {Value{school_id}, Value{p.id}, Value{Sha256Hex(code)}, Value{actor_id}, Value{now}, Value{c.expires_at}});
  RecordAuthEvent(conn, p.id, c.login, "credentials_issued", "", now);
  return c;
}

struct ClassActivationColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t students = Add("COUNT(DISTINCT e.student_id)");
  size_t students_activated = Add("COUNT(DISTINCT CASE WHEN su.activated_at IS NOT NULL THEN e.student_id END)");
  size_t parents = Add("COUNT(DISTINCT g.parent_id)");
  size_t parents_activated = Add("COUNT(DISTINCT CASE WHEN pu.activated_at IS NOT NULL THEN g.parent_id END)");
};
const ClassActivationColumns kClassActivation;

// The classes of the year with their students and parents today; with a
// class, only it unless the actor sees the whole school.
std::vector<ClassActivation> ClassesActivation(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                               int64_t year_id, std::optional<int64_t> class_id,
                                               const std::string& today) {
  const ClassActivationColumns& k = kClassActivation;
  std::vector<ClassActivation> out;
  for (const auto& r : conn.Query("SELECT " + k.List() + " FROM classes c JOIN enrolments e ON e.class_id = c.id AND " +
                                      sql::ActiveOn("e", "$3") +
                                      " JOIN users su ON su.id = e.student_id"
                                      " LEFT JOIN guardians g ON g.student_id = e.student_id"
                                      " LEFT JOIN users pu ON pu.id = g.parent_id"
                                      " WHERE c.school_id = $1 AND c.year_id = $2 GROUP BY c.id, c.grade, c.letter"
                                      " ORDER BY c.grade, c.letter",
                                  {Value{school_id}, Value{year_id}, Value{today}})) {
    if (class_id && r.Int(k.id) != *class_id &&
        !domain::Allowed(actor, Action::kViewActivation, Resource::OfSchool(school_id))) {
      continue;
    }
    out.push_back({r.Int(k.id),
                   ClassName(r.Int(k.grade), r.Text(k.letter)),
                   {r.Int(k.students), r.Int(k.students_activated)},
                   {r.Int(k.parents), r.Int(k.parents_activated)}});
  }
  return out;
}

struct ParentCountColumns : storage::Columns {
  size_t total = Add("COUNT(DISTINCT g.parent_id)");
  size_t activated = Add("COUNT(DISTINCT CASE WHEN pu.activated_at IS NOT NULL THEN g.parent_id END)");
};
const ParentCountColumns kParentCount;

// Parents are counted once even with children in two classes.
ActivationCount ParentsActivation(storage::Connection& conn, int64_t school_id, int64_t year_id,
                                  std::optional<int64_t> class_id, const std::string& today) {
  const ParentCountColumns& k = kParentCount;
  std::vector<Value> params = {Value{school_id}, Value{year_id}, Value{today}};
  if (class_id) params.emplace_back(std::in_place_type<int64_t>, *class_id);
  auto r = conn.Query("SELECT " + k.List() +
                          " FROM guardians g JOIN users pu ON pu.id = g.parent_id"
                          " JOIN enrolments e ON e.student_id = g.student_id AND " +
                          sql::ActiveOn("e", "$3") +
                          " JOIN classes c ON c.id = e.class_id WHERE c.school_id = $1 AND c.year_id = $2" +
                          std::string(class_id ? " AND c.id = $4" : ""),
                      std::span<const Value>(params))
               .front();
  return {r.Int(k.total), r.Int(k.activated)};
}

struct StaffCountColumns : storage::Columns {
  size_t total = Add("COUNT(DISTINCT u.id)");
  size_t activated = Add("COUNT(DISTINCT CASE WHEN u.activated_at IS NOT NULL THEN u.id END)");
};
const StaffCountColumns kStaffCount;

ActivationCount StaffActivation(storage::Connection& conn, int64_t school_id) {
  const StaffCountColumns& k = kStaffCount;
  auto r = conn.QueryOne("SELECT " + k.List() +
                             " FROM user_roles r JOIN users u ON u.id = r.user_id"
                             " WHERE r.school_id = $1 AND r.role NOT IN ('student', 'parent')",
                         {Value{school_id}});
  return {r->Int(k.total), r->Int(k.activated)};
}

struct CodeColumns : storage::Columns {
  size_t issued_at = Add("issued_at");
  size_t expires_at = Add("expires_at");
};
const CodeColumns kCode;

// The class's students and parents today, each with their latest code.
std::vector<PersonActivation> PeopleActivation(storage::Connection& conn, int64_t class_id, const std::string& today) {
  std::vector<PersonActivation> out;
  for (int64_t id : ClassPeople(conn, class_id, CredentialRequest::Who::kAll, today)) {
    auto p = LoadPerson(conn, id);
    PersonActivation a;
    a.user_id = id;
    a.full_name = FullName(p->last, p->first, p->middle);
    a.role = lookup::ClassOfStudentOn(conn, id, today) ? "student" : "parent";
    a.login = p->login;
    a.activated_at = p->activated_at;
    if (auto code = conn.QueryOne(
            "SELECT " + kCode.List() + " FROM activation_codes WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
            {Value{id}})) {
      a.code_issued_at = code->Int(kCode.issued_at);
      a.code_expires_at = code->Int(kCode.expires_at);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

domain::Result<CredentialBatch> CredentialService::Issue(storage::Connection& conn, const domain::Actor& actor,
                                                         const CredentialRequest& request) {
  if (request.class_id.has_value() == !request.user_ids.empty()) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "укажите класс (classId) или людей (userIds)");
  }
  if (request.user_ids.size() > kMaxPeople)
    return Error::WithDetail(ErrorCode::kInvalidValue, "userIds: не больше 2000");
  const std::string today = clock_.Today();
  const int64_t now = clock_.Now();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto to = AddresseesOf(conn, actor, request, today);
  if (!to) return to.error();
  // Every person must be one the actor may issue for.
  for (int64_t id : to->people) {
    const domain::PersonRef ref = LoadPersonRef(conn, id, today);
    if (!domain::Allowed(actor, Action::kIssueCredentials, Resource::OfPerson(ref, to->school_id))) {
      return request.class_id ? Error::Of(ErrorCode::kForbidden)
                              : Error::WithDetail(ErrorCode::kForbidden, "пользователь " + std::to_string(id));
    }
  }
  CredentialBatch batch;
  batch.title = to->title;
  auto school = conn.QueryOne("SELECT name FROM schools WHERE id = $1", {Value{to->school_id}});
  batch.school_name = school ? school->Text(0) : "";
  batch.issued_by = lookup::FullNameOf(conn, actor.user_id);
  batch.issued_on = today;
  for (int64_t id : to->people) {
    auto p = LoadPerson(conn, id);
    if (!p) continue;
    // A class's slips go to those who haven't signed in yet; named people get a new code anyway.
    if (request.class_id && p->activated_at) continue;
    batch.items.push_back(IssueTo(conn, actor.user_id, to->school_id, *p, today, now));
  }
  tx.Commit();
  return batch;
}

domain::Result<ActivationReport> CredentialService::Report(storage::Connection& conn, const domain::Actor& actor,
                                                           int64_t school_id, std::optional<int64_t> class_id) {
  const Resource resource = class_id ? Resource::OfClass(school_id, *class_id) : Resource::OfSchool(school_id);
  if (!domain::Allowed(actor, Action::kViewActivation, resource)) return Error::Of(ErrorCode::kForbidden);
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kRead);
  ActivationReport report;
  auto year = lookup::YearOn(conn, school_id, today);
  if (class_id) {
    auto cls = lookup::Class(conn, *class_id);
    if (!cls || cls->school_id != school_id) return Error::Of(ErrorCode::kNotFound);
  }
  if (year) {
    report.classes = ClassesActivation(conn, actor, school_id, *year, class_id, today);
    for (const auto& c : report.classes) {
      report.students.total += c.students.total;
      report.students.activated += c.students.activated;
    }
    report.parents = ParentsActivation(conn, school_id, *year, class_id, today);
  }
  if (class_id) {
    report.students = {};
    for (const auto& c : report.classes) {
      if (c.class_id == *class_id) report.students = c.students;
    }
    report.people = PeopleActivation(conn, *class_id, today);
  } else {
    report.staff = StaffActivation(conn, school_id);
  }
  tx.Commit();
  return report;
}

}  // namespace ej::service
