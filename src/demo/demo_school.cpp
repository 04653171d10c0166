// The demo school itself (its year, work types, calendar, bells, rooms and
// subjects) and the order in which SchoolBuilder makes the rest.
#include "demo/demo_school.h"

#include <string>

#include "demo/demo_tables.h"
#include "service/common/insert_statement.h"
#include "service/journal/mark_service.h"
#include "service/school/calendar_service.h"
#include "service/school/facility_service.h"
#include "service/school/school_statements.h"

namespace ej::service::demo {

using storage::Value;

void SchoolBuilder::Build(int number, int students) {
  AddSchool(number);
  AddRooms();
  AddAdministration();
  AddSubjects();
  AddSubjectTeachers();
  AddClasses();
  AssignCurriculum();
  AddFamilies(students);
  BuildTimetable();
  ++stats_.schools;
}

void SchoolBuilder::AddSchool(int number) {
  auto school =
      conn_.QueryOne(sql::InsertOne(kSchoolInto) + " RETURNING id",
                     {Value{"МБОУ «Средняя общеобразовательная школа № " + std::to_string(number) + "»"},
                      Value{"СОШ № " + std::to_string(number)}, Value{std::string("Europe/Moscow")}, Value{now_}});
  school_id_ = school->Int(0);
  journal_rules::SeedWorkTypes(conn_, school_id_);
  year_ = AcademicYearStart(clock_.Today());
  year_start_ = std::to_string(year_) + "-09-01";
  const domain::YearCalendar year_calendar = DemoCalendar(year_);
  auto year_row = conn_.QueryOne(
      sql::InsertOne(kAcademicYearInto) + " RETURNING id",
      {Value{school_id_}, Value{std::to_string(year_) + "/" + std::to_string(year_ + 1)}, Value{year_start_},
       Value{std::to_string(year_ + 1) + "-08-31"}, Value{int64_t{year_calendar.working_days}}});
  year_id_ = year_row->Int(0);
  calendar::Save(conn_, school_id_, year_id_, year_calendar);
  facility::SaveBells(conn_, school_id_, year_id_, DemoBells());
}

void SchoolBuilder::AddRooms() {
  for (int floor = 1; floor <= 3; ++floor) {
    for (int n = 1; n <= 12; ++n) {
      rooms_.push_back(facility::AddRoom(conn_, school_id_, {std::to_string(floor * 100 + n), 30, std::nullopt}));
    }
  }
  for (const char* hall : {"Спортивный зал", "Малый спортивный зал", "Актовый зал", "Мастерская"}) {
    halls_.push_back(facility::AddRoom(conn_, school_id_, {hall, std::nullopt, std::nullopt}));
  }
}

// No service writes subjects (there is no use case for it yet), so this
// statement is the demo's own.
void SchoolBuilder::AddSubjects() {
  for (const auto& s : kSubjects) {
    auto row = conn_.QueryOne(
        "INSERT INTO subjects (school_id, name, short_name, assessment) VALUES ($1, $2, $3, $4) RETURNING id",
        {Value{school_id_}, Value{std::string(s.name)}, Value{std::string(s.short_name)},
         // ОРКСЭ is assessed pass/fail, as schools do.
         Value{std::string(s.name == "Основы религиозных культур и светской этики" ? "pass_fail" : "graded")}});
    subject_ids_.push_back(row->Int(0));
  }
}

}  // namespace ej::service::demo
