#include "service/school/calendar_service.h"

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "service/common/insert_statement.h"
#include "service/school/school_statements.h"
#include "service/timetable/lesson_generation.h"
#include "service/timetable/timetable_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::FormatDate;
using domain::ParseDate;
using storage::TxMode;
using storage::Value;

namespace {

struct YearColumns : storage::Columns {
  size_t id = Add("id");
  size_t school_id = Add("school_id");
  size_t name = Add("name");
  size_t starts_on = Add("starts_on");
  size_t ends_on = Add("ends_on");
  size_t working_days = Add("working_days");
};
const YearColumns kYear;
const std::string kYearSql = "SELECT " + kYear.List() + " FROM academic_years WHERE id = $1";

struct PeriodColumns : storage::Columns {
  size_t number = Add("number");
  size_t name = Add("name");
  size_t kind = Add("kind");
  size_t starts_on = Add("starts_on");
  size_t ends_on = Add("ends_on");
  size_t grade_from = Add("grade_from");
  size_t grade_to = Add("grade_to");
};
const PeriodColumns kPeriod;
const std::string kPeriodsSql =
    "SELECT " + kPeriod.List() + " FROM study_periods WHERE year_id = $1 ORDER BY grade_from, starts_on, id";

struct HolidayColumns : storage::Columns {
  size_t name = Add("name");
  size_t kind = Add("kind");
  size_t starts_on = Add("starts_on");
  size_t ends_on = Add("ends_on");
  size_t grade_from = Add("grade_from");
  size_t grade_to = Add("grade_to");
};
const HolidayColumns kHoliday;
const std::string kHolidaysSql =
    "SELECT " + kHoliday.List() + " FROM holidays WHERE year_id = $1 ORDER BY starts_on, grade_from, id";

// Dates come from our own DATE columns: a malformed one is a bug.
domain::Date StoredDate(const std::string& text) {
  auto d = ParseDate(text.substr(0, 10));
  if (!d) throw storage::StorageError(storage::StorageError::Kind::kOther, "bad stored date " + text);
  return *d;
}

int Int(const storage::Row& r, size_t i) { return static_cast<int>(r.Int(i)); }

Error CalendarError(const std::vector<std::string>& problems) {
  std::string detail;
  for (size_t i = 0; i < problems.size() && i < 5; ++i) {
    if (i) detail += "; ";
    detail += problems[i];
  }
  if (problems.size() > 5) detail += "; и ещё " + std::to_string(problems.size() - 5);
  return Error::WithDetail(ErrorCode::kInvalidCalendar, detail);
}

}  // namespace

namespace calendar {

std::optional<YearView> Load(storage::Connection& conn, int64_t year_id, std::string_view today) {
  auto y = conn.QueryOne(kYearSql, {Value{year_id}});
  if (!y) return std::nullopt;
  const YearColumns& k = kYear;
  YearView v;
  v.id = y->Int(k.id);
  v.school_id = y->Int(k.school_id);
  v.name = y->Text(k.name);
  v.calendar.starts_on = StoredDate(y->Text(k.starts_on));
  v.calendar.ends_on = StoredDate(y->Text(k.ends_on));
  v.calendar.working_days = Int(*y, k.working_days);
  auto day = ParseDate(today);
  v.current = day && v.calendar.starts_on <= *day && *day <= v.calendar.ends_on;
  const PeriodColumns& p = kPeriod;
  for (const auto& r : conn.Query(kPeriodsSql, {Value{year_id}})) {
    v.calendar.periods.push_back({Int(r, p.number), r.Text(p.name), *domain::ParsePeriodKind(r.Text(p.kind)),
                                  StoredDate(r.Text(p.starts_on)), StoredDate(r.Text(p.ends_on)), Int(r, p.grade_from),
                                  Int(r, p.grade_to)});
  }
  const HolidayColumns& h = kHoliday;
  for (const auto& r : conn.Query(kHolidaysSql, {Value{year_id}})) {
    v.calendar.holidays.push_back({r.Text(h.name), *domain::ParseHolidayKind(r.Text(h.kind)),
                                   StoredDate(r.Text(h.starts_on)), StoredDate(r.Text(h.ends_on)), Int(r, h.grade_from),
                                   Int(r, h.grade_to)});
  }
  return v;
}

void Save(storage::Connection& conn, int64_t school_id, int64_t year_id, const domain::YearCalendar& c) {
  conn.Query("UPDATE academic_years SET working_days = $2 WHERE id = $1",
             {Value{year_id}, Value{int64_t{c.working_days}}});
  conn.Query("DELETE FROM study_periods WHERE year_id = $1", {Value{year_id}});
  conn.Query("DELETE FROM holidays WHERE year_id = $1", {Value{year_id}});
  for (const auto& p : c.periods) {
    conn.Query(
        "INSERT INTO study_periods (school_id, year_id, number, name, kind, starts_on, ends_on,"
        " grade_from, grade_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {Value{school_id}, Value{year_id}, Value{int64_t{p.number}}, Value{p.name},
         Value{std::string(domain::ToString(p.kind))}, Value{FormatDate(p.starts_on)}, Value{FormatDate(p.ends_on)},
         Value{int64_t{p.grade_from}}, Value{int64_t{p.grade_to}}});
  }
  for (const auto& h : c.holidays) {
    conn.Query(
        "INSERT INTO holidays (school_id, year_id, name, kind, starts_on, ends_on, grade_from, grade_to)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {Value{school_id}, Value{year_id}, Value{h.name}, Value{std::string(domain::ToString(h.kind))},
         Value{FormatDate(h.starts_on)}, Value{FormatDate(h.ends_on)}, Value{int64_t{h.grade_from}},
         Value{int64_t{h.grade_to}}});
  }
}

}  // namespace calendar

domain::Result<std::vector<YearView>> CalendarService::ListYears(storage::Connection& conn, const domain::Actor& actor,
                                                                 int64_t school_id) {
  if (!domain::Allowed(actor, Action::kViewSchoolCalendar, domain::Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<YearView> out;
  const std::string today = clock_.Today();
  for (const auto& r :
       conn.Query("SELECT id FROM academic_years WHERE school_id = $1 ORDER BY starts_on", {Value{school_id}})) {
    if (auto y = calendar::Load(conn, r.Int(0), today)) out.push_back(std::move(*y));
  }
  tx.Commit();
  return out;
}

domain::Result<YearView> CalendarService::GetYear(storage::Connection& conn, const domain::Actor& actor,
                                                  int64_t year_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto year = calendar::Load(conn, year_id, clock_.Today());
  tx.Commit();
  // Another school's year looks like a missing one.
  if (!year || !domain::Allowed(actor, Action::kViewSchoolCalendar, domain::Resource::OfSchool(year->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  return std::move(*year);
}

domain::Result<YearView> CalendarService::CreateYear(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t school_id, const NewYear& year) {
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, domain::Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto st = domain::CheckNamePart("name", year.name); !st) return st.error();
  auto starts = ParseDate(year.starts_on);
  auto ends = ParseDate(year.ends_on);
  if (!starts) return Error::WithDetail(ErrorCode::kInvalidValue, "startsOn (ГГГГ-ММ-ДД)");
  if (!ends) return Error::WithDetail(ErrorCode::kInvalidValue, "endsOn (ГГГГ-ММ-ДД)");
  auto problems = domain::CheckYearDates(*starts, *ends);
  if (year.working_days != 5 && year.working_days != 6) {
    problems.push_back("учебная неделя может быть только пятидневной или шестидневной");
  }
  if (!problems.empty()) return CalendarError(problems);
  storage::Transaction tx(conn, TxMode::kWrite);
  if (conn.QueryOne("SELECT 1 FROM academic_years WHERE school_id = $1 AND starts_on <= $3 AND ends_on >= $2",
                    {Value{school_id}, Value{year.starts_on}, Value{year.ends_on}})) {
    return CalendarError({"даты пересекаются с другим учебным годом этой школы"});
  }
  auto row = conn.QueryOne(sql::InsertOne(kAcademicYearInto) + " RETURNING id",
                           {Value{school_id}, Value{year.name}, Value{year.starts_on}, Value{year.ends_on},
                            Value{int64_t{year.working_days}}});
  auto view = calendar::Load(conn, row->Int(0), clock_.Today());
  tx.Commit();
  return std::move(*view);
}

domain::Result<YearView> CalendarService::SetCalendar(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t year_id, domain::YearCalendar c) {
  storage::Transaction tx(conn, TxMode::kWrite);
  auto year = calendar::Load(conn, year_id, clock_.Today());
  if (!year || !domain::Allowed(actor, Action::kViewSchoolCalendar, domain::Resource::OfSchool(year->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, domain::Resource::OfSchool(year->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  c.starts_on = year->calendar.starts_on;
  c.ends_on = year->calendar.ends_on;
  if (auto problems = domain::CheckCalendar(c); !problems.empty()) return CalendarError(problems);
  calendar::Save(conn, year->school_id, year_id, c);
  // The timetable follows from today on: lessons on new days off go, new
  // teaching days get theirs. The past stays as it was held.
  auto resync = timetable::Resync(conn, year_id, clock_.Today(), clock_.Now());
  if (!resync.problems.empty()) return Error::WithDetail(ErrorCode::kInvalidCalendar, resync.problems.front());
  auto view = calendar::Load(conn, year_id, clock_.Today());
  tx.Commit();
  return std::move(*view);
}

}  // namespace ej::service
