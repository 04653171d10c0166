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
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;

struct RecordColumns : storage::Columns {
  size_t lesson_id = Add("r.lesson_id");
  size_t topic = Add("r.topic");
  size_t work_done = Add("r.work_done");
  size_t homework = Add("r.homework");
  size_t homework_due = Add("r.homework_due");
  size_t topic_late = Add("r.topic_late");
  size_t homework_late = Add("r.homework_late");
  size_t version = Add("r.version");
  size_t plan_topic_id = Add("r.plan_topic_id");
};
const RecordColumns kRecord;
const std::string kRecordSelect =
    "SELECT " + kRecord.List() + " FROM lesson_records r JOIN lessons l ON l.id = r.lesson_id";

}  // namespace

const std::string& lesson_records::SelectSql() { return kRecordSelect; }

LessonRecord lesson_records::Read(const storage::Row& r) {
  const RecordColumns& k = kRecord;
  return LessonRecord{r.Int(k.lesson_id),          r.OptText(k.topic),
                      r.OptText(k.work_done),      r.OptText(k.homework),
                      r.OptText(k.homework_due),   r.Int(k.topic_late) != 0,
                      r.Int(k.homework_late) != 0, static_cast<int>(r.Int(k.version)),
                      r.OptInt(k.plan_topic_id)};
}

namespace {

// Minutes since local midnight of a Unix time (the server's zone, as "today").
int LocalMinutes(int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_hour * 60 + local.tm_min;
}

// A lesson with nothing written yet (version 0).
LessonRecord EmptyRecord(int64_t lesson_id) {
  LessonRecord r;
  r.lesson_id = lesson_id;
  return r;
}

std::optional<LessonRecord> LoadRecord(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne(lesson_records::SelectSql() + " WHERE r.lesson_id = $1", {Value{lesson_id}});
  if (!r) return std::nullopt;
  return lesson_records::Read(*r);
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

// The record as the change would leave it, before the deadlines are judged.
struct Edit {
  LessonRecord after;
  bool topic_changed = false;
  bool homework_changed = false;
};

// A topic of the plan: its title is the topic unless one is typed. Fills
// `typed` and returns the plan topic the record will hold.
domain::Result<std::optional<int64_t>> PlanTopicOf(storage::Connection& conn, int64_t lesson_id,
                                                   const LessonRecordChange& change, std::optional<int64_t> current,
                                                   std::optional<std::string>& typed) {
  if (change.plan_topic_id) {
    if (*change.plan_topic_id == 0) return std::optional<int64_t>();
    auto found = plans::TopicForLesson(conn, lesson_id, *change.plan_topic_id);
    if (!found)
      return Error::WithDetail(ErrorCode::kInvalidValue, "planTopicId: не тема плана этого класса и предмета");
    if (!typed) typed = found->title;
    return std::optional<int64_t>(found->id);
  }
  if (change.topic && change.topic->empty()) return std::optional<int64_t>();  // the topic cleared: the plan's too
  return current;
}

domain::Result<Edit> EditRecord(storage::Connection& conn, const lessons::Facts& lesson, const LessonRecord& before,
                                const LessonRecordChange& change) {
  std::optional<std::string> typed = change.topic;
  auto plan_topic = PlanTopicOf(conn, lesson.id, change, before.plan_topic_id, typed);
  if (!plan_topic) return plan_topic.error();
  auto topic = Edited(typed, before.topic, "topic", 500);
  if (!topic) return topic.error();
  auto work = Edited(change.work_done, before.work_done, "workDone", 2000);
  if (!work) return work.error();
  auto homework = Edited(change.homework, before.homework, "homework", 4000);
  if (!homework) return homework.error();
  auto due = Edited(change.homework_due, before.homework_due, "homeworkDue", 10);
  if (!due) return due.error();
  if (*due && (!domain::ParseDate(**due) || **due <= lesson.date)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "homeworkDue (день после урока, ГГГГ-ММ-ДД)");
  }
  Edit e;
  e.after = before;
  e.after.topic = *topic;
  e.after.plan_topic_id = *plan_topic;
  e.after.work_done = *work;
  e.after.homework = *homework;
  e.after.homework_due = *due;
  e.topic_changed = e.after.topic != before.topic || e.after.work_done != before.work_done ||
                    e.after.plan_topic_id != before.plan_topic_id;
  e.homework_changed = e.after.homework != before.homework || e.after.homework_due != before.homework_due;
  if (!e.topic_changed && !e.homework_changed) return Error::WithDetail(ErrorCode::kInvalidValue, "нечего сохранять");
  return e;
}

// "c<id>" lessons by class_id, "g<id>" by group_id: the column and the id.
std::pair<std::string, int64_t> TargetOf(const lessons::Facts& lesson) {
  if (lesson.class_id) return {"class_id", *lesson.class_id};
  return {"group_id", *lesson.group_id};
}

// The deadlines: the topic at most lesson_late_days after the lesson;
// homework within homework_hours after the class's last lesson that day.
// Late entries are flagged or refused as the school's policy says.
domain::Status JudgeDeadlines(storage::Connection& conn, const lessons::Facts& lesson, const JournalSettings& settings,
                              int days, int now_minutes, Edit& e) {
  if (e.topic_changed) {
    switch (domain::Judge(domain::TopicPastDeadline(days, settings.lesson_late_days), settings.policy())) {
      case domain::Timeliness::kInTime:
        break;
      case domain::Timeliness::kLate:
        e.after.topic_late = true;
        break;
      case domain::Timeliness::kRefused:
        return Error::WithDetail(ErrorCode::kDeadlinePassed,
                                 "тема урока — не позже " + std::to_string(settings.lesson_late_days) + " дн.");
    }
  }
  if (!e.homework_changed || !e.after.homework || days < 0) return domain::Ok{};
  const auto [column, target] = TargetOf(lesson);
  auto last = conn.QueryOne("SELECT MAX(ends_at) FROM lessons WHERE " + column +
                                " = $1 AND lesson_date = $2 AND retired_at IS NULL AND status <> 'cancelled'",
                            {Value{target}, Value{lesson.date}});
  const int last_end = last && !last->IsNull(0) ? static_cast<int>(last->Int(0)) : lesson.ends_at;
  const bool past = domain::HomeworkPastDeadline(days, now_minutes, last_end, settings.homework_hours);
  switch (domain::Judge(past, settings.policy())) {
    case domain::Timeliness::kInTime:
      break;
    case domain::Timeliness::kLate:
      e.after.homework_late = true;
      break;
    case domain::Timeliness::kRefused:
      return Error::WithDetail(
          ErrorCode::kDeadlinePassed,
          "домашнее задание — в течение " + std::to_string(settings.homework_hours) + " ч после уроков");
  }
  return domain::Ok{};
}

// The homework is for the next lesson of the subject unless said otherwise.
void DefaultDue(storage::Connection& conn, const lessons::Facts& lesson, Edit& e) {
  if (!e.homework_changed || !e.after.homework || e.after.homework_due) return;
  const auto [column, target] = TargetOf(lesson);
  if (auto next = conn.QueryOne("SELECT MIN(lesson_date) FROM lessons WHERE " + column +
                                    " = $1 AND subject_id = $2 AND lesson_date > $3 AND " + sql::HeldLesson(""),
                                {Value{target}, Value{lesson.subject_id}, Value{lesson.date}});
      next && !next->IsNull(0)) {
    e.after.homework_due = next->Text(0);
  }
}

void WriteRecord(storage::Connection& conn, const lessons::Facts& lesson, const LessonRecord& r, bool exists,
                 int64_t user_id, int64_t now) {
  const std::vector<Value> values = {Value{r.lesson_id},
                                     Value{lesson.school_id},
                                     storage::OrNull(r.topic),
                                     storage::OrNull(r.work_done),
                                     storage::OrNull(r.homework),
                                     storage::OrNull(r.homework_due),
                                     Value{int64_t{r.topic_late ? 1 : 0}},
                                     Value{int64_t{r.homework_late ? 1 : 0}},
                                     Value{int64_t{r.version}},
                                     Value{user_id},
                                     Value{now},
                                     storage::OrNull(r.plan_topic_id)};
  if (exists) {
    conn.Query(
        "UPDATE lesson_records SET topic = $3, work_done = $4, homework = $5, homework_due = $6, topic_late = $7,"
        " homework_late = $8, version = $9, updated_by = $10, updated_at = $11, plan_topic_id = $12"
        " WHERE lesson_id = $1 AND school_id = $2",
        values);
  } else {
    conn.Query(sql::InsertOne(kLessonRecordInto), values);
  }
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
  auto edit = EditRecord(conn, *lesson, before.value_or(EmptyRecord(lesson_id)), change);
  if (!edit) return edit.error();
  const JournalSettings settings = journal_rules::LoadSettings(conn, lesson->school_id);
  const int64_t now = clock_.Now();
  const int days = domain::DaysBetween(lesson->date, clock_.Today()).value_or(0);
  if (auto ok = JudgeDeadlines(conn, *lesson, settings, days, LocalMinutes(now), *edit); !ok) return ok.error();
  DefaultDue(conn, *lesson, *edit);
  LessonRecord& after = edit->after;
  after.version += 1;
  WriteRecord(conn, *lesson, after, before.has_value(), actor.user_id, now);
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
  LessonRecord record = LoadRecord(conn, lesson_id).value_or(EmptyRecord(lesson_id));
  auto history = events::Of(conn, lesson->school_id, "lesson", lesson_id);
  tx.Commit();
  return std::make_pair(std::move(record), std::move(history));
}

}  // namespace ej::service
