#include <boost/json/array.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/http_error.h"
#include "http/json_io.h"

namespace ej::http::handlers {

namespace json = boost::json;
using domain::Error;
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

// Reads the fields every dated entry shares, naming the entry in errors.
struct Reader {
  const json::object& item;
  std::string where;  // "periods[2]"
  std::optional<Error> error;

  std::string Text(std::string_view field) {
    auto v = RequiredString(item, field, 100);
    if (!v && !error) error = Error::WithDetail(v.error().code, where + "." + std::string(field));
    return v ? *v : std::string();
  }
  domain::Date Day(std::string_view field) {
    std::string text = Text(field);
    auto d = domain::ParseDate(text);
    if (!d && !error) error = Error::WithDetail(ErrorCode::kInvalidValue, where + "." + std::string(field) + " (ГГГГ-ММ-ДД)");
    return d.value_or(domain::Date{});
  }
  int Number(std::string_view field, std::optional<int> fallback = std::nullopt) {
    if (fallback && !item.contains(field)) return *fallback;
    auto v = RequiredInt(item, field);
    if ((!v || *v < -1000000 || *v > 1000000) && !error) {
      error = Error::WithDetail(v ? ErrorCode::kInvalidValue : v.error().code, where + "." + std::string(field));
    }
    return v ? static_cast<int>(*v) : 0;
  }
};

domain::Result<const json::array*> ArrayField(const json::object& body, std::string_view field) {
  const json::value* v = body.if_contains(field);
  if (!v) return Error::WithDetail(ErrorCode::kMissingField, field);
  if (!v->is_array()) return Error::WithDetail(ErrorCode::kWrongType, field);
  return &v->get_array();
}

// The body of PUT /years/{id}/calendar as a calendar (the year's dates are the service's).
domain::Result<domain::YearCalendar> ParseCalendar(const json::object& body) {
  domain::YearCalendar c;
  auto days = RequiredInt(body, "workingDays");
  if (!days) return days.error();
  c.working_days = static_cast<int>(std::clamp<int64_t>(*days, -1, 100));
  auto periods = ArrayField(body, "periods");
  if (!periods) return periods.error();
  auto holidays = ArrayField(body, "holidays");
  if (!holidays) return holidays.error();
  static constexpr std::string_view kPeriodFields[] = {"number", "name", "kind", "startsOn", "endsOn", "gradeFrom", "gradeTo"};
  static constexpr std::string_view kHolidayFields[] = {"name", "kind", "startsOn", "endsOn", "gradeFrom", "gradeTo"};
  auto check_item = [](const json::value& v, std::string_view where, std::span<const std::string_view> fields)
      -> std::optional<Error> {
    if (!v.is_object()) return Error::WithDetail(ErrorCode::kWrongType, where);
    for (const auto& kv : v.get_object()) {
      if (std::find(fields.begin(), fields.end(), kv.key()) == fields.end()) {
        return Error::WithDetail(ErrorCode::kUnknownField, std::string(where) + "." + std::string(kv.key()));
      }
    }
    return std::nullopt;
  };
  for (size_t i = 0; i < (*periods)->size(); ++i) {
    const std::string where = "periods[" + std::to_string(i) + "]";
    if (auto e = check_item((**periods)[i], where, kPeriodFields)) return *e;
    Reader r{(**periods)[i].get_object(), where, std::nullopt};
    domain::StudyPeriod p;
    p.number = r.Number("number");
    p.name = r.Text("name");
    auto kind = domain::ParsePeriodKind(r.Text("kind"));
    p.starts_on = r.Day("startsOn");
    p.ends_on = r.Day("endsOn");
    p.grade_from = r.Number("gradeFrom");
    p.grade_to = r.Number("gradeTo");
    if (r.error) return *r.error;
    if (!kind) return Error::WithDetail(ErrorCode::kInvalidValue, where + ".kind (quarter, trimester, half)");
    p.kind = *kind;
    c.periods.push_back(std::move(p));
  }
  for (size_t i = 0; i < (*holidays)->size(); ++i) {
    const std::string where = "holidays[" + std::to_string(i) + "]";
    if (auto e = check_item((**holidays)[i], where, kHolidayFields)) return *e;
    Reader r{(**holidays)[i].get_object(), where, std::nullopt};
    domain::Holiday h;
    h.name = r.Text("name");
    auto kind = domain::ParseHolidayKind(r.Text("kind"));
    h.starts_on = r.Day("startsOn");
    h.ends_on = r.Day("endsOn");
    h.grade_from = r.Number("gradeFrom", domain::kMinGrade);
    h.grade_to = r.Number("gradeTo", domain::kMaxGrade);
    if (r.error) return *r.error;
    if (!kind) return Error::WithDetail(ErrorCode::kInvalidValue, where + ".kind (vacation, holiday)");
    h.kind = *kind;
    c.holidays.push_back(std::move(h));
  }
  return c;
}

}  // namespace

// GET /api/v1/years?schoolId=
Response ListYears(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto years = ctx.services.calendar.ListYears(*ctx.conn, ctx.actor(), *school);
  if (!years) return ErrorResponse(years.error());
  json::array items;
  for (const auto& y : *years) items.push_back(YearJson(y));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// GET /api/v1/years/{id}
Response GetYear(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto year = ctx.services.calendar.GetYear(*ctx.conn, ctx.actor(), *id);
  if (!year) return ErrorResponse(year.error());
  return JsonResponse(200, YearJson(*year));
}

// POST /api/v1/years {"schoolId"?, "name", "startsOn", "endsOn", "workingDays"?}
Response CreateYear(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"schoolId", "name", "startsOn", "endsOn", "workingDays"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::NewYear y;
  Reader r{*body, "", std::nullopt};
  y.name = r.Text("name");
  y.starts_on = r.Text("startsOn");
  y.ends_on = r.Text("endsOn");
  y.working_days = r.Number("workingDays", 5);
  if (r.error) return ErrorResponse(*r.error);
  auto year = ctx.services.calendar.CreateYear(*ctx.conn, ctx.actor(), *school, y);
  if (!year) return ErrorResponse(year.error());
  return JsonResponse(201, YearJson(*year));
}

// PUT /api/v1/years/{id}/calendar {"workingDays", "periods": [...], "holidays": [...]}
Response SetCalendar(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"workingDays", "periods", "holidays"});
  if (!body) return ErrorResponse(body.error());
  auto calendar = ParseCalendar(*body);
  if (!calendar) return ErrorResponse(calendar.error());
  auto year = ctx.services.calendar.SetCalendar(*ctx.conn, ctx.actor(), *id, std::move(*calendar));
  if (!year) return ErrorResponse(year.error());
  return JsonResponse(200, YearJson(*year));
}

}  // namespace ej::http::handlers
