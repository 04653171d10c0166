#include "service/people/roster_service.h"

#include "domain/account_rules.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/people/people_statements.h"
#include "service/people/roster_rows.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

struct ClassRef {
  int64_t id;
  int64_t school_id;
  int64_t year_id;
  std::string name;
  domain::Date year_starts;
  domain::Date year_ends;
};

struct ClassColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t school_id = Add("c.school_id");
  size_t year_id = Add("c.year_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t year_starts = Add("y.starts_on");
  size_t year_ends = Add("y.ends_on");
};
const ClassColumns kClass;

// A stored DATE (PostgreSQL may add a time) as a day.
domain::Date StoredDate(const std::string& text) { return *domain::ParseDate(text.substr(0, 10)); }

std::optional<ClassRef> FindClass(storage::Connection& conn, int64_t class_id) {
  const ClassColumns& k = kClass;
  auto r =
      conn.QueryOne("SELECT " + k.List() + " FROM classes c JOIN academic_years y ON y.id = c.year_id WHERE c.id = $1",
                    {Value{class_id}});
  if (!r) return std::nullopt;
  return ClassRef{r->Int(k.id),
                  r->Int(k.school_id),
                  r->Int(k.year_id),
                  ClassName(r->Int(k.grade), r->Text(k.letter)),
                  StoredDate(r->Text(k.year_starts)),
                  StoredDate(r->Text(k.year_ends))};
}

struct Enrolment {
  int64_t id;
  int64_t class_id;
  domain::Date starts_on;
};

struct EnrolmentColumns : storage::Columns {
  size_t id = Add("id");
  size_t class_id = Add("class_id");
  size_t starts_on = Add("starts_on");
};
const EnrolmentColumns kEnrolment;

// The class the student attends on `day`.
std::optional<Enrolment> EnrolmentOn(storage::Connection& conn, int64_t student_id, const std::string& day) {
  const EnrolmentColumns& k = kEnrolment;
  auto r = conn.QueryOne("SELECT " + k.List() + " FROM enrolments WHERE student_id = $1 AND " + sql::ActiveOn("", "$2"),
                         {Value{student_id}, Value{day}});
  if (!r) return std::nullopt;
  return Enrolment{r->Int(k.id), r->Int(k.class_id), StoredDate(r->Text(k.starts_on))};
}

// Where a transfer or a departure on `date` starts from: the enrolment on
// that day and its class, in a school whose roster the actor manages.
struct Leaving {
  Enrolment enrolment;
  ClassRef from;
};

domain::Result<Leaving> LeavingOn(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                  const std::string& date) {
  auto current = EnrolmentOn(conn, student_id, date);
  auto from = current ? FindClass(conn, current->class_id) : std::nullopt;
  if (!from || !domain::Allowed(actor, Action::kManageRoster, Resource::OfSchool(from->school_id))) {
    return Error::WithDetail(ErrorCode::kNotFound, "ученик, который числится в классе на эту дату");
  }
  return Leaving{*current, *from};
}

// A move takes effect after the enrolment it ends began, and none is
// recorded on that day or later: a student is never in two classes.
domain::Status CheckMoveDay(storage::Connection& conn, const Leaving& leaving, int64_t student_id, domain::Date day,
                            const std::string& date, std::string_view refused) {
  if (day <= leaving.enrolment.starts_on) return Error::WithDetail(ErrorCode::kInvalidValue, std::string(refused));
  if (conn.QueryOne("SELECT 1 FROM enrolments WHERE student_id = $1 AND starts_on >= $2",
                    {Value{student_id}, Value{date}})) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "date: на эту или более позднюю дату уже есть движение ученика");
  }
  return domain::Ok{};
}

// The enrolment's last day is the day before the move.
void EndEnrolment(storage::Connection& conn, const Enrolment& e, domain::Date move_day) {
  conn.Query("UPDATE enrolments SET ends_on = $2 WHERE id = $1",
             {Value{e.id}, Value{domain::FormatDate(move_day - date::days{1})}});
}

domain::Status CheckOrder(const Order& order) {
  if (auto st = domain::CheckNamePart("orderNumber", order.number); !st) return st;
  if (domain::Utf8Length(order.number) > 50) return Error::WithDetail(ErrorCode::kInvalidValue, "orderNumber");
  if (!domain::ParseDate(order.date)) return Error::WithDetail(ErrorCode::kInvalidValue, "orderDate (ГГГГ-ММ-ДД)");
  return domain::Ok{};
}

domain::Result<domain::Date> DateIn(const std::string& text, const ClassRef& cls, std::string_view field) {
  auto d = domain::ParseDate(text);
  if (!d) return Error::WithDetail(ErrorCode::kInvalidValue, std::string(field) + " (ГГГГ-ММ-ДД)");
  if (*d < cls.year_starts || *d > cls.year_ends) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             std::string(field) + ": дата вне учебного года класса " + cls.name);
  }
  return *d;
}

int64_t Record(storage::Connection& conn, int64_t school_id, int64_t student_id, std::string_view kind,
               const std::string& date, const Order& order, std::optional<int64_t> from_class,
               std::optional<int64_t> to_class, const std::optional<std::string>& note, int64_t actor, int64_t now) {
  return conn
      .QueryOne(
          "INSERT INTO student_movements (school_id, student_id, kind, effective_on, order_number, order_date,"
          " from_class_id, to_class_id, note, recorded_by, recorded_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
          {Value{school_id}, Value{student_id}, Value{std::string(kind)}, Value{date}, Value{order.number},
           Value{order.date}, from_class ? Value{*from_class} : Value{}, to_class ? Value{*to_class} : Value{},
           storage::OrNull(note), Value{actor}, Value{now}})
      ->Int(0);
}

domain::Status CheckPerson(const std::string& last, const std::string& first,
                           const std::optional<std::string>& middle) {
  if (auto st = domain::CheckNamePart("lastName", last); !st) return st;
  if (auto st = domain::CheckNamePart("firstName", first); !st) return st;
  if (middle && !middle->empty()) return domain::CheckNamePart("middleName", *middle);
  return domain::Ok{};
}

int64_t InsertPerson(storage::Connection& conn, int64_t school_id, std::string_view role, const std::string& last,
                     const std::string& first, const std::optional<std::string>& middle, Value sex, Value birth,
                     Value email, Value phone, int64_t now) {
  const int64_t id =
      conn.QueryOne(sql::InsertOne(kUserInto) + " RETURNING id",
                    {Value{}, Value{}, Value{last}, Value{first}, middle && !middle->empty() ? Value{*middle} : Value{},
                     std::move(sex), std::move(birth), std::move(email), std::move(phone), Value{now}, Value{}})
          ->Int(0);
  conn.Query(sql::InsertOne(kUserRoleInto),
             {Value{school_id}, Value{id}, Value{std::string(role)}, Value{}, Value{now}});
  return id;
}

}  // namespace

namespace roster {

domain::Status CheckAdmission(const Admission& a) {
  if (auto st = CheckPerson(a.last_name, a.first_name, a.middle_name); !st) return st.error();
  if (auto st = CheckOrder(a.order); !st) return st.error();
  auto birth = domain::ParseDate(a.birth_date);
  if (!birth) return Error::WithDetail(ErrorCode::kInvalidValue, "birthDate (ГГГГ-ММ-ДД)");
  auto day = domain::ParseDate(a.date);
  if (!day) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  const auto age_years = (*day - *birth).count() / 365;
  if (age_years < 5 || age_years > 21) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "birthDate: возраст ученика должен быть от 5 до 21 года");
  }
  for (const auto& p : a.parents) {
    if (auto st = CheckPerson(p.last_name, p.first_name, p.middle_name); !st) return st.error();
    if (p.relation != "mother" && p.relation != "father" && p.relation != "guardian" && p.relation != "other") {
      return Error::WithDetail(ErrorCode::kInvalidValue, "relation (mother, father, guardian, other)");
    }
    if (p.email && !domain::IsPlausibleEmail(*p.email)) return Error::WithDetail(ErrorCode::kInvalidValue, "email");
    if (p.phone && (p.phone->size() > 30 || domain::HasControlCharacters(*p.phone))) {
      return Error::WithDetail(ErrorCode::kInvalidValue, "phone");
    }
  }
  return domain::Ok{};
}

int64_t InsertParent(storage::Connection& conn, int64_t school_id, const NewParent& p, int64_t now) {
  return InsertPerson(conn, school_id, "parent", p.last_name, p.first_name, p.middle_name, Value{}, Value{},
                      storage::OrNull(p.email), storage::OrNull(p.phone), now);
}

int64_t AdmitUnchecked(storage::Connection& conn, int64_t school_id, int64_t class_id, const Admission& a,
                       const std::vector<int64_t>& parent_ids, int64_t actor_id, int64_t now) {
  const int64_t student =
      InsertPerson(conn, school_id, "student", a.last_name, a.first_name, a.middle_name,
                   Value{std::string(domain::ToString(a.sex))}, Value{a.birth_date}, Value{}, Value{}, now);
  conn.Query(sql::InsertOne(kEnrolmentInto), {Value{school_id}, Value{student}, Value{class_id}, Value{a.date}});
  for (size_t i = 0; i < parent_ids.size() && i < a.parents.size(); ++i) {
    conn.Query(sql::InsertOne(kGuardianInto),
               {Value{school_id}, Value{parent_ids[i]}, Value{student}, Value{a.parents[i].relation}});
  }
  Record(conn, school_id, student, "admission", a.date, a.order, std::nullopt, class_id, std::nullopt, actor_id, now);
  return student;
}

}  // namespace roster

domain::Result<int64_t> RosterService::Admit(storage::Connection& conn, const domain::Actor& actor,
                                             const Admission& a) {
  if (auto st = roster::CheckAdmission(a); !st) return st.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto cls = FindClass(conn, a.class_id);
  if (!cls) return Error::WithDetail(ErrorCode::kNotFound, "класс");
  if (!domain::Allowed(actor, Action::kManageRoster, Resource::OfSchool(cls->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  auto day = DateIn(a.date, *cls, "date");
  if (!day) return day.error();
  const int64_t now = clock_.Now();
  std::vector<int64_t> parents;
  for (const auto& p : a.parents) parents.push_back(roster::InsertParent(conn, cls->school_id, p, now));
  const int64_t student = roster::AdmitUnchecked(conn, cls->school_id, cls->id, a, parents, actor.user_id, now);
  tx.Commit();
  return student;
}

domain::Result<MovementView> RosterService::Transfer(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t student_id, int64_t to_class_id, const std::string& date,
                                                     const Order& order) {
  if (auto st = CheckOrder(order); !st) return st.error();
  if (!domain::ParseDate(date)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto leaving = LeavingOn(conn, actor, student_id, date);
  if (!leaving) return leaving.error();
  const ClassRef& from = leaving->from;
  auto to = FindClass(conn, to_class_id);
  if (!to || to->school_id != from.school_id || to->year_id != from.year_id) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "toClassId: класс той же школы и того же учебного года");
  }
  if (to->id == from.id) return Error::WithDetail(ErrorCode::kInvalidValue, "ученик уже в классе " + to->name);
  auto day = DateIn(date, *to, "date");
  if (!day) return day.error();
  if (auto st = CheckMoveDay(conn, *leaving, student_id, *day, date,
                             "date: перевод возможен только после дня зачисления в класс");
      !st) {
    return st.error();
  }
  EndEnrolment(conn, leaving->enrolment, *day);
  conn.Query(sql::InsertOne(kEnrolmentInto), {Value{to->school_id}, Value{student_id}, Value{to->id}, Value{date}});
  const int64_t id = Record(conn, to->school_id, student_id, "transfer", date, order, from.id, to->id, std::nullopt,
                            actor.user_id, clock_.Now());
  auto view = roster::LoadMovements(conn, "m.id = $1", {Value{id}});
  tx.Commit();
  return view.front();
}

domain::Result<MovementView> RosterService::Dismiss(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t student_id, const std::string& date, const Order& order,
                                                    const std::optional<std::string>& reason) {
  if (auto st = CheckOrder(order); !st) return st.error();
  if (reason) {
    if (auto st = domain::CheckNamePart("reason", *reason); !st) return st.error();
  }
  if (!domain::ParseDate(date)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto leaving = LeavingOn(conn, actor, student_id, date);
  if (!leaving) return leaving.error();
  const ClassRef& from = leaving->from;
  auto day = DateIn(date, from, "date");
  if (!day) return day.error();
  if (auto st = CheckMoveDay(conn, *leaving, student_id, *day, date,
                             "date: выбытие возможно только после дня зачисления в класс");
      !st) {
    return st.error();
  }
  EndEnrolment(conn, leaving->enrolment, *day);
  const int64_t id = Record(conn, from.school_id, student_id, "departure", date, order, from.id, std::nullopt, reason,
                            actor.user_id, clock_.Now());
  auto view = roster::LoadMovements(conn, "m.id = $1", {Value{id}});
  tx.Commit();
  return view.front();
}

domain::Result<ClassRoster> RosterService::Roster(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t class_id, const std::string& date_arg) {
  const std::string date = date_arg.empty() ? clock_.Today() : date_arg;
  if (!domain::ParseDate(date)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kRead);
  auto cls = lookup::Class(conn, class_id);
  if (!cls || !domain::Allowed(actor, Action::kViewClassRoster, Resource::OfClass(cls->school_id, class_id))) {
    // A class the actor may not see is not found, like any other.
    if (!cls || !domain::Allowed(actor, Action::kViewClass, Resource::OfClass(cls->school_id, class_id))) {
      return Error::Of(ErrorCode::kNotFound);
    }
    return Error::Of(ErrorCode::kForbidden);
  }
  ClassRoster out;
  out.class_id = class_id;
  out.class_name = cls->name;
  out.date = date;
  out.personal_data = domain::Allowed(actor, Action::kKeepClassData, Resource::OfClass(cls->school_id, class_id));
  roster::LoadStudents(conn, out);
  if (out.personal_data && !out.students.empty()) roster::LoadParents(conn, out);
  tx.Commit();
  return out;
}

domain::Result<std::vector<MovementView>> RosterService::List(storage::Connection& conn, const domain::Actor& actor,
                                                              int64_t school_id, const std::string& from,
                                                              const std::string& to) {
  if (!domain::Allowed(actor, Action::kManageRoster, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (!domain::ParseDate(from) || !domain::ParseDate(to)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "from, to (ГГГГ-ММ-ДД)");
  }
  storage::Transaction tx(conn, TxMode::kRead);
  auto out = roster::LoadMovements(conn, "m.school_id = $1 AND m.effective_on >= $2 AND m.effective_on <= $3",
                                   {Value{school_id}, Value{from}, Value{to}});
  tx.Commit();
  return out;
}

}  // namespace ej::service
