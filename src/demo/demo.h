// The demo school: a deterministic, realistic school for trying ejournal out
// and for benchmarks. Same input, same school (names, classes, logins);
// only the academic year follows today's date.
#pragma once

#include <ostream>

#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct DemoSize {
  int schools = 1;
  int students_per_school = 800;
  // The journal up to yesterday: topics, homework, marks, absences, the
  // marks of periods already over (false: empty journals, for tests that
  // need lessons nobody wrote into).
  bool journal = true;
};

struct DemoStats {
  int schools = 0;
  int classes = 0;
  int students = 0;
  int parents = 0;
  int staff = 0;
  int groups = 0;
  int lessons = 0;           // dated lessons of the year
  int unplaced_lessons = 0;  // weekly lessons the timetable builder could not place (0 expected)
  int records = 0;           // lessons with their topic written
  int marks = 0;
  int absences = 0;  // absent or late at a lesson
  int period_marks = 0;
};

// Fills an empty, migrated database in one transaction per school. The
// first school holds the fixed demo logins (admin, director, deputy,
// teacher, classteacher, student, parent, secretary); everybody else gets a
// transliterated login. Every demo password is "demo".
DemoStats GenerateDemo(storage::Connection& conn, const Clock& clock, const DemoSize& size);

// The fixed demo logins and what each may do, for `make run`.
void PrintDemoLogins(std::ostream& out);

// The academic year (1 September - 31 August) containing `date` ("YYYY-MM-DD"):
// its first calendar year, e.g. 2026 for "2027-03-15".
int AcademicYearStart(const std::string& date);

}  // namespace ej::service
