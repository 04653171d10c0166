// LessonRecordService: the topic, work done and homework of a lesson.
#include "service/journal/lesson_record_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "domain/calendar.h"
#include "domain/journal_rules.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/journal_statements.h"
#include "service/journal/lesson_facts.h"
#include "service/journal/plan_service.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;

// Minutes since local midnight of a Unix time (the server's zone, as "today").
int LocalMinutes(int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_hour * 60 + local.tm_min;
}

std::optional<LessonRecord> LoadRecord(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne(
      "SELECT lesson_id, topic, work_done, homework, homework_due, topic_late, homework_late, version, plan_topic_id"
      " FROM lesson_records WHERE lesson_id = $1",
      {Value{lesson_id}});
  if (!r) return std::nullopt;
  return LessonRecord{r->Int(0),     r->OptText(1),  r->OptText(2),  r->OptText(3),
                      r->OptText(4), r->Int(5) != 0, r->Int(6) != 0, static_cast<int>(r->Int(7)),
                      r->OptInt(8)};
}

std::string RecordSnapshot(const LessonRecord& r) {
  json::object o{{"lessonId", r.lesson_id}, {"version", r.version}};
  if (r.topic) o["topic"] = *r.topic;
  if (r.work_done) o["workDone"] = *r.work_done;
  if (r.homework) o["homework"] = *r.homework;
  if (r.homework_due) o["homeworkDue"] = *r.homework_due;
  if (r.topic_late) o["topicLate"] = true;
  if (r.homework_late) o["homeworkLate"] = true;
  if (r.plan_topic_id) o["planTopicId"] = *r.plan_topic_id;
  return json::serialize(o);
}

// "" clears a field; none leaves it; the text is trimmed and limited.
domain::Result<std::optional<std::string>> Edited(const std::optional<std::string>& given,
                                                  const std::optional<std::string>& old, const char* field,
                                                  size_t max) {
  if (!given) return old;
  std::string text(domain::Trim(*given));
  if (text.empty()) return std::optional<std::string>();
  if (domain::Utf8Length(text) > max) return Error::WithDetail(ErrorCode::kInvalidValue, field);
  return std::optional<std::string>(std::move(text));
}

}  // namespace

domain::Result<LessonRecord> LessonRecordService::SetRecord(storage::Connection& conn, const domain::Actor& actor,
                                                            int64_t lesson_id, const LessonRecordChange& change) {
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, lesson_id);
  if (!lesson) return lesson.error();
  if (!lesson->held_status) return Error::Of(ErrorCode::kLessonNotHeld);
  const auto before = LoadRecord(conn, lesson_id);
  if (change.expected_version != (before ? before->version : 0)) return Error::Of(ErrorCode::kStaleVersion);
  LessonRecord after = before.value_or(LessonRecord{lesson_id, {}, {}, {}, {}, false, false, 0, std::nullopt});
  // A topic of the plan: its title is the topic unless one is typed.
  std::optional<std::string> typed = change.topic;
  std::optional<int64_t> plan_topic = after.plan_topic_id;
  if (change.plan_topic_id) {
    if (*change.plan_topic_id == 0) {
      plan_topic.reset();
    } else {
      auto found = plans::TopicForLesson(conn, lesson_id, *change.plan_topic_id);
      if (!found)
        return Error::WithDetail(ErrorCode::kInvalidValue, "planTopicId: не тема плана этого класса и предмета");
      plan_topic = found->id;
      if (!typed) typed = found->title;
    }
  } else if (change.topic && change.topic->empty()) {
    plan_topic.reset();  // the topic cleared: no topic of the plan either
  }
  auto topic = Edited(typed, after.topic, "topic", 500);
  if (!topic) return topic.error();
  auto work = Edited(change.work_done, after.work_done, "workDone", 2000);
  if (!work) return work.error();
  auto homework = Edited(change.homework, after.homework, "homework", 4000);
  if (!homework) return homework.error();
  auto due = Edited(change.homework_due, after.homework_due, "homeworkDue", 10);
  if (!due) return due.error();
  if (*due && (!domain::ParseDate(**due) || **due <= lesson->date)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "homeworkDue (день после урока, ГГГГ-ММ-ДД)");
  }
  const bool topic_changed = *topic != after.topic || *work != after.work_done || plan_topic != after.plan_topic_id;
  const bool homework_changed = *homework != after.homework || *due != after.homework_due;
  if (!topic_changed && !homework_changed) return Error::WithDetail(ErrorCode::kInvalidValue, "нечего сохранять");

  // Deadlines: the topic at most lesson_late_days after the lesson; homework
  // within homework_hours after the class's last lesson that day.
  const JournalSettings settings = journal_rules::LoadSettings(conn, lesson->school_id);
  const std::string today = clock_.Today();
  const int days = domain::DaysBetween(lesson->date, today).value_or(0);
  bool topic_late = after.topic_late, homework_late = after.homework_late;
  if (topic_changed) {
    switch (domain::Judge(domain::TopicPastDeadline(days, settings.lesson_late_days), settings.policy())) {
      case domain::Timeliness::kInTime:
        break;
      case domain::Timeliness::kLate:
        topic_late = true;
        break;
      case domain::Timeliness::kRefused:
        return Error::WithDetail(ErrorCode::kDeadlinePassed,
                                 "тема урока — не позже " + std::to_string(settings.lesson_late_days) + " дн.");
    }
  }
  // The lesson's class or group.
  const std::string column = lesson->class_id ? "class_id" : "group_id";
  const int64_t target = lesson->class_id ? *lesson->class_id : *lesson->group_id;
  if (homework_changed && *homework && days >= 0) {
    auto last = conn.QueryOne("SELECT MAX(ends_at) FROM lessons WHERE " + column +
                                  " = $1 AND lesson_date = $2 AND retired_at IS NULL AND status <> 'cancelled'",
                              {Value{target}, Value{lesson->date}});
    const int last_end = last && !last->IsNull(0) ? static_cast<int>(last->Int(0)) : lesson->ends_at;
    const bool past = domain::HomeworkPastDeadline(days, LocalMinutes(clock_.Now()), last_end, settings.homework_hours);
    switch (domain::Judge(past, settings.policy())) {
      case domain::Timeliness::kInTime:
        break;
      case domain::Timeliness::kLate:
        homework_late = true;
        break;
      case domain::Timeliness::kRefused:
        return Error::WithDetail(
            ErrorCode::kDeadlinePassed,
            "домашнее задание — в течение " + std::to_string(settings.homework_hours) + " ч после уроков");
    }
  }
  // The homework is for the next lesson of the subject unless said otherwise.
  if (homework_changed && *homework && !*due) {
    if (auto next = conn.QueryOne("SELECT MIN(lesson_date) FROM lessons WHERE " + column +
                                      " = $1 AND subject_id = $2 AND lesson_date > $3 AND " + sql::HeldLesson(""),
                                  {Value{target}, Value{lesson->subject_id}, Value{lesson->date}});
        next && !next->IsNull(0)) {
      *due = next->Text(0);
    }
  }
  after.topic = *topic;
  after.plan_topic_id = plan_topic;
  after.work_done = *work;
  after.homework = *homework;
  after.homework_due = *due;
  after.topic_late = topic_late;
  after.homework_late = homework_late;
  after.version += 1;
  const int64_t now = clock_.Now();
  const std::vector<Value> values = {Value{lesson_id},
                                     Value{lesson->school_id},
                                     storage::OrNull(after.topic),
                                     storage::OrNull(after.work_done),
                                     storage::OrNull(after.homework),
                                     storage::OrNull(after.homework_due),
                                     Value{int64_t{after.topic_late ? 1 : 0}},
                                     Value{int64_t{after.homework_late ? 1 : 0}},
                                     Value{int64_t{after.version}},
                                     Value{actor.user_id},
                                     Value{now},
                                     storage::OrNull(after.plan_topic_id)};
  if (before) {
    conn.Query(
        "UPDATE lesson_records SET topic = $3, work_done = $4, homework = $5, homework_due = $6, topic_late = $7,"
        " homework_late = $8, version = $9, updated_by = $10, updated_at = $11, plan_topic_id = $12 WHERE lesson_id = "
        "$1"
        " AND school_id = $2",
        values);
  } else {
    conn.Query(sql::InsertOne(kLessonRecordInto), values);
  }
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "lesson.record", "lesson", lesson_id,
                  before ? std::optional<std::string>(RecordSnapshot(*before)) : std::nullopt, RecordSnapshot(after),
                  std::nullopt},
                 now);
  tx.Commit();
  return after;
}

domain::Result<std::pair<LessonRecord, std::vector<events::StoredEvent>>> LessonRecordService::LessonHistory(
    storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto lesson = lessons::Load(conn, lesson_id);
  if (!lesson || !actor.HasAnyIn(lesson->school_id)) return Error::Of(ErrorCode::kNotFound);
  // The journal the lesson is in decides who reads it.
  if (!journals::MayReadLessonOf(conn, actor, lessons::TargetKey(*lesson), lesson->subject_id, lesson->date,
                                 clock_.Today())) {
    return Error::Of(ErrorCode::kNotFound);
  }
  LessonRecord record =
      LoadRecord(conn, lesson_id).value_or(LessonRecord{lesson_id, {}, {}, {}, {}, false, false, 0, {}});
  auto history = events::Of(conn, lesson->school_id, "lesson", lesson_id);
  tx.Commit();
  return std::make_pair(std::move(record), std::move(history));
}

}  // namespace ej::service
