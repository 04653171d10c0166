// The demo school's classes (1-9 А, Б, В; 10-11 А, Б) with their class
// teachers and curriculum, and the families: students enrolled in turn,
// one or two parents each, their consents to the processing of personal data.
#include <iterator>

#include "demo/demo_school.h"
#include "demo/demo_tables.h"
#include "domain/russian_names.h"
#include "service/common/insert_statement.h"
#include "service/people/people_statements.h"
#include "service/school/curriculum_service.h"
#include "service/school/school_statements.h"

namespace ej::service::demo {

using domain::Sex;
using storage::Value;

bool SchoolBuilder::IsDemoClass(const ClassInfo& c) const {
  return fixed_ && c.grade == kDemoGrade && c.letter == kDemoLetter;
}

// Class teachers of grades 1-4 are primary teachers hired for the class; of
// grades 5-11, subject teachers in turn, the demo class teacher
// (teachers_[0]) kept for 7Б.
void SchoolBuilder::AddClasses() {
  for (int grade = 1; grade <= 11; ++grade) {
    for (int l = 0; l < (grade <= 9 ? 3 : 2); ++l) classes_.push_back({0, grade, kLetters[l], 0, {}, {}});
  }
  const size_t subject_teachers = teachers_.size();
  size_t next_class_teacher = 1;
  for (auto& c : classes_) {
    if (c.grade <= 4) {
      c.class_teacher = AddStaff("teacher", "учитель начальных классов", "", Sex::kFemale);
      teachers_.push_back({c.class_teacher, "primary"});
      ++stats_.staff;
    } else if (IsDemoClass(c)) {
      c.class_teacher = demo_class_teacher_;
    } else {
      c.class_teacher = teachers_[next_class_teacher++ % subject_teachers].id;
    }
    auto row = conn_.QueryOne(sql::InsertOne(kClassInto) + " RETURNING id",
                              {Value{school_id_}, Value{year_id_}, Value{int64_t{c.grade}},
                               Value{std::string(c.letter)}, Value{c.class_teacher}, Value{int64_t{1}}});
    c.id = row->Int(0);
    ++stats_.classes;
  }
}

void SchoolBuilder::AssignCurriculum() {
  for (auto& c : classes_) curriculum::Save(conn_, school_id_, c.id, CurriculumOf(c));
}

// The class's subjects with their teachers (also noted in `c.teachers`);
// English from grade 2 in two subgroups, each with its own teacher.
std::vector<domain::CurriculumLine> SchoolBuilder::CurriculumOf(ClassInfo& c) {
  const bool demo_class = IsDemoClass(c);
  std::vector<domain::CurriculumLine> lines;
  for (size_t s = 0; s < std::size(kSubjects); ++s) {
    const auto& def = kSubjects[s];
    if (c.grade < def.from_grade || c.grade > def.to_grade) continue;
    const int hours = def.hours[static_cast<size_t>(c.grade - 1)];
    if (def.specialty == "english") {
      Staff& first = LeastLoaded(def.specialty);
      first.load += hours;
      Staff& second = LeastLoadedOtherThan(def.specialty, first.id);
      second.load += hours;
      lines.push_back({subject_ids_[s], 2 * hours, {first.id, second.id}});
      c.teachers.push_back({s, {first.id, second.id}});
      continue;
    }
    int64_t teacher;
    if (c.grade <= 4 && PrimaryTeacherSubject(def.specialty, def.name)) {
      teacher = c.class_teacher;
    } else if (demo_class && def.specialty == "russian") {
      teacher = demo_class_teacher_;
    } else if (demo_class && (def.name == "Алгебра" || def.name == "Геометрия")) {
      teacher = demo_teacher_;
    } else {
      Staff& t = LeastLoaded(def.specialty);
      t.load += hours;
      teacher = t.id;
    }
    lines.push_back({subject_ids_[s], 2 * hours, {teacher}});
    c.teachers.push_back({s, {teacher}});
  }
  return lines;
}

// About one family in ten has two children here. Children are dealt to the
// classes in turn; the first family of 7Б is the demo's "parent" and "student".
void SchoolBuilder::AddFamilies(int students) {
  bool demo_student_done = !fixed_;
  size_t next_class = 0;
  for (int created = 0; created < students;) {
    const ClassInfo& first_class = classes_[next_class % classes_.size()];
    const bool demo_family = !demo_student_done && IsDemoClass(first_class);
    created += AddFamily(demo_family, students - created, next_class);
    if (demo_family) demo_student_done = true;
  }
}

// A mother, most often a father, and one child (two if `places_left`
// allows); returns the number of children.
int SchoolBuilder::AddFamily(bool demo_family, int places_left, size_t& next_class) {
  Person father = RandomAdult(Sex::kMale);
  Person mother = RandomAdult(Sex::kFemale);
  mother.last = domain::FeminineSurname(father.last);
  const bool with_father = rnd_.Chance(70);
  const int children = (rnd_.Chance(10) && places_left > 1) ? 2 : 1;
  std::vector<int64_t> parents;
  const std::string mother_login = UniqueLogin(mother);
  parents.push_back(
      InsertUser(mother, demo_family ? "parent" : mother_login, "", mother_login + "@example.com", Phone()));
  Grant(parents.back(), "parent", "");
  if (with_father) {
    const std::string father_login = UniqueLogin(father);
    parents.push_back(InsertUser(father, father_login, "", father_login + "@example.com", Phone()));
    Grant(parents.back(), "parent", "");
  }
  stats_.parents += static_cast<int>(parents.size());
  RecordConsents(parents);
  for (int k = 0; k < children; ++k) {
    AddChild(mother, father, parents, demo_family && k == 0, classes_[next_class++ % classes_.size()]);
  }
  return children;
}

// Most parents signed the consent at the start of the year; a few haven't
// yet. Decided by the id, so the random sequence (and the rest of the
// school) stays as it was.
void SchoolBuilder::RecordConsents(const std::vector<int64_t>& parents) {
  for (int64_t parent : parents) {
    if ((static_cast<uint64_t>(parent) * 2654435761u) % 100 >= 92) continue;
    conn_.Query(sql::InsertOne(kParentConsentInto),
                {Value{school_id_}, Value{parent}, Value{std::string("given")}, Value{year_start_},
                 Value{"Согласие № " + std::to_string(parent)}, Value{admin_}, Value{now_}});
  }
}

void SchoolBuilder::AddChild(const Person& mother, const Person& father, const std::vector<int64_t>& parents,
                             bool demo_child, ClassInfo& cls) {
  Sex sex = rnd_.Chance(50) ? Sex::kFemale : Sex::kMale;
  Person child{sex == Sex::kFemale ? mother.last : father.last,
               std::string(rnd_.Pick(sex == Sex::kFemale ? domain::ChildFemaleNames() : domain::ChildMaleNames())),
               domain::Patronymic(father.first, sex), sex};
  int64_t id = InsertUser(child, demo_child ? "student" : "", BirthDate(year_ - 7 - cls.grade), "", "");
  Grant(id, "student", "");
  cls.students.push_back(id);
  conn_.Query(sql::InsertOne(kEnrolmentInto), {Value{school_id_}, Value{id}, Value{cls.id}, Value{year_start_}});
  for (size_t pi = 0; pi < parents.size(); ++pi) {
    conn_.Query(sql::InsertOne(kGuardianInto),
                {Value{school_id_}, Value{parents[pi]}, Value{id}, Value{std::string(pi == 0 ? "mother" : "father")}});
  }
  ++stats_.students;
}

}  // namespace ej::service::demo
