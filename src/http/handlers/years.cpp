// School years: their calendars and bells (docs/api/openapi.yaml: /years, /years/{id},
// /years/{id}/calendar, /years/{id}/bells).
#include <algorithm>
#include <boost/json/array.hpp>

#include "domain/bells.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::ErrorCode;

namespace {

json::object YearJson(const service::YearView& y) {
  json::array periods;
  for (const auto& p : y.calendar.periods) {
    periods.push_back(json::object{{"number", p.number},
                                   {"name", p.name},
                                   {"kind", domain::ToString(p.kind)},
                                   {"startsOn", domain::FormatDate(p.starts_on)},
                                   {"endsOn", domain::FormatDate(p.ends_on)},
                                   {"gradeFrom", p.grade_from},
                                   {"gradeTo", p.grade_to}});
  }
  json::array holidays;
  for (const auto& h : y.calendar.holidays) {
    holidays.push_back(json::object{{"name", h.name},
                                    {"kind", domain::ToString(h.kind)},
                                    {"startsOn", domain::FormatDate(h.starts_on)},
                                    {"endsOn", domain::FormatDate(h.ends_on)},
                                    {"gradeFrom", h.grade_from},
                                    {"gradeTo", h.grade_to}});
  }
  return json::object{{"id", y.id},
                      {"schoolId", y.school_id},
                      {"name", y.name},
                      {"startsOn", domain::FormatDate(y.calendar.starts_on)},
                      {"endsOn", domain::FormatDate(y.calendar.ends_on)},
                      {"workingDays", y.calendar.working_days},
                      {"current", y.current},
                      {"periods", std::move(periods)},
                      {"holidays", std::move(holidays)}};
}

json::value BellsJson(int64_t year_id, const std::vector<domain::BellSchedule>& bells) {
  json::array schedules;
  for (const auto& s : bells) {
    json::array weekdays;
    for (int d = 1; d <= 7; ++d) {
      if (s.weekdays & domain::WeekdayBit(d)) weekdays.push_back(d);
    }
    json::array lessons;
    for (const auto& l : s.lessons) {
      lessons.push_back(json::object{{"number", l.number},
                                     {"start", domain::FormatTimeOfDay(l.starts_at)},
                                     {"end", domain::FormatTimeOfDay(l.ends_at)}});
    }
    schedules.push_back(json::object{
        {"name", s.name}, {"shift", s.shift}, {"weekdays", std::move(weekdays)}, {"lessons", std::move(lessons)}});
  }
  return json::object{{"yearId", year_id}, {"schedules", std::move(schedules)}};
}

// A date field of a calendar entry ("ГГГГ-ММ-ДД").
domain::Date Day(RequestReader& item, std::string_view field, const std::string& where) {
  auto day = domain::ParseDate(item.String(field, 100));
  item.Check(day.has_value(), ErrorCode::kInvalidValue, where + "." + std::string(field) + " (ГГГГ-ММ-ДД)");
  return day.value_or(domain::Date{});
}

int Number(RequestReader& item, std::string_view field) { return item.IntIn(field, -1'000'000, 1'000'000); }

domain::StudyPeriod ReadPeriod(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"number", "name", "kind", "startsOn", "endsOn", "gradeFrom", "gradeTo"});
  domain::StudyPeriod p;
  p.number = Number(item, "number");
  p.name = item.String("name", 100);
  auto kind = domain::ParsePeriodKind(item.String("kind", 100));
  p.starts_on = Day(item, "startsOn", where);
  p.ends_on = Day(item, "endsOn", where);
  p.grade_from = Number(item, "gradeFrom");
  p.grade_to = Number(item, "gradeTo");
  item.Check(kind.has_value(), ErrorCode::kInvalidValue, where + ".kind (quarter, trimester, half)");
  if (kind) p.kind = *kind;
  return p;
}

domain::Holiday ReadHoliday(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"name", "kind", "startsOn", "endsOn", "gradeFrom", "gradeTo"});
  domain::Holiday h;
  h.name = item.String("name", 100);
  auto kind = domain::ParseHolidayKind(item.String("kind", 100));
  h.starts_on = Day(item, "startsOn", where);
  h.ends_on = Day(item, "endsOn", where);
  h.grade_from = item.Has("gradeFrom") ? Number(item, "gradeFrom") : domain::kMinGrade;
  h.grade_to = item.Has("gradeTo") ? Number(item, "gradeTo") : domain::kMaxGrade;
  item.Check(kind.has_value(), ErrorCode::kInvalidValue, where + ".kind (vacation, holiday)");
  if (kind) h.kind = *kind;
  return h;
}

// The body of PUT /years/{id}/calendar as a calendar (the year's dates are the service's).
domain::YearCalendar ReadCalendar(RequestReader& in) {
  domain::YearCalendar c;
  c.working_days = static_cast<int>(std::clamp<int64_t>(in.Int("workingDays"), -1, 100));
  const json::array& periods = in.Array("periods");
  const json::array& holidays = in.Array("holidays");
  c.periods = in.Each(periods, "periods", ReadPeriod);
  c.holidays = in.Each(holidays, "holidays", ReadHoliday);
  return c;
}

// "ЧЧ:ММ": any problem with the field is invalid_value naming `at.field (ЧЧ:ММ)`.
int TimeOfDay(RequestReader& lesson, std::string_view field, const std::string& at) {
  auto time = domain::ParseTimeOfDay(RequestReader::Of(lesson.object()).String(field, 5));
  lesson.Check(time.has_value(), ErrorCode::kInvalidValue, at + "." + std::string(field) + " (ЧЧ:ММ)");
  return time.value_or(0);
}

domain::BellSchedule ReadSchedule(RequestReader& in, const json::value& v, const std::string& where) {
  auto item = in.Item(v, where, {"name", "shift", "weekdays", "lessons"});
  domain::BellSchedule s;
  s.name = item.String("name", 100);
  s.shift = static_cast<int>(std::clamp<int64_t>(item.Int("shift"), -1, 100));
  const json::value* days = item.object().if_contains("weekdays");
  if (item.Check(days && days->is_array(), ErrorCode::kWrongType, where + ".weekdays (1..7)")) {
    for (const json::value& d : days->get_array()) {
      const bool weekday = d.is_int64() && d.get_int64() >= 1 && d.get_int64() <= 7;
      if (!item.Check(weekday, ErrorCode::kInvalidValue, where + ".weekdays (1 = понедельник .. 7)")) break;
      s.weekdays |= domain::WeekdayBit(static_cast<int>(d.get_int64()));
    }
  }
  const json::value* lessons = item.object().if_contains("lessons");
  if (!item.Check(lessons && lessons->is_array(), ErrorCode::kWrongType, where + ".lessons")) return s;
  for (size_t i = 0; i < lessons->get_array().size() && item.ok(); ++i) {
    const std::string at = where + ".lessons[" + std::to_string(i) + "]";
    auto lesson = item.Item(lessons->get_array()[i], at, {"number", "start", "end"});
    const int64_t number = lesson.Int("number");
    const int start = TimeOfDay(lesson, "start", at);
    const int end = TimeOfDay(lesson, "end", at);
    s.lessons.push_back({static_cast<int>(std::clamp<int64_t>(number, -1, 100)), start, end});
  }
  return s;
}

}  // namespace

// GET /api/v1/years?schoolId=
Response ListYears(HandlerContext& ctx) {
  return WithSchool(ctx, [&ctx](int64_t school) {
    return ReplyItems(ctx.services.calendar.ListYears(*ctx.conn, ctx.actor(), school), YearJson);
  });
}

// GET /api/v1/years/{id}
Response GetYear(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.calendar.GetYear(*ctx.conn, ctx.actor(), id), YearJson);
  });
}

// POST /api/v1/years {"schoolId"?, "name", "startsOn", "endsOn", "workingDays"?}
Response CreateYear(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  in.Body({"schoolId", "name", "startsOn", "endsOn", "workingDays"});
  const int64_t school = SchoolInBody(ctx, in);
  in.NameFieldsAs(".");  // as a calendar entry's fields, with no entry named
  service::NewYear y;
  y.name = in.String("name", 100);
  y.starts_on = in.String("startsOn", 100);
  y.ends_on = in.String("endsOn", 100);
  y.working_days = in.Has("workingDays") ? Number(in, "workingDays") : 5;
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(201, ctx.services.calendar.CreateYear(*ctx.conn, ctx.actor(), school, y), YearJson);
}

// PUT /api/v1/years/{id}/calendar {"workingDays", "periods": [...], "holidays": [...]}
Response SetCalendar(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"workingDays", "periods", "holidays"});
  domain::YearCalendar calendar = ReadCalendar(in);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.calendar.SetCalendar(*ctx.conn, ctx.actor(), id, std::move(calendar)), YearJson);
}

// GET /api/v1/years/{id}/bells
Response GetBells(HandlerContext& ctx) {
  return WithPathId(ctx, [&ctx](int64_t id) {
    return Reply(200, ctx.services.facilities.GetBells(*ctx.conn, ctx.actor(), id),
                 [id](const auto& bells) { return BellsJson(id, bells); });
  });
}

// PUT /api/v1/years/{id}/bells {"schedules": [{"name", "shift", "weekdays", "lessons"}]}
Response SetBells(HandlerContext& ctx) {
  RequestReader in(ctx.request);
  const int64_t id = in.PathId();
  in.Body({"schedules"});
  const std::vector<domain::BellSchedule> bells = in.Each(in.Array("schedules"), "schedules", ReadSchedule);
  if (!in.ok()) return ErrorResponse(in.error());
  return Reply(200, ctx.services.facilities.SetBells(*ctx.conn, ctx.actor(), id, bells),
               [id](const auto& saved) { return BellsJson(id, saved); });
}

}  // namespace ej::http::handlers
