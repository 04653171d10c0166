// Lessons and their targets (a class or a group) as the timetable's services
// read them: the rows, the names of what they refer to, the full lesson view.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/error.h"
#include "domain/timetable.h"
#include "service/timetable/timetable_service.h"
#include "storage/database.h"

namespace ej::service::timetable {

// A class or group with what the timetable needs to know about it.
struct TargetInfo {
  domain::LessonTarget target;
  int64_t school_id = 0;
  int64_t year_id = 0;
  std::string name;
  std::optional<int64_t> class_id;  // the class, or a subgroup's class
  bool subgroup = false;
  int shift = 1;
  std::vector<int> grades;  // whose calendar the lessons follow
};

std::optional<TargetInfo> LoadTarget(storage::Connection& conn, domain::LessonTarget target);
// "class_id" or "group_id": the lessons' and slots' column of a target.
std::string TargetColumn(domain::LessonTarget target);

// Names of everything a school's lessons refer to, for views and messages.
struct SchoolNames {
  std::map<int64_t, std::string> classes, groups, subjects, people, rooms;

  std::string Of(const std::map<int64_t, std::string>& names, int64_t id) const {
    auto it = names.find(id);
    return it == names.end() ? "#" + std::to_string(id) : it->second;
  }
  std::string Target(domain::LessonTarget t) const {
    return t.kind == domain::LessonTarget::Kind::kClass ? Of(classes, t.id) : "«" + Of(groups, t.id) + "»";
  }
};

SchoolNames LoadNames(storage::Connection& conn, int64_t school_id);

// Live lessons (not retired) matching `where` (on alias l), in time order.
std::vector<LessonView> QueryLessons(storage::Connection& conn, const std::string& where,
                                     std::initializer_list<storage::Value> params);

// A live lesson as the changes of one lesson need it.
struct LessonRow {
  int64_t id = 0;
  int64_t school_id = 0;
  int64_t year_id = 0;
  domain::LessonTarget target;
  domain::Date date;
  int lesson_number = 0;
  int starts_at = 0;
  int ends_at = 0;
  int64_t subject_id = 0;
  int64_t teacher_id = 0;
  std::optional<int64_t> substitute_id;
  std::optional<int64_t> room_id;
  domain::LessonStatus status = domain::LessonStatus::kPlanned;
  std::optional<int64_t> moved_to_id;
  std::optional<int64_t> moved_from_id;
};

std::optional<LessonRow> FindLesson(storage::Connection& conn, int64_t lesson_id);
// The lesson, retired or not, with every change made to it.
LessonDetail LoadDetail(storage::Connection& conn, int64_t lesson_id);

domain::Error Invalid(const std::string& detail);

}  // namespace ej::service::timetable
