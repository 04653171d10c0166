#include "service/journal/review_restore.h"

#include <boost/json/serialize.hpp>

namespace ej::service::review {

using domain::Error;
using domain::ErrorCode;
using storage::Value;

namespace {

namespace json = boost::json;

std::optional<std::string> Str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}
int64_t Int(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}
bool Bool(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

// What an entry is restored in and the version it reaches.
struct Target {
  std::string entity;
  const char* table = nullptr;
  int64_t id = 0;
  int64_t version = 0;
  int64_t reviewer = 0;
  int64_t now = 0;
};

const char* TableOf(const std::string& entity) {
  return entity == "mark"          ? "marks"
         : entity == "attendance"  ? "attendance"
         : entity == "period_mark" ? "period_marks"
         : entity == "comment"     ? "lesson_comments"
         : entity == "lesson"      ? "lesson_records"
                                   : nullptr;
}

// An entry made by the change taken back: a first period mark goes (the
// teacher may set it again), a lesson's record is emptied, the rest are
// marked removed and kept.
Restored UndoCreation(storage::Connection& conn, const Target& t, json::object result) {
  const int64_t id = t.id;
  if (t.entity == "period_mark") {
    conn.Query("DELETE FROM period_marks WHERE id = $1", {Value{id}});
    return Restored{std::nullopt};
  }
  if (t.entity == "lesson") {
    conn.Query(
        "UPDATE lesson_records SET topic = NULL, work_done = NULL, homework = NULL, homework_due = NULL,"
        " topic_late = 0, homework_late = 0, plan_topic_id = NULL, version = $2, updated_by = $3,"
        " updated_at = $4 WHERE lesson_id = $1",
        {Value{id}, Value{t.version}, Value{t.reviewer}, Value{t.now}});
    result = json::object{{"lessonId", t.id}, {"version", t.version}};
  } else if (t.entity == "attendance") {
    conn.Query("UPDATE attendance SET removed_at = $2, version = $3 WHERE id = $1",
               {Value{id}, Value{t.now}, Value{t.version}});
    result["removed"] = true;
  } else {  // a mark or a comment
    conn.Query(std::string("UPDATE ") + t.table + " SET removed_by = $2, removed_at = $3, version = $4 WHERE id = $1",
               {Value{id}, Value{t.reviewer}, Value{t.now}, Value{t.version}});
    result["removed"] = true;
  }
  return Restored{json::serialize(result)};
}

// An entry changed by the change taken back: its fields as `b` holds them.
void RestoreFields(storage::Connection& conn, const Target& t, const json::object& b) {
  const int64_t id = t.id;
  const bool removed = Bool(b, "removed");
  if (t.entity == "mark") {
    conn.Query(
        "UPDATE marks SET value = $2, work_type_id = $3, weight = $4, comment = $5,"
        " removed_at = $6, removed_by = $7, version = $8, updated_by = $9, updated_at = $10 WHERE id = $1",
        {Value{id}, storage::OrNull(Str(b, "value")), Value{Int(b, "workTypeId")}, Value{Int(b, "weight")},
         storage::OrNull(Str(b, "comment")), removed ? Value{t.now} : Value{}, removed ? Value{t.reviewer} : Value{},
         Value{t.version}, Value{t.reviewer}, Value{t.now}});
  } else if (t.entity == "attendance") {
    conn.Query("UPDATE attendance SET kind = $2, reason = $3, removed_at = $4, version = $5 WHERE id = $1",
               {Value{id}, storage::OrNull(Str(b, "kind")), storage::OrNull(Str(b, "reason")),
                removed ? Value{t.now} : Value{}, Value{t.version}});
  } else if (t.entity == "period_mark") {
    conn.Query(
        "UPDATE period_marks SET value = $2, document = $3, version = $4, updated_by = $5, updated_at = $6"
        " WHERE id = $1",
        {Value{id}, storage::OrNull(Str(b, "value")), storage::OrNull(Str(b, "document")), Value{t.version},
         Value{t.reviewer}, Value{t.now}});
  } else if (t.entity == "lesson") {
    const int64_t topic_id = Int(b, "planTopicId");
    conn.Query(
        "UPDATE lesson_records SET topic = $2, work_done = $3, homework = $4, homework_due = $5,"
        " topic_late = $6, homework_late = $7, plan_topic_id = $8, version = $9, updated_by = $10,"
        " updated_at = $11 WHERE lesson_id = $1",
        {Value{id}, storage::OrNull(Str(b, "topic")), storage::OrNull(Str(b, "workDone")),
         storage::OrNull(Str(b, "homework")), storage::OrNull(Str(b, "homeworkDue")),
         Value{int64_t{Bool(b, "topicLate") ? 1 : 0}}, Value{int64_t{Bool(b, "homeworkLate") ? 1 : 0}},
         topic_id ? Value{topic_id} : Value{}, Value{t.version}, Value{t.reviewer}, Value{t.now}});
  } else {  // comment
    conn.Query("UPDATE lesson_comments SET removed_at = $2, removed_by = $3, version = $4 WHERE id = $1",
               {Value{id}, removed ? Value{t.now} : Value{}, removed ? Value{t.reviewer} : Value{}, Value{t.version}});
  }
}

}  // namespace

domain::Result<Restored> Restore(storage::Connection& conn, const std::string& entity, int64_t id,
                                 const std::optional<json::object>& before, const json::object& after, int64_t reviewer,
                                 int64_t now) {
  const char* table = TableOf(entity);
  if (!table) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             "это изменение нельзя отменить автоматически; его можно подтвердить");
  }
  const char* key = entity == "lesson" ? "lesson_id" : "id";
  auto current = conn.QueryOne(std::string("SELECT version FROM ") + table + " WHERE " + key + " = $1", {Value{id}});
  if (!current) return Error::Of(ErrorCode::kLaterChanges);
  const Target target{entity, table, id, current->Int(0) + 1, reviewer, now};
  json::object result = before ? *before : after;
  result["version"] = target.version;
  if (!before) return UndoCreation(conn, target, std::move(result));
  RestoreFields(conn, target, *before);
  return Restored{json::serialize(result)};
}

}  // namespace ej::service::review
