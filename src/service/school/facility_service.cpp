#include "service/school/facility_service.h"

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "service/timetable/lesson_generation.h"
#include "service/timetable/timetable_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

std::optional<int64_t> SchoolOfYear(storage::Connection& conn, int64_t year_id) {
  auto r = conn.QueryOne("SELECT school_id FROM academic_years WHERE id = $1", {Value{year_id}});
  return r ? std::optional<int64_t>(r->Int(0)) : std::nullopt;
}

struct BellScheduleColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
  size_t shift = Add("shift");
  size_t weekdays = Add("weekdays");
};
const BellScheduleColumns kBellSchedule;

struct BellLessonColumns : storage::Columns {
  size_t number = Add("lesson_number");
  size_t starts_at = Add("starts_at");
  size_t ends_at = Add("ends_at");
};
const BellLessonColumns kBellLesson;

struct RoomColumns : storage::Columns {
  size_t id = Add("id");
  size_t name = Add("name");
  size_t capacity = Add("capacity");
  size_t note = Add("note");
};
const RoomColumns kRoom;

}  // namespace

namespace facility {

std::vector<domain::BellSchedule> LoadBells(storage::Connection& conn, int64_t year_id) {
  std::vector<domain::BellSchedule> out;
  std::vector<int64_t> ids;
  const BellScheduleColumns& k = kBellSchedule;
  for (const auto& r : conn.Query("SELECT " + k.List() + " FROM bell_schedules WHERE year_id = $1 ORDER BY shift, id",
                                  {Value{year_id}})) {
    ids.push_back(r.Int(k.id));
    out.push_back({r.Text(k.name), static_cast<int>(r.Int(k.shift)), static_cast<unsigned>(r.Int(k.weekdays)), {}});
  }
  const BellLessonColumns& l = kBellLesson;
  for (size_t i = 0; i < ids.size(); ++i) {
    for (const auto& r :
         conn.Query("SELECT " + l.List() + " FROM bell_lessons WHERE schedule_id = $1 ORDER BY lesson_number",
                    {Value{ids[i]}})) {
      out[i].lessons.push_back({static_cast<int>(r.Int(l.number)), static_cast<int>(r.Int(l.starts_at)),
                                static_cast<int>(r.Int(l.ends_at))});
    }
  }
  return out;
}

void SaveBells(storage::Connection& conn, int64_t school_id, int64_t year_id,
               const std::vector<domain::BellSchedule>& bells) {
  conn.Query("DELETE FROM bell_lessons WHERE schedule_id IN (SELECT id FROM bell_schedules WHERE year_id = $1)",
             {Value{year_id}});
  conn.Query("DELETE FROM bell_schedules WHERE year_id = $1", {Value{year_id}});
  for (const auto& s : bells) {
    auto row = conn.QueryOne(
        "INSERT INTO bell_schedules (school_id, year_id, name, shift, weekdays) VALUES ($1, $2, $3, $4, $5)"
        " RETURNING id",
        {Value{school_id}, Value{year_id}, Value{s.name}, Value{int64_t{s.shift}}, Value{int64_t{s.weekdays}}});
    for (const auto& l : s.lessons) {
      conn.Query(
          "INSERT INTO bell_lessons (school_id, schedule_id, lesson_number, starts_at, ends_at)"
          " VALUES ($1, $2, $3, $4, $5)",
          {Value{school_id}, Value{row->Int(0)}, Value{int64_t{l.number}}, Value{int64_t{l.starts_at}},
           Value{int64_t{l.ends_at}}});
    }
  }
}

int64_t AddRoom(storage::Connection& conn, int64_t school_id, const NewRoom& room) {
  return conn
      .QueryOne("INSERT INTO rooms (school_id, name, capacity, note) VALUES ($1, $2, $3, $4) RETURNING id",
                {Value{school_id}, Value{room.name}, storage::OrNull(room.capacity), storage::OrNull(room.note)})
      ->Int(0);
}

}  // namespace facility

domain::Result<std::vector<RoomView>> FacilityService::ListRooms(storage::Connection& conn, const domain::Actor& actor,
                                                                 int64_t school_id) {
  if (!domain::Allowed(actor, Action::kViewSchoolCalendar, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<RoomView> out;
  const RoomColumns& k = kRoom;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM rooms WHERE school_id = $1 ORDER BY name", {Value{school_id}})) {
    out.push_back({r.Int(k.id), r.Text(k.name), r.OptInt(k.capacity), r.OptText(k.note)});
  }
  tx.Commit();
  return out;
}

domain::Result<RoomView> FacilityService::CreateRoom(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t school_id, const NewRoom& room) {
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto st = domain::CheckNamePart("name", room.name); !st) return st.error();
  if (room.capacity && (*room.capacity < 1 || *room.capacity > 2000)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "capacity (1..2000)");
  }
  if (room.note) {
    if (auto st = domain::CheckNamePart("note", *room.note); !st) return st.error();
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  if (conn.QueryOne("SELECT 1 FROM rooms WHERE school_id = $1 AND name = $2", {Value{school_id}, Value{room.name}})) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "кабинет «" + room.name + "» уже есть");
  }
  const int64_t id = facility::AddRoom(conn, school_id, room);
  tx.Commit();
  return RoomView{id, room.name, room.capacity, room.note};
}

domain::Result<std::vector<domain::BellSchedule>> FacilityService::GetBells(storage::Connection& conn,
                                                                            const domain::Actor& actor,
                                                                            int64_t year_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto school = SchoolOfYear(conn, year_id);
  if (!school || !domain::Allowed(actor, Action::kViewSchoolCalendar, Resource::OfSchool(*school))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto bells = facility::LoadBells(conn, year_id);
  tx.Commit();
  return bells;
}

domain::Result<std::vector<domain::BellSchedule>> FacilityService::SetBells(
    storage::Connection& conn, const domain::Actor& actor, int64_t year_id,
    const std::vector<domain::BellSchedule>& bells) {
  storage::Transaction tx(conn, TxMode::kWrite);
  auto school = SchoolOfYear(conn, year_id);
  if (!school || !domain::Allowed(actor, Action::kViewSchoolCalendar, Resource::OfSchool(*school))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(*school))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto problems = domain::CheckBellSchedules(bells); !problems.empty()) {
    std::string detail = problems.front();
    if (problems.size() > 1) detail += " (и ещё " + std::to_string(problems.size() - 1) + ")";
    return Error::WithDetail(ErrorCode::kInvalidValue, detail);
  }
  facility::SaveBells(conn, *school, year_id, bells);
  // Lessons from today on take the new times; a lesson number the timetable
  // uses can't disappear from the bells.
  auto resync = timetable::Resync(conn, year_id, clock_.Today(), clock_.Now());
  if (!resync.problems.empty()) {
    std::string detail = resync.problems.front();
    if (resync.problems.size() > 1) detail += " (и ещё " + std::to_string(resync.problems.size() - 1) + ")";
    return Error::WithDetail(ErrorCode::kInvalidValue, detail);
  }
  auto saved = facility::LoadBells(conn, year_id);
  tx.Commit();
  return saved;
}

}  // namespace ej::service
