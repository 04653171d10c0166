// JSON shapes that several resources share; a shape that one resource alone
// answers with lives in that resource's file.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/marks.h"
#include "service/common/named.h"
#include "service/common/principal.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_views.h"
#include "service/journal/mark_service.h"
#include "service/journal/plan_service.h"
#include "service/people/roster_service.h"
#include "service/people/user_service.h"
#include "service/school/curriculum_service.h"
#include "service/timetable/timetable_service.h"

namespace ej::http {

// An optional value as JSON: the value, or null.
template <typename T>
boost::json::value OrNull(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// Each of `items` through `to_json`, in order.
template <typename T, typename ToJson>
boost::json::array ArrayOf(const std::vector<T>& items, ToJson&& to_json) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.emplace_back(to_json(item));
  return out;
}

// {"id", <name_key>}: a named thing ("fullName" for people); null when absent.
boost::json::object NamedJson(const service::Named& n, const char* name_key = "name");
boost::json::value NamedJson(const std::optional<service::Named>& n, const char* name_key = "name");
// A snapshot the service stored as JSON, back as JSON (as text if it is not JSON); null when
// absent.
boost::json::value SnapshotJson(const std::optional<std::string>& s);
// Hours from half hours (curricula and loads count in half hours).
double Hours(int half_hours);

// The journal's history of one entity: each event with who, when, the
// entity before and after (stored as JSON) and the reason, under the key
// `reason_key` ("reason"; "explanation" for period marks, whose reason is
// itself JSON).
boost::json::array HistoryJson(const std::vector<service::events::StoredEvent>& events, const char* reason_key);

// {key: the entity as it is now, "history": HistoryJson(events, reason_key)}
// of a (now, events) pair: the answer of GET /.../{id}/history.
template <typename ToJson>
auto WithHistory(const char* key, ToJson to_json, const char* reason_key = "reason") {
  return [=](const auto& found) {
    return boost::json::object{{key, to_json(found.first)}, {"history", HistoryJson(found.second, reason_key)}};
  };
}

// GET /me's body (also the "user" of the login response).
boost::json::object ProfileJson(const service::Profile& profile);
// The signed-in user (GET /me, the login's "user"): the profile and what the
// user may do, per school and per class they lead, as the rights function
// decides, so the front end need not repeat the rights table.
boost::json::object UserJson(const service::Principal& principal);
boost::json::object PersonJson(const service::PersonView& person);

// A lesson of the timetable (/timetable, /me/timetable, /lessons/{id}).
boost::json::object LessonJson(const service::LessonView& lesson);
boost::json::object SubjectJson(const service::SubjectView& subject);
boost::json::object MovementJson(const service::MovementView& movement);

// The journal's entries, each as /lessons/{id}/..., the journal's grid and
// their own resources answer with it.
boost::json::object PeriodJson(const service::JournalPeriod& period);
boost::json::object MarkJson(const service::MarkView& mark);
// A mark in the journal's grid: fewer fields than a mark's own answer.
boost::json::object GridMarkJson(const service::MarkView& mark);
boost::json::object AttendanceJson(const service::AttendanceView& attendance);
boost::json::object CommentJson(const service::LessonComment& comment);
boost::json::object FileJson(const service::LessonFile& file);
boost::json::object PeriodMarkJson(const service::PeriodMarkView& mark);
boost::json::object PlanJson(const service::PlanView& plan);
// Adds "count", "plain", "weighted" (rounded to hundredths, as people read
// them; null with no numeric mark) and "forecast" to `out`.
void AddAverages(boost::json::object& out, const domain::Averages& averages, std::optional<int> forecast);

}  // namespace ej::http
