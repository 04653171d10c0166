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

json::object RoomJson(const service::RoomView& r) {
  json::object out{{"id", r.id}, {"name", r.name}};
  out["capacity"] = r.capacity ? json::value(*r.capacity) : json::value(nullptr);
  out["note"] = r.note ? json::value(*r.note) : json::value(nullptr);
  return out;
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
    schedules.push_back(json::object{{"name", s.name},
                                     {"shift", s.shift},
                                     {"weekdays", std::move(weekdays)},
                                     {"lessons", std::move(lessons)}});
  }
  return json::object{{"yearId", year_id}, {"schedules", std::move(schedules)}};
}

// Fields of `o` must be among `allowed`; `where` names the object in errors.
std::optional<Error> OnlyFields(const json::object& o, std::initializer_list<std::string_view> allowed,
                                const std::string& where) {
  for (const auto& kv : o) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      return Error::WithDetail(ErrorCode::kUnknownField, where + "." + std::string(kv.key()));
    }
  }
  return std::nullopt;
}

domain::Result<domain::BellSchedule> ParseSchedule(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Error::WithDetail(ErrorCode::kWrongType, where);
  const auto& o = v.get_object();
  if (auto e = OnlyFields(o, {"name", "shift", "weekdays", "lessons"}, where)) return *e;
  domain::BellSchedule s;
  auto name = RequiredString(o, "name", 100);
  if (!name) return Error::WithDetail(name.error().code, where + ".name");
  s.name = *name;
  auto shift = RequiredInt(o, "shift");
  if (!shift) return Error::WithDetail(shift.error().code, where + ".shift");
  s.shift = static_cast<int>(std::clamp<int64_t>(*shift, -1, 100));
  const json::value* days = o.if_contains("weekdays");
  if (!days || !days->is_array()) return Error::WithDetail(ErrorCode::kWrongType, where + ".weekdays (1..7)");
  for (const auto& d : days->get_array()) {
    if (!d.is_int64() || d.get_int64() < 1 || d.get_int64() > 7) {
      return Error::WithDetail(ErrorCode::kInvalidValue, where + ".weekdays (1 = понедельник .. 7)");
    }
    s.weekdays |= domain::WeekdayBit(static_cast<int>(d.get_int64()));
  }
  const json::value* lessons = o.if_contains("lessons");
  if (!lessons || !lessons->is_array()) return Error::WithDetail(ErrorCode::kWrongType, where + ".lessons");
  for (size_t i = 0; i < lessons->get_array().size(); ++i) {
    const std::string at = where + ".lessons[" + std::to_string(i) + "]";
    const json::value& l = lessons->get_array()[i];
    if (!l.is_object()) return Error::WithDetail(ErrorCode::kWrongType, at);
    if (auto e = OnlyFields(l.get_object(), {"number", "start", "end"}, at)) return *e;
    auto number = RequiredInt(l.get_object(), "number");
    auto start = RequiredString(l.get_object(), "start", 5);
    auto end = RequiredString(l.get_object(), "end", 5);
    if (!number) return Error::WithDetail(number.error().code, at + ".number");
    if (!start || !domain::ParseTimeOfDay(*start)) return Error::WithDetail(ErrorCode::kInvalidValue, at + ".start (ЧЧ:ММ)");
    if (!end || !domain::ParseTimeOfDay(*end)) return Error::WithDetail(ErrorCode::kInvalidValue, at + ".end (ЧЧ:ММ)");
    s.lessons.push_back({static_cast<int>(std::clamp<int64_t>(*number, -1, 100)), *domain::ParseTimeOfDay(*start),
                         *domain::ParseTimeOfDay(*end)});
  }
  return s;
}

}  // namespace

// GET /api/v1/rooms?schoolId=
Response ListRooms(HandlerContext& ctx) {
  auto school = SchoolOf(ctx, ctx.request.QueryParam("schoolId"));
  if (!school) return ErrorResponse(school.error());
  auto rooms = ctx.services.facilities.ListRooms(*ctx.conn, ctx.actor(), *school);
  if (!rooms) return ErrorResponse(rooms.error());
  json::array items;
  for (const auto& r : *rooms) items.push_back(RoomJson(r));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// POST /api/v1/rooms {"schoolId"?, "name", "capacity"?, "note"?}
Response CreateRoom(HandlerContext& ctx) {
  auto body = ParseBody(ctx.request, {"schoolId", "name", "capacity", "note"});
  if (!body) return ErrorResponse(body.error());
  auto school = SchoolInBody(ctx, *body);
  if (!school) return ErrorResponse(school.error());
  service::NewRoom room;
  auto name = RequiredString(*body, "name", 100);
  if (!name) return ErrorResponse(name.error());
  room.name = *name;
  if (body->contains("capacity") && !body->at("capacity").is_null()) {
    auto capacity = RequiredInt(*body, "capacity");
    if (!capacity) return ErrorResponse(capacity.error());
    room.capacity = *capacity;
  }
  auto note = OptionalString(*body, "note", 200);
  if (!note) return ErrorResponse(note.error());
  room.note = *note;
  auto created = ctx.services.facilities.CreateRoom(*ctx.conn, ctx.actor(), *school, room);
  if (!created) return ErrorResponse(created.error());
  return JsonResponse(201, RoomJson(*created));
}

// GET /api/v1/years/{id}/bells
Response GetBells(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto bells = ctx.services.facilities.GetBells(*ctx.conn, ctx.actor(), *id);
  if (!bells) return ErrorResponse(bells.error());
  return JsonResponse(200, BellsJson(*id, *bells));
}

// PUT /api/v1/years/{id}/bells {"schedules": [{"name", "shift", "weekdays", "lessons"}]}
Response SetBells(HandlerContext& ctx) {
  auto id = ParseId(ctx.request.PathParam("id"), "id");
  if (!id) return ErrorResponse(id.error());
  auto body = ParseBody(ctx.request, {"schedules"});
  if (!body) return ErrorResponse(body.error());
  const json::value* schedules = body->if_contains("schedules");
  if (!schedules) return ErrorResponse(Error::WithDetail(ErrorCode::kMissingField, "schedules"));
  if (!schedules->is_array()) return ErrorResponse(Error::WithDetail(ErrorCode::kWrongType, "schedules"));
  std::vector<domain::BellSchedule> bells;
  for (size_t i = 0; i < schedules->get_array().size(); ++i) {
    auto s = ParseSchedule(schedules->get_array()[i], "schedules[" + std::to_string(i) + "]");
    if (!s) return ErrorResponse(s.error());
    bells.push_back(std::move(*s));
  }
  auto saved = ctx.services.facilities.SetBells(*ctx.conn, ctx.actor(), *id, bells);
  if (!saved) return ErrorResponse(saved.error());
  return JsonResponse(200, BellsJson(*id, *saved));
}

}  // namespace ej::http::handlers
