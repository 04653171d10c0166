// The demo school's fixed tables: the curriculum (subjects, their grades and
// weekly hours), the staff by specialty, the class letters, where the fixed
// demo logins study, the calendar and the bells of a usual Russian school.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "domain/bells.h"
#include "domain/calendar.h"

namespace ej::service::demo {

struct SubjectDef {
  std::string_view name;
  std::string_view short_name;
  int from_grade;
  int to_grade;
  std::string_view specialty;  // who teaches it in grades 5-11 (and specialists in 1-4)
  std::array<int, 11> hours;   // per week in grades 1..11 (the ФГОС sample curriculum)
};

// The subjects of the curriculum (ФГОС 2023 names) with the grades they are taught in.
inline constexpr SubjectDef kSubjects[] = {
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
inline bool PrimaryTeacherSubject(std::string_view specialty, std::string_view name) {
  return specialty == "primary" || specialty == "russian" || name == "Математика" || specialty == "art" ||
         specialty == "labour";
}

struct Specialty {
  std::string_view key;
  int teachers;
  std::string_view position;
};

// 48 subject teachers; primary teachers are added one per class of grades 1-4.
inline constexpr Specialty kSpecialties[] = {
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

inline constexpr std::string_view kLetters[] = {"А", "Б", "В"};

// The fixed demo logins live in class 7Б of the first school.
inline constexpr int kDemoGrade = 7;
inline constexpr std::string_view kDemoLetter = "Б";

// The usual calendar of a Russian school (quarters for 1-9, halves for
// 10-11, four vacations, the first graders' extra February week, public
// holidays) for the year starting 1 September of `y`.
domain::YearCalendar DemoCalendar(int y);

// Lessons of 45 minutes from 8:30 with breaks of 10 and 20 minutes, Monday to Friday.
std::vector<domain::BellSchedule> DemoBells();

// Sections of a subject's programme, for the lessons' topics.
std::vector<std::string_view> SectionsOf(std::string_view subject);

}  // namespace ej::service::demo
