#include "service/timetable/template_service.h"
#include "demo/demo.h"
#include "demo/demo_journal.h"
#include "demo/demo_random.h"

#include "service/journal/mark_service.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "domain/russian_names.h"
#include "domain/translit.h"
#include "service/school/calendar_service.h"
#include "service/common/crypto.h"
#include "service/school/curriculum_service.h"
#include "demo/demo_timetable.h"
#include "service/school/group_service.h"
#include "service/timetable/timetable_service.h"
#include "service/school/facility_service.h"
#include "service/common/principal.h"

namespace ej::service {

using domain::Sex;
using storage::Value;

namespace {

using demo::Random;

struct SubjectDef {
  std::string_view name;
  std::string_view short_name;
  int from_grade;
  int to_grade;
  std::string_view specialty;  // who teaches it in grades 5-11 (and specialists in 1-4)
  std::array<int, 11> hours;   // per week in grades 1..11 (the ФГОС sample curriculum)
};

// The subjects of the curriculum (ФГОС 2023 names) with the grades they are taught in.
constexpr SubjectDef kSubjects[] = {
    {"Русский язык", "Рус. яз.", 1, 11, "russian", {5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2}},
    {"Литературное чтение", "Лит. чт.", 1, 4, "primary", {4, 4, 4, 3}},
    {"Литература", "Лит-ра", 5, 11, "russian", {0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3}},
    {"Математика", "Матем.", 1, 6, "math", {4, 4, 4, 4, 5, 5}},
    {"Алгебра", "Алгебра", 7, 11, "math", {0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3}},
    {"Геометрия", "Геом.", 7, 11, "math", {0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2}},
    {"Вероятность и статистика", "Вер. и стат.", 7, 9, "math", {0, 0, 0, 0, 0, 0, 1, 1, 1}},
    {"Окружающий мир", "Окр. мир", 1, 4, "primary", {2, 2, 2, 2}},
    {"Английский язык", "Англ. яз.", 2, 11, "english", {0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3}},
    {"История", "История", 5, 11, "history", {0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2}},
    {"Обществознание", "Общ.", 6, 11, "history", {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2}},
    {"География", "Геогр.", 5, 10, "geography", {0, 0, 0, 0, 1, 1, 2, 2, 2, 1}},
    {"Биология", "Биол.", 5, 11, "biology", {0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1}},
    {"Физика", "Физика", 7, 11, "physics", {0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2}},
    {"Химия", "Химия", 8, 11, "chemistry", {0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1}},
    {"Информатика", "Информ.", 7, 11, "informatics", {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}},
    {"Музыка", "Музыка", 1, 8, "music", {1, 1, 1, 1, 1, 1, 1, 1}},
    {"Изобразительное искусство", "ИЗО", 1, 7, "art", {1, 1, 1, 1, 1, 1, 1}},
    {"Труд (технология)", "Труд", 1, 9, "labour", {1, 1, 1, 1, 2, 2, 2, 1, 1}},
    {"Физическая культура", "Физ-ра", 1, 11, "pe", {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}},
    {"Основы безопасности и защиты Родины", "ОБЗР", 8, 11, "obzr", {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}},
    {"Основы религиозных культур и светской этики", "ОРКСЭ", 4, 4, "history", {0, 0, 0, 1}},
};

// In grades 1-4 the class teacher teaches these; specialists the rest.
bool PrimaryTeacherSubject(std::string_view specialty, std::string_view name) {
  return specialty == "primary" || specialty == "russian" || name == "Математика" ||
         specialty == "art" || specialty == "labour";
}

struct Specialty {
  std::string_view key;
  int teachers;
  std::string_view position;
};

// 48 subject teachers; primary teachers are added one per class of grades 1-4.
constexpr Specialty kSpecialties[] = {
    {"russian", 8, "учитель русского языка и литературы"},
    {"math", 8, "учитель математики"},
    {"english", 7, "учитель английского языка"},
    {"history", 4, "учитель истории и обществознания"},
    {"geography", 2, "учитель географии"},
    {"biology", 3, "учитель биологии"},
    {"physics", 3, "учитель физики"},
    {"chemistry", 2, "учитель химии"},
    {"informatics", 2, "учитель информатики"},
    {"music", 1, "учитель музыки"},
    {"art", 1, "учитель изобразительного искусства"},
    {"labour", 2, "учитель труда (технологии)"},
    {"pe", 4, "учитель физической культуры"},
    {"obzr", 1, "преподаватель-организатор ОБЗР"},
};

constexpr std::string_view kLetters[] = {"А", "Б", "В"};

// The fixed demo logins live in class 7Б of the first school.
constexpr int kDemoGrade = 7;
constexpr std::string_view kDemoLetter = "Б";

// The usual calendar of a Russian school (quarters for 1-9, halves for
// 10-11, four vacations, the first graders' extra February week, public
// holidays) for the year starting 1 September of `y`.
domain::YearCalendar DemoCalendar(int y) {
  using domain::HolidayKind;
  using domain::PeriodKind;
  auto d = [](int year, unsigned month, unsigned day) {
    return domain::Date{date::year{year} / date::month{month} / date::day{day}};
  };
  const int n = y + 1;
  domain::YearCalendar c;
  c.starts_on = d(y, 9, 1);
  c.ends_on = d(n, 8, 31);
  c.working_days = 5;
  c.periods = {
      {1, "1 четверть", PeriodKind::kQuarter, d(y, 9, 1), d(y, 10, 24), 1, 9},
      {2, "2 четверть", PeriodKind::kQuarter, d(y, 11, 5), d(y, 12, 28), 1, 9},
      {3, "3 четверть", PeriodKind::kQuarter, d(n, 1, 12), d(n, 3, 20), 1, 9},
      {4, "4 четверть", PeriodKind::kQuarter, d(n, 3, 30), d(n, 5, 26), 1, 9},
      {1, "1 полугодие", PeriodKind::kHalf, d(y, 9, 1), d(y, 12, 28), 10, 11},
      {2, "2 полугодие", PeriodKind::kHalf, d(n, 1, 12), d(n, 5, 26), 10, 11},
  };
  c.holidays = {
      {"Осенние каникулы", HolidayKind::kVacation, d(y, 10, 25), d(y, 11, 4), 1, 11},
      {"Зимние каникулы", HolidayKind::kVacation, d(y, 12, 29), d(n, 1, 11), 1, 11},
      {"Дополнительные каникулы для первоклассников", HolidayKind::kVacation, d(n, 2, 15), d(n, 2, 21), 1, 1},
      {"Весенние каникулы", HolidayKind::kVacation, d(n, 3, 21), d(n, 3, 29), 1, 11},
      {"День защитника Отечества", HolidayKind::kHoliday, d(n, 2, 23), d(n, 2, 23), 1, 11},
      {"Международный женский день", HolidayKind::kHoliday, d(n, 3, 8), d(n, 3, 8), 1, 11},
      {"Праздник Весны и Труда", HolidayKind::kHoliday, d(n, 5, 1), d(n, 5, 1), 1, 11},
      {"День Победы", HolidayKind::kHoliday, d(n, 5, 9), d(n, 5, 9), 1, 11},
  };
  return c;
}

// Lessons of 45 minutes from 8:30 with breaks of 10 and 20 minutes, Monday to Friday.
std::vector<domain::BellSchedule> DemoBells() {
  unsigned weekdays = 0;
  for (int d = 1; d <= 5; ++d) weekdays |= domain::WeekdayBit(d);
  domain::BellSchedule main{"Основное расписание звонков", 1, weekdays, {}};
  static constexpr int kBreaks[] = {10, 20, 20, 10, 10, 10, 10};
  int start = 8 * 60 + 30;
  for (int n = 1; n <= 8; ++n) {
    main.lessons.push_back({n, start, start + 45});
    if (n < 8) start += 45 + kBreaks[n - 1];
  }
  return {main};
}

struct Person {
  std::string last;
  std::string first;
  std::string middle;
  Sex sex;
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
  std::vector<int64_t> students;  // in list order
  std::vector<std::pair<size_t, std::vector<int64_t>>> teachers;  // subject index, its teachers
};

class SchoolBuilder {
 public:
  SchoolBuilder(storage::Connection& conn, const Clock& clock, Random& rnd,
                std::set<std::string>& logins, const std::string& password_hash, bool fixed_logins)
      : conn_(conn), clock_(clock), rnd_(rnd), logins_(logins), hash_(password_hash),
        fixed_(fixed_logins), now_(clock.Now()) {}

  void Build(int number, int students, DemoStats& stats);
  int64_t school_id() const { return school_id_; }

 private:
  Person RandomAdult(Sex sex) {
    std::string father = std::string(rnd_.Pick(domain::AdultMaleNames()));
    std::string last = std::string(rnd_.Pick(domain::MaleSurnames()));
    if (sex == Sex::kFemale) {
      return {domain::FeminineSurname(last), std::string(rnd_.Pick(domain::AdultFemaleNames())),
              domain::Patronymic(father, sex), sex};
    }
    return {last, std::string(rnd_.Pick(domain::AdultMaleNames())), domain::Patronymic(father, sex), sex};
  }

  std::string UniqueLogin(const Person& p) {
    std::string base = domain::MakeLogin(p.last, p.first, p.middle);
    if (base.size() < 2) base = "user";
    std::string login = base;
    for (int n = 2; logins_.contains(login); ++n) login = base + std::to_string(n);
    logins_.insert(login);
    return login;
  }

  int64_t InsertUser(const Person& p, const std::string& fixed_login, const std::string& birth_date,
                     const std::string& email, const std::string& phone) {
    std::string login = fixed_login.empty() ? UniqueLogin(p) : fixed_login;
    if (!fixed_login.empty()) logins_.insert(login);
    auto row = conn_.QueryOne(
        "INSERT INTO users (login, password_hash, last_name, first_name, middle_name, sex,"
        " birth_date, email, phone, created_at, password_changed_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        {Value{login}, Value{hash_}, Value{p.last}, Value{p.first}, Value{p.middle},
         Value{std::string(domain::ToString(p.sex))}, birth_date.empty() ? Value{} : Value{birth_date},
         email.empty() ? Value{} : Value{email}, phone.empty() ? Value{} : Value{phone}, Value{now_}});
    return row->Int(0);
  }

  void Grant(int64_t user_id, std::string_view role, std::string_view position) {
    conn_.Query(
        "INSERT INTO user_roles (school_id, user_id, role, position, created_at)"
        " VALUES ($1, $2, $3, $4, $5)",
        {Value{school_id_}, Value{user_id}, Value{std::string(role)},
         position.empty() ? Value{} : Value{std::string(position)}, Value{now_}});
  }

  int64_t AddStaff(std::string_view role, std::string_view position, const std::string& fixed_login,
                   Sex sex) {
    Person p = RandomAdult(sex);
    std::string login = fixed_login.empty() ? UniqueLogin(p) : fixed_login;
    int64_t id = InsertUser(p, login, "", login + "@school.example.com", Phone());
    Grant(id, role, position);
    return id;
  }

  std::string Phone() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "+7 9%02d %03d-%02d-%02d", rnd_.Below(100), rnd_.Below(1000),
                  rnd_.Below(100), rnd_.Below(100));
    return buf;
  }

  std::string BirthDate(int from_year) {
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

  Staff& LeastLoaded(std::string_view specialty) { return LeastLoadedOtherThan(specialty, 0); }

  Staff& LeastLoadedOtherThan(std::string_view specialty, int64_t other) {
    Staff* best = nullptr;
    for (auto& t : teachers_) {
      if (t.specialty == specialty && t.id != other && (!best || t.load < best->load)) best = &t;
    }
    return *best;
  }

  void BuildTimetable(int64_t year_id, const std::string& year_start, int64_t admin,
                      const std::vector<int64_t>& subject_ids, const std::vector<int64_t>& rooms,
                      const std::vector<int64_t>& halls, std::vector<ClassInfo>& classes, DemoStats& stats);

  storage::Connection& conn_;
  const Clock& clock_;
  Random& rnd_;
  std::set<std::string>& logins_;
  const std::string& hash_;
  bool fixed_;
  int64_t now_;
  int64_t school_id_ = 0;
  std::vector<Staff> teachers_;
};

void SchoolBuilder::Build(int number, int students, DemoStats& stats) {
  auto fixed = [&](const char* login) { return fixed_ ? std::string(login) : std::string(); };
  auto school = conn_.QueryOne(
      "INSERT INTO schools (name, short_name, time_zone, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
      {Value{"МБОУ «Средняя общеобразовательная школа № " + std::to_string(number) + "»"},
       Value{"СОШ № " + std::to_string(number)}, Value{std::string("Europe/Moscow")}, Value{now_}});
  school_id_ = school->Int(0);
  marks::SeedWorkTypes(conn_, school_id_);
  const int year = AcademicYearStart(clock_.Today());
  const std::string year_start = std::to_string(year) + "-09-01";
  auto year_row = conn_.QueryOne(
      "INSERT INTO academic_years (school_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4) RETURNING id",
      {Value{school_id_}, Value{std::to_string(year) + "/" + std::to_string(year + 1)}, Value{year_start},
       Value{std::to_string(year + 1) + "-08-31"}});
  const int64_t year_id = year_row->Int(0);
  calendar::Save(conn_, school_id_, year_id, DemoCalendar(year));
  facility::SaveBells(conn_, school_id_, year_id, DemoBells());
  std::vector<int64_t> rooms;  // 101..112, 201..212, 301..312
  for (int floor = 1; floor <= 3; ++floor) {
    for (int n = 1; n <= 12; ++n) {
      rooms.push_back(facility::AddRoom(conn_, school_id_, {std::to_string(floor * 100 + n), 30, std::nullopt}));
    }
  }
  std::vector<int64_t> halls;
  for (const char* hall : {"Спортивный зал", "Малый спортивный зал", "Актовый зал", "Мастерская"}) {
    halls.push_back(facility::AddRoom(conn_, school_id_, {hall, std::nullopt, std::nullopt}));
  }

  // Administration.
  AddStaff("director", "директор", fixed("director"), rnd_.Chance(60) ? Sex::kFemale : Sex::kMale);
  AddStaff("deputy", "заместитель директора по учебно-воспитательной работе", fixed("deputy"), Sex::kFemale);
  AddStaff("deputy", "заместитель директора по воспитательной работе", "", Sex::kFemale);
  const int64_t admin = AddStaff("administrator", "администратор электронного журнала", fixed("admin"), Sex::kMale);
  AddStaff("secretary", "секретарь учебной части", fixed("secretary"), Sex::kFemale);
  stats.staff += 5;

  // Subjects.
  std::vector<int64_t> subject_ids;
  for (const auto& s : kSubjects) {
    auto row = conn_.QueryOne(
        "INSERT INTO subjects (school_id, name, short_name, assessment) VALUES ($1, $2, $3, $4) RETURNING id",
        {Value{school_id_}, Value{std::string(s.name)}, Value{std::string(s.short_name)},
         // ОРКСЭ is assessed pass/fail, as schools do.
         Value{std::string(s.name == "Основы религиозных культур и светской этики" ? "pass_fail" : "graded")}});
    subject_ids.push_back(row->Int(0));
  }

  // Subject teachers; the demo's "teacher" teaches mathematics and its
  // "classteacher" Russian (both in 7Б).
  int64_t demo_teacher = 0;
  int64_t demo_class_teacher = 0;
  for (const auto& sp : kSpecialties) {
    for (int i = 0; i < sp.teachers; ++i) {
      std::string login;
      if (i == 0 && sp.key == "math") login = fixed("teacher");
      if (i == 0 && sp.key == "russian") login = fixed("classteacher");
      Sex sex = rnd_.Chance(sp.key == "pe" || sp.key == "obzr" || sp.key == "physics" ? 30 : 80)
                    ? Sex::kFemale : Sex::kMale;
      int64_t id = AddStaff("teacher", sp.position, login, sex);
      if (login == "teacher") demo_teacher = id;
      if (login == "classteacher") demo_class_teacher = id;
      teachers_.push_back({id, std::string(sp.key)});
      ++stats.staff;
    }
  }

  // Classes: 1-9 А, Б, В; 10-11 А, Б. Students spread evenly.
  std::vector<ClassInfo> classes;
  for (int grade = 1; grade <= 11; ++grade) {
    for (int l = 0; l < (grade <= 9 ? 3 : 2); ++l) classes.push_back({0, grade, kLetters[l], 0, {}, {}});
  }
  // Class teachers of grades 5-11: subject teachers in turn, the demo class
  // teacher (teachers_[0]) kept for 7Б.
  const size_t subject_teachers = teachers_.size();
  size_t next_class_teacher = 1;
  for (auto& c : classes) {
    int64_t class_teacher;
    if (c.grade <= 4) {
      Person p = RandomAdult(Sex::kFemale);
      std::string login = UniqueLogin(p);
      class_teacher = InsertUser(p, login, "", login + "@school.example.com", Phone());
      Grant(class_teacher, "teacher", "учитель начальных классов");
      teachers_.push_back({class_teacher, "primary"});
      ++stats.staff;
    } else if (fixed_ && c.grade == kDemoGrade && c.letter == kDemoLetter) {
      class_teacher = demo_class_teacher;
    } else {
      class_teacher = teachers_[next_class_teacher++ % subject_teachers].id;
    }
    c.class_teacher = class_teacher;
    auto row = conn_.QueryOne(
        "INSERT INTO classes (school_id, year_id, grade, letter, class_teacher_id)"
        " VALUES ($1, $2, $3, $4, $5) RETURNING id",
        {Value{school_id_}, Value{year_id}, Value{int64_t{c.grade}}, Value{std::string(c.letter)},
         Value{class_teacher}});
    c.id = row->Int(0);
    ++stats.classes;
  }

  // The curriculum with its teachers; English from grade 2 in two
  // subgroups, each with its own teacher.
  for (auto& c : classes) {
    const bool demo_class = fixed_ && c.grade == kDemoGrade && c.letter == kDemoLetter;
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
        lines.push_back({subject_ids[s], 2 * hours, {first.id, second.id}});
        c.teachers.push_back({s, {first.id, second.id}});
        continue;
      }
      int64_t teacher;
      if (c.grade <= 4 && PrimaryTeacherSubject(def.specialty, def.name)) {
        teacher = c.class_teacher;
      } else if (demo_class && def.specialty == "russian") {
        teacher = demo_class_teacher;
      } else if (demo_class && (def.name == "Алгебра" || def.name == "Геометрия")) {
        teacher = demo_teacher;
      } else {
        Staff& t = LeastLoaded(def.specialty);
        t.load += def.hours[static_cast<size_t>(c.grade - 1)];
        teacher = t.id;
      }
      lines.push_back({subject_ids[s], 2 * hours, {teacher}});
      c.teachers.push_back({s, {teacher}});
    }
    curriculum::Save(conn_, school_id_, c.id, lines);
  }

  // Students with their parents; about one family in ten has two children
  // here. Children are dealt to the classes in turn.
  bool demo_student_done = !fixed_;
  size_t next_class = 0;
  for (int created = 0; created < students;) {
    const ClassInfo& first_class = classes[next_class % classes.size()];
    const bool demo_family = !demo_student_done && first_class.grade == kDemoGrade &&
                             first_class.letter == kDemoLetter;
    Person father = RandomAdult(Sex::kMale);
    Person mother = RandomAdult(Sex::kFemale);
    mother.last = domain::FeminineSurname(father.last);
    const bool with_father = rnd_.Chance(70);
    const int children = (rnd_.Chance(10) && created + 1 < students) ? 2 : 1;
    std::vector<int64_t> parents;
    const std::string mother_login = UniqueLogin(mother);
    parents.push_back(InsertUser(mother, demo_family ? "parent" : mother_login, "",
                                 mother_login + "@example.com", Phone()));
    Grant(parents.back(), "parent", "");
    if (with_father) {
      const std::string father_login = UniqueLogin(father);
      parents.push_back(InsertUser(father, father_login, "", father_login + "@example.com", Phone()));
      Grant(parents.back(), "parent", "");
    }
    stats.parents += static_cast<int>(parents.size());
    // Most parents signed the consent to the processing of personal data at
    // the start of the year; a few haven't yet. Decided by the id, so the
    // random sequence (and the rest of the school) stays as it was.
    for (int64_t parent : parents) {
      if ((static_cast<uint64_t>(parent) * 2654435761u) % 100 >= 92) continue;
      conn_.Query(
          "INSERT INTO parent_consents (school_id, parent_id, kind, effective_on, document, recorded_by, recorded_at)"
          " VALUES ($1, $2, 'given', $3, $4, $5, $6)",
          {Value{school_id_}, Value{parent}, Value{year_start}, Value{"Согласие № " + std::to_string(parent)},
           Value{admin}, Value{now_}});
    }
    for (int k = 0; k < children; ++k, ++created) {
      ClassInfo& cls = classes[next_class++ % classes.size()];
      Sex sex = rnd_.Chance(50) ? Sex::kFemale : Sex::kMale;
      Person child{sex == Sex::kFemale ? mother.last : father.last,
                   std::string(rnd_.Pick(sex == Sex::kFemale ? domain::ChildFemaleNames()
                                                             : domain::ChildMaleNames())),
                   domain::Patronymic(father.first, sex), sex};
      const bool demo_child = demo_family && k == 0;
      int64_t id = InsertUser(child, demo_child ? "student" : "", BirthDate(year - 7 - cls.grade), "", "");
      Grant(id, "student", "");
      cls.students.push_back(id);
      conn_.Query(
          "INSERT INTO enrolments (school_id, student_id, class_id, starts_on) VALUES ($1, $2, $3, $4)",
          {Value{school_id_}, Value{id}, Value{cls.id}, Value{year_start}});
      for (size_t pi = 0; pi < parents.size(); ++pi) {
        conn_.Query(
            "INSERT INTO guardians (school_id, parent_id, student_id, relation) VALUES ($1, $2, $3, $4)",
            {Value{school_id_}, Value{parents[pi]}, Value{id},
             Value{std::string(pi == 0 ? "mother" : "father")}});
      }
      ++stats.students;
    }
    if (demo_family) demo_student_done = true;
  }

  BuildTimetable(year_id, year_start, admin, subject_ids, rooms, halls, classes, stats);
  ++stats.schools;
}

// Language subgroups (halves of the class list), an elective across the
// tenth grade, the first graders' after-school group, and a conflict-free
// week for all of them from the first day of the year.
void SchoolBuilder::BuildTimetable(int64_t year_id, const std::string& year_start, int64_t admin,
                                   const std::vector<int64_t>& subject_ids, const std::vector<int64_t>& rooms,
                                   const std::vector<int64_t>& halls, std::vector<ClassInfo>& classes,
                                   DemoStats& stats) {
  using domain::GroupKind;
  using domain::LessonTarget;
  const int64_t gym = halls[0];
  const int64_t small_gym = halls[1];
  const int64_t workshop = halls[3];
  std::vector<demo::Unit> units;
  for (size_t i = 0; i < classes.size(); ++i) {
    ClassInfo& c = classes[i];
    const int64_t home = rooms[i];
    const LessonTarget whole = LessonTarget::Class(c.id);
    for (const auto& [s, teachers] : c.teachers) {
      const SubjectDef& def = kSubjects[s];
      demo::Unit unit;
      unit.classes = {c.id};
      unit.per_week = def.hours[static_cast<size_t>(c.grade - 1)];
      if (teachers.size() == 2) {
        // Two subgroups at the same time: the first stays in the home room.
        const std::string short_name(def.short_name);
        const std::string class_name = ClassName(c.grade, std::string(c.letter));
        const size_t half = (c.students.size() + 1) / 2;
        std::vector<int64_t> other_rooms(rooms.rbegin(), rooms.rend());
        for (int g = 0; g < 2; ++g) {
          NewGroup group;
          group.kind = GroupKind::kSubgroup;
          group.name = class_name + " " + short_name + ", гр. " + std::to_string(g + 1);
          group.class_id = c.id;
          group.subject_id = subject_ids[s];
          group.teacher_id = teachers[static_cast<size_t>(g)];
          const int64_t group_id = groups::Insert(conn_, school_id_, year_id, group, 1);
          ++stats.groups;
          const size_t from = g == 0 ? 0 : half;
          const size_t to = g == 0 ? half : c.students.size();
          for (size_t k = from; k < to; ++k) groups::AddMember(conn_, school_id_, group_id, c.students[k], year_start);
          unit.parts.push_back({LessonTarget::Group(group_id), subject_ids[s], group.teacher_id.value(),
                                g == 0 ? std::vector<int64_t>{home} : other_rooms});
        }
      } else {
        std::vector<int64_t> where = {home};
        if (def.specialty == "pe") where = {gym, small_gym};
        if (def.specialty == "labour" && c.grade >= 5) where = {workshop, home};
        unit.parts.push_back({whole, subject_ids[s], teachers.front(), where});
      }
      units.push_back(std::move(unit));
    }
  }

  // An elective for the tenth grade (every other student of 10А and 10Б),
  // after the lessons.
  std::vector<int64_t> tenth;
  std::vector<int64_t> elective_members;
  for (const auto& c : classes) {
    if (c.grade != 10) continue;
    tenth.push_back(c.id);
    for (size_t k = 0; k < c.students.size(); k += 2) elective_members.push_back(c.students[k]);
  }
  const size_t history = static_cast<size_t>(std::find_if(std::begin(kSubjects), std::end(kSubjects),
                                                          [](const SubjectDef& d) { return d.name == "Обществознание"; }) -
                                             std::begin(kSubjects));
  NewGroup elective;
  elective.kind = GroupKind::kLearning;
  elective.name = "Элективный курс «Финансовая грамотность», 10 кл.";
  elective.subject_id = subject_ids[history];
  elective.teacher_id = LeastLoaded("history").id;
  elective.half_hours_per_week = 2;
  const int64_t elective_id = groups::Insert(conn_, school_id_, year_id, elective, 1);
  ++stats.groups;
  for (int64_t id : elective_members) groups::AddMember(conn_, school_id_, elective_id, id, year_start);
  demo::Unit unit;
  unit.classes = tenth;
  unit.per_week = 1;
  unit.earliest = 7;
  unit.parts.push_back({LessonTarget::Group(elective_id), subject_ids[history], *elective.teacher_id, {rooms.back()}});
  units.push_back(std::move(unit));

  // The after-school group of the first grade: half of each first class.
  NewGroup after_school;
  after_school.kind = GroupKind::kAfterSchool;
  after_school.name = "ГПД 1-х классов";
  after_school.teacher_id = classes.front().class_teacher;
  const int64_t after_school_id = groups::Insert(conn_, school_id_, year_id, after_school, 1);
  ++stats.groups;
  for (const auto& c : classes) {
    if (c.grade != 1) continue;
    for (size_t k = 0; k < c.students.size() / 2; ++k) {
      groups::AddMember(conn_, school_id_, after_school_id, c.students[k], year_start);
    }
  }

  const demo::WeekPlan plan = demo::PlaceWeek(units, 5, 8);
  stats.unplaced_lessons += plan.unplaced;
  for (const auto& [target, slots] : plan.slots) {
    timetable::SaveTemplateUnchecked(conn_, admin, now_, {target, year_start, slots});
  }
  auto count = conn_.QueryOne("SELECT COUNT(*) FROM lessons WHERE school_id = $1", {Value{school_id_}});
  stats.lessons += static_cast<int>(count->Int(0));
}

}  // namespace

int AcademicYearStart(const std::string& date) {
  int year = std::stoi(date.substr(0, 4));
  int month = std::stoi(date.substr(5, 2));
  return month >= 9 ? year : year - 1;
}

DemoStats GenerateDemo(storage::Connection& conn, const Clock& clock, const DemoSize& size) {
  DemoStats stats;
  Random rnd(20260901);
  std::set<std::string> logins = {"admin", "director", "deputy", "teacher", "classteacher",
                                  "student", "parent", "secretary"};
  // One hash for every demo account: argon2id thousands of times would take minutes.
  const std::string hash = HashPassword("demo");
  for (int n = 1; n <= size.schools; ++n) {
    storage::Transaction tx(conn, storage::TxMode::kWrite);
    SchoolBuilder builder(conn, clock, rnd, logins, hash, n == 1);
    builder.Build(n == 1 ? 7 : 100 + n, size.students_per_school, stats);
    if (size.journal) {
      auto teacher = n == 1 ? conn.QueryOne("SELECT id FROM users WHERE login = 'teacher'") : std::nullopt;
      const auto filled = demo::FillJournal(conn, builder.school_id(), clock.Today(), teacher ? teacher->Int(0) : 0,
                                            20260901 + static_cast<uint64_t>(n));
      stats.marks += filled.marks;
      stats.absences += filled.absences;
      stats.records += filled.records;
      stats.period_marks += filled.period_marks;
    }
    tx.Commit();
  }
  return stats;
}

void PrintDemoLogins(std::ostream& out) {
  out << "\nДемо-входы (пароль у всех: demo):\n"
         "  admin         администратор электронного журнала\n"
         "  director      директор\n"
         "  deputy        заместитель директора по УВР\n"
         "  teacher       учитель математики (алгебра и геометрия в 7Б)\n"
         "  classteacher  классный руководитель 7Б, учитель русского языка и литературы\n"
         "  student       ученик 7Б\n"
         "  parent        родитель ученика student\n"
         "  secretary     секретарь учебной части\n"
         "Остальные люди демо-школы входят по логину из транслита ФИО (например, ivanov.ps),\n"
         "тоже с паролем demo.\n";
}

}  // namespace ej::service
