// Academic years and their calendars (R-ORG-1): study periods per grade,
// vacations and holidays, the working week.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct YearView {
  int64_t id = 0;
  int64_t school_id = 0;
  std::string name;      // «2026/2027»
  bool current = false;  // contains today
  domain::YearCalendar calendar;
};

struct NewYear {
  std::string name;
  std::string starts_on;  // "YYYY-MM-DD"
  std::string ends_on;
  int working_days = 5;
};

class CalendarService {
 public:
  explicit CalendarService(const Clock& clock) : clock_(clock) {}

  // Every member of the school (students and parents too: the diary shows periods).
  domain::Result<std::vector<YearView>> ListYears(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t school_id);
  domain::Result<YearView> GetYear(storage::Connection& conn, const domain::Actor& actor, int64_t year_id);
  // Administrator, director, deputy. Years of a school must not overlap.
  domain::Result<YearView> CreateYear(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                      const NewYear& year);
  // Replaces the working week, periods and holidays of a year with a checked
  // calendar, in one transaction; the year's own dates stay.
  domain::Result<YearView> SetCalendar(storage::Connection& conn, const domain::Actor& actor, int64_t year_id,
                                       domain::YearCalendar calendar);

 private:
  const Clock& clock_;
};

namespace calendar {

// Without rights checks, inside the caller's transaction (demo, import).
void Save(storage::Connection& conn, int64_t school_id, int64_t year_id, const domain::YearCalendar& calendar);
std::optional<YearView> Load(storage::Connection& conn, int64_t year_id, std::string_view today);

}  // namespace calendar

}  // namespace ej::service
