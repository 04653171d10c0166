// The builder of one demo school, step by step: the school with its year,
// calendar, bells, rooms and subjects (demo_school.cpp, which also holds the
// order of the steps), its staff and the users' rows (demo_people.cpp), the
// classes, their curriculum and the families (demo_roster.cpp), the groups
// and the weekly timetable (demo_lessons.cpp). Internal to ej_demo. The
// steps draw from one Random in a fixed order: reordering them changes the
// school.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "demo/demo.h"
#include "demo/demo_random.h"
#include "demo/demo_timetable.h"
#include "domain/curriculum.h"
#include "domain/sex.h"

namespace ej::service::demo {

struct Person {
  std::string last;
  std::string first;
  std::string middle;
  domain::Sex sex;
};

struct Staff {
  int64_t id;
  std::string specialty;
  int load = 0;  // hours per week assigned so far
};

struct ClassInfo {
  int64_t id;
  int grade;
  std::string_view letter;
  int64_t class_teacher;
  std::vector<int64_t> students;                                  // in list order
  std::vector<std::pair<size_t, std::vector<int64_t>>> teachers;  // kSubjects index, its teachers
};

class SchoolBuilder {
 public:
  // `fixed_logins`: this school holds the fixed demo logins. Counts go to `stats`.
  SchoolBuilder(storage::Connection& conn, const Clock& clock, Random& rnd, std::set<std::string>& logins,
                const std::string& password_hash, bool fixed_logins, DemoStats& stats)
      : conn_(conn),
        clock_(clock),
        rnd_(rnd),
        logins_(logins),
        hash_(password_hash),
        fixed_(fixed_logins),
        stats_(stats),
        now_(clock.Now()) {}

  // The school numbered `number` with `students` students, in the caller's transaction.
  void Build(int number, int students);
  int64_t school_id() const { return school_id_; }

 private:
  // demo_school.cpp
  void AddSchool(int number);  // with its year, work types, calendar and bells
  void AddRooms();
  void AddSubjects();

  // demo_people.cpp
  Person RandomAdult(domain::Sex sex);
  std::string UniqueLogin(const Person& p);
  std::string Fixed(const char* login) const { return fixed_ ? std::string(login) : std::string(); }
  int64_t InsertUser(const Person& p, const std::string& fixed_login, const std::string& birth_date,
                     const std::string& email, const std::string& phone);
  void Grant(int64_t user_id, std::string_view role, std::string_view position);
  int64_t AddStaff(std::string_view role, std::string_view position, const std::string& fixed_login, domain::Sex sex);
  std::string Phone();
  std::string BirthDate(int from_year);
  void AddAdministration();
  void AddSubjectTeachers();
  Staff& LeastLoaded(std::string_view specialty) { return LeastLoadedOtherThan(specialty, 0); }
  Staff& LeastLoadedOtherThan(std::string_view specialty, int64_t other);

  // demo_roster.cpp
  bool IsDemoClass(const ClassInfo& c) const;
  void AddClasses();
  void AssignCurriculum();
  std::vector<domain::CurriculumLine> CurriculumOf(ClassInfo& c);
  void AddFamilies(int students);
  int AddFamily(bool demo_family, int places_left, size_t& next_class);
  void RecordConsents(const std::vector<int64_t>& parents);
  void AddChild(const Person& mother, const Person& father, const std::vector<int64_t>& parents, bool demo_child,
                ClassInfo& cls);

  // demo_lessons.cpp
  void BuildTimetable();
  Unit SubjectUnit(size_t class_index, size_t subject, const std::vector<int64_t>& teachers);
  Unit ElectiveUnit();
  void AddAfterSchoolGroup();
  void SaveWeek(const std::vector<Unit>& units);

  storage::Connection& conn_;
  const Clock& clock_;
  Random& rnd_;
  std::set<std::string>& logins_;
  const std::string& hash_;
  const bool fixed_;
  DemoStats& stats_;
  const int64_t now_;

  // Made by the steps, in this order.
  int64_t school_id_ = 0;
  int year_ = 0;  // its first calendar year
  int64_t year_id_ = 0;
  std::string year_start_;
  std::vector<int64_t> rooms_;  // 101..112, 201..212, 301..312
  std::vector<int64_t> halls_;  // gym, small gym, assembly hall, workshop
  int64_t admin_ = 0;
  std::vector<int64_t> subject_ids_;  // by kSubjects index
  std::vector<Staff> teachers_;
  int64_t demo_teacher_ = 0;
  int64_t demo_class_teacher_ = 0;
  std::vector<ClassInfo> classes_;
};

}  // namespace ej::service::demo
