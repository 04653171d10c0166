// The demo school's people: the users' rows and roles with transliterated
// logins, the administration and the subject teachers.
#include <cstdio>

#include "demo/demo_school.h"
#include "demo/demo_tables.h"
#include "domain/russian_names.h"
#include "domain/translit.h"
#include "service/common/insert_statement.h"
#include "service/people/people_statements.h"

namespace ej::service::demo {

using domain::Sex;
using storage::Value;

Person SchoolBuilder::RandomAdult(Sex sex) {
  std::string father = std::string(rnd_.Pick(domain::AdultMaleNames()));
  std::string last = std::string(rnd_.Pick(domain::MaleSurnames()));
  if (sex == Sex::kFemale) {
    return {domain::FeminineSurname(last), std::string(rnd_.Pick(domain::AdultFemaleNames())),
            domain::Patronymic(father, sex), sex};
  }
  return {last, std::string(rnd_.Pick(domain::AdultMaleNames())), domain::Patronymic(father, sex), sex};
}

std::string SchoolBuilder::UniqueLogin(const Person& p) {
  std::string base = domain::MakeLogin(p.last, p.first, p.middle);
  if (base.size() < 2) base = "user";
  std::string login = base;
  for (int n = 2; logins_.contains(login); ++n) login = base + std::to_string(n);
  logins_.insert(login);
  return login;
}

int64_t SchoolBuilder::InsertUser(const Person& p, const std::string& fixed_login, const std::string& birth_date,
                                  const std::string& email, const std::string& phone) {
  std::string login = fixed_login.empty() ? UniqueLogin(p) : fixed_login;
  if (!fixed_login.empty()) logins_.insert(login);
  auto row = conn_.QueryOne(
      sql::InsertOne(kUserInto) + " RETURNING id",
      {Value{login}, Value{hash_}, Value{p.last}, Value{p.first}, Value{p.middle},
       Value{std::string(domain::ToString(p.sex))}, birth_date.empty() ? Value{} : Value{birth_date},
       email.empty() ? Value{} : Value{email}, phone.empty() ? Value{} : Value{phone}, Value{now_}, Value{now_}});
  return row->Int(0);
}

void SchoolBuilder::Grant(int64_t user_id, std::string_view role, std::string_view position) {
  conn_.Query(sql::InsertOne(kUserRoleInto), {Value{school_id_}, Value{user_id}, Value{std::string(role)},
                                              position.empty() ? Value{} : Value{std::string(position)}, Value{now_}});
}

int64_t SchoolBuilder::AddStaff(std::string_view role, std::string_view position, const std::string& fixed_login,
                                Sex sex) {
  Person p = RandomAdult(sex);
  std::string login = fixed_login.empty() ? UniqueLogin(p) : fixed_login;
  int64_t id = InsertUser(p, login, "", login + "@school.example.com", Phone());
  Grant(id, role, position);
  return id;
}

std::string SchoolBuilder::Phone() {
  char buf[32];
  std::snprintf(buf, sizeof buf, "+7 9%02d %03d-%02d-%02d", rnd_.Below(100), rnd_.Below(1000), rnd_.Below(100),
                rnd_.Below(100));
  return buf;
}

std::string SchoolBuilder::BirthDate(int from_year) {
  // Born between 1 September of from_year and 31 August of the next year.
  int day_of_school_year = rnd_.Below(365);
  static constexpr int kMonthDays[] = {30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31};  // from Sep
  int month_index = 0;
  while (day_of_school_year >= kMonthDays[month_index]) day_of_school_year -= kMonthDays[month_index++];
  int month = (month_index + 8) % 12 + 1;
  int year = month >= 9 ? from_year : from_year + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day_of_school_year + 1);
  return buf;
}

void SchoolBuilder::AddAdministration() {
  AddStaff("director", "директор", Fixed("director"), rnd_.Chance(60) ? Sex::kFemale : Sex::kMale);
  AddStaff("deputy", "заместитель директора по учебно-воспитательной работе", Fixed("deputy"), Sex::kFemale);
  AddStaff("deputy", "заместитель директора по воспитательной работе", "", Sex::kFemale);
  admin_ = AddStaff("administrator", "администратор электронного журнала", Fixed("admin"), Sex::kMale);
  AddStaff("secretary", "секретарь учебной части", Fixed("secretary"), Sex::kFemale);
  stats_.staff += 5;
}

// The demo's "teacher" teaches mathematics and its "classteacher" Russian (both in 7Б).
void SchoolBuilder::AddSubjectTeachers() {
  for (const auto& sp : kSpecialties) {
    for (int i = 0; i < sp.teachers; ++i) {
      std::string login;
      if (i == 0 && sp.key == "math") login = Fixed("teacher");
      if (i == 0 && sp.key == "russian") login = Fixed("classteacher");
      Sex sex =
          rnd_.Chance(sp.key == "pe" || sp.key == "obzr" || sp.key == "physics" ? 30 : 80) ? Sex::kFemale : Sex::kMale;
      int64_t id = AddStaff("teacher", sp.position, login, sex);
      if (login == "teacher") demo_teacher_ = id;
      if (login == "classteacher") demo_class_teacher_ = id;
      teachers_.push_back({id, std::string(sp.key)});
      ++stats_.staff;
    }
  }
}

Staff& SchoolBuilder::LeastLoadedOtherThan(std::string_view specialty, int64_t other) {
  Staff* best = nullptr;
  for (auto& t : teachers_) {
    if (t.specialty == specialty && t.id != other && (!best || t.load < best->load)) best = &t;
  }
  return *best;
}

}  // namespace ej::service::demo
