#include "service/journal/plan_service.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/calendar.h"
#include "domain/plan.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/sql.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_rows.h"
#include "service/journal/plan_file.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using journals::JournalRow;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;

using plans::kMaxTopics;

// Where a plan belongs: the journal's class or group, subject and year.
struct PlanKey {
  JournalRow journal;
  int grade = 0;
};

std::optional<PlanKey> KeyOf(storage::Connection& conn, int64_t journal_id, const std::string& today) {
  auto j = journals::LoadJournal(conn, journal_id, today);
  if (!j) return std::nullopt;
  auto g = conn.QueryOne("SELECT grade FROM journals WHERE id = $1", {Value{journal_id}});
  return PlanKey{*j, static_cast<int>(g->Int(0))};
}

std::vector<Value> TargetParams(const PlanKey& k) {
  return {Value{journals::TargetId(k.journal)}, Value{k.journal.summary.subject.id}, Value{k.journal.year_id}};
}

struct PlanRow {
  int64_t id = 0;
  int version = 0;
};

std::optional<PlanRow> LoadPlanRow(storage::Connection& conn, const PlanKey& k) {
  auto r = conn.QueryOne("SELECT id, version FROM plans WHERE year_id = $1 AND target_key = $2 AND subject_id = $3",
                         {Value{k.journal.year_id}, Value{k.journal.target_key}, Value{k.journal.summary.subject.id}});
  if (!r) return std::nullopt;
  return PlanRow{r->Int(0), static_cast<int>(r->Int(1))};
}

struct TopicColumns : storage::Columns {
  size_t id = Add("t.id");
  size_t number = Add("t.number");
  size_t section = Add("t.section");
  size_t title = Add("t.title");
  size_t hours = Add("t.hours");
  size_t planned_on = Add("t.planned_on");
};
const TopicColumns kTopic;

PlanTopic ReadTopic(const storage::Row& r) {
  const TopicColumns& k = kTopic;
  return {r.Int(k.id),     static_cast<int>(r.Int(k.number)), r.OptText(k.section),
          r.Text(k.title), static_cast<int>(r.Int(k.hours)),  r.OptText(k.planned_on)};
}

std::vector<PlanTopic> LoadTopics(storage::Connection& conn, int64_t plan_id) {
  std::vector<PlanTopic> out;
  for (const auto& r :
       conn.Query("SELECT " + kTopic.List() + " FROM plan_topics t WHERE t.plan_id = $1 ORDER BY t.number",
                  {Value{plan_id}})) {
    out.push_back(ReadTopic(r));
  }
  return out;
}

// The year's lessons of the class or group and subject, in order, with the
// plan topic each was given.
struct YearLesson {
  int64_t id = 0;
  std::string date;
  bool has_topic = false;
  std::optional<int64_t> topic_id;
};

struct YearLessonColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t date = Add("l.lesson_date");
  size_t topic = Add("r.topic");
  size_t topic_id = Add("r.plan_topic_id");
};
const YearLessonColumns kYearLesson;

std::vector<YearLesson> YearLessons(storage::Connection& conn, const PlanKey& k) {
  std::vector<YearLesson> out;
  const YearLessonColumns& c = kYearLesson;
  for (const auto& r :
       conn.Query("SELECT " + c.List() + " FROM lessons l LEFT JOIN lesson_records r ON r.lesson_id = l.id WHERE l." +
                      journals::TargetColumn(k.journal) + " = $1 AND l.subject_id = $2 AND l.year_id = $3 AND " +
                      sql::HeldLesson("l") + " ORDER BY l.lesson_date, l.lesson_number, l.id",
                  TargetParams(k))) {
    out.push_back({r.Int(c.id), r.Text(c.date), !r.IsNull(c.topic), r.OptInt(c.topic_id)});
  }
  return out;
}

std::vector<std::optional<size_t>> LayOut(const std::vector<PlanTopic>& topics,
                                          const std::vector<YearLesson>& lessons) {
  std::vector<domain::PlanTopicHours> hours;
  for (const auto& t : topics) hours.push_back({t.id, t.hours});
  std::vector<std::optional<int64_t>> chosen;
  for (const auto& l : lessons) chosen.push_back(l.topic_id);
  return domain::LayOutPlan(hours, chosen);
}

// The year's hours by the curriculum: the class's, or the group's own.
std::optional<int> CurriculumHours(storage::Connection& conn, const PlanKey& k) {
  std::optional<storage::Row> r;
  if (k.journal.summary.class_) {
    r = conn.QueryOne("SELECT half_hours_per_week FROM curriculum WHERE class_id = $1 AND subject_id = $2",
                      {Value{k.journal.summary.class_->id}, Value{k.journal.summary.subject.id}});
  } else {
    r = conn.QueryOne(
        "SELECT COALESCE(g.half_hours_per_week, c.half_hours_per_week) FROM study_groups g"
        " LEFT JOIN curriculum c ON c.class_id = g.class_id AND c.subject_id = $2 WHERE g.id = $1",
        {Value{k.journal.summary.group->id}, Value{k.journal.summary.subject.id}});
  }
  if (!r || r->IsNull(0)) return std::nullopt;
  return domain::AnnualHours(static_cast<int>(r->Int(0)), k.grade);
}

bool TeachesSubjectThere(storage::Connection& conn, const PlanKey& k, int64_t user_id) {
  auto params = TargetParams(k);
  params.emplace_back(std::in_place_type<int64_t>, user_id);
  return !conn.Query("SELECT 1 FROM lessons l WHERE l." + journals::TargetColumn(k.journal) +
                         " = $1 AND l.subject_id = $2 AND l.year_id = $3 AND l.teacher_id = $4 AND l.retired_at IS NULL"
                         " LIMIT 1",
                     params)
              .empty();
}

// The plan's key, if the actor may read the journal (else it is not found).
std::optional<PlanKey> ReadableKey(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                   const std::string& today) {
  auto key = KeyOf(conn, journal_id, today);
  if (!key || !actor.HasAnyIn(key->journal.school_id) || !journals::MayRead(conn, actor, key->journal)) {
    return std::nullopt;
  }
  return key;
}

bool MayEdit(storage::Connection& conn, const domain::Actor& actor, const PlanKey& k) {
  const int64_t teacher = TeachesSubjectThere(conn, k, actor.user_id) ? actor.user_id : 0;
  return domain::Allowed(actor, Action::kWritePlan, Resource::OfLesson(k.journal.school_id, teacher));
}

// The period's lessons by the timetable, planned, held and given a topic.
void CountPeriod(PlanPeriod& pp, const std::vector<YearLesson>& lessons, const std::vector<std::optional<size_t>>& laid,
                 const std::vector<PlanTopic>& topics, bool dated, const std::string& today) {
  const auto& from = pp.period.starts_on;
  const auto& to = pp.period.ends_on;
  for (size_t i = 0; i < lessons.size(); ++i) {
    const auto& l = lessons[i];
    if (l.date < from || l.date > to) continue;
    ++pp.scheduled;
    if (!dated && laid[i]) ++pp.planned;
    if (l.date <= today) {
      ++pp.held;
      if (l.has_topic) ++pp.with_topic;
    }
  }
  if (dated) {
    for (const auto& t : topics) {
      if (*t.planned_on >= from && *t.planned_on <= to) pp.planned += t.hours;
    }
  }
}

PlanView Build(storage::Connection& conn, const domain::Actor& actor, const PlanKey& k, const std::string& today) {
  PlanView v;
  v.journal_id = k.journal.summary.id;
  if (auto plan = LoadPlanRow(conn, k)) {
    v.version = plan->version;
    v.topics = LoadTopics(conn, plan->id);
  }
  for (const auto& t : v.topics) v.plan_hours += t.hours;
  v.curriculum_hours = CurriculumHours(conn, k);
  const auto lessons = YearLessons(conn, k);
  v.year_lessons = static_cast<int>(lessons.size());
  const auto laid = LayOut(v.topics, lessons);
  // With a date for every topic the plan says where its hours fall; else
  // they fall on the timetable's lessons in order.
  bool dated = !v.topics.empty();
  for (const auto& t : v.topics) dated = dated && t.planned_on.has_value();
  for (const auto& p :
       conn.Query(journals::kPeriodColumns +
                      " WHERE p.year_id = $1 AND p.kind = $2 AND p.grade_from <= $3 AND p.grade_to >= $3"
                      " ORDER BY p.number",
                  {Value{k.journal.year_id}, Value{k.journal.summary.period.kind}, Value{int64_t{k.grade}}})) {
    PlanPeriod pp;
    pp.period = journals::ReadPeriod(p);
    CountPeriod(pp, lessons, laid, v.topics, dated, today);
    v.periods.push_back(std::move(pp));
  }
  v.can_edit = MayEdit(conn, actor, k);
  return v;
}

domain::Status CheckTopics(const std::vector<PlanTopicInput>& topics) {
  if (topics.size() > kMaxTopics) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "topics: не больше " + std::to_string(kMaxTopics));
  }
  for (size_t i = 0; i < topics.size(); ++i) {
    const auto& t = topics[i];
    const std::string at = "topics[" + std::to_string(i) + "]";
    if (domain::Trim(t.title).empty()) return Error::WithDetail(ErrorCode::kMissingField, at + ".title");
    if (domain::Utf8Length(t.title) > 500) return Error::WithDetail(ErrorCode::kInvalidValue, at + ".title");
    if (t.section && domain::Utf8Length(*t.section) > 300) {
      return Error::WithDetail(ErrorCode::kInvalidValue, at + ".section");
    }
    if (t.hours < 1 || t.hours > 200) return Error::WithDetail(ErrorCode::kInvalidValue, at + ".hours (1–200)");
    if (t.planned_on && !domain::ParseDate(*t.planned_on)) {
      return Error::WithDetail(ErrorCode::kInvalidValue, at + ".plannedOn (ГГГГ-ММ-ДД)");
    }
  }
  return domain::Ok{};
}

std::string TopicsSnapshot(const std::vector<PlanTopic>& topics) {
  json::array out;
  for (const auto& t : topics) {
    json::object o{{"number", t.number}, {"title", t.title}, {"hours", t.hours}};
    if (t.section) o["section"] = *t.section;
    if (t.planned_on) o["plannedOn"] = *t.planned_on;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

// Counts the plan's new version, or creates it; returns its id.
int64_t SavePlanRow(storage::Connection& conn, const domain::Actor& actor, const PlanKey& k,
                    const std::optional<PlanRow>& plan, int64_t now) {
  if (plan) {
    conn.Query("UPDATE plans SET version = version + 1, updated_by = $2, updated_at = $3 WHERE id = $1",
               {Value{plan->id}, Value{actor.user_id}, Value{now}});
    return plan->id;
  }
  const auto& j = k.journal;
  auto inserted = conn.QueryOne(
      "INSERT INTO plans (school_id, year_id, class_id, group_id, subject_id, target_key, teacher_id, updated_by,"
      " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
      {Value{j.school_id}, Value{j.year_id}, j.summary.class_ ? Value{j.summary.class_->id} : Value{},
       j.summary.group ? Value{j.summary.group->id} : Value{}, Value{j.summary.subject.id}, Value{j.target_key},
       Value{actor.user_id}, Value{now}});
  return inserted->Int(0);
}

// Topics keep their rows by number; those past the new end go, unless a
// lesson was given one (plan.topic_in_use).
domain::Status WriteTopics(storage::Connection& conn, int64_t plan_id, const std::vector<PlanTopic>& before,
                           const std::vector<PlanTopicInput>& input) {
  for (const auto& t : before) {
    if (t.number <= static_cast<int>(input.size())) continue;
    auto used = conn.QueryOne("SELECT 1 FROM lesson_records WHERE plan_topic_id = $1 LIMIT 1", {Value{t.id}});
    if (used) {
      return Error::WithDetail(ErrorCode::kPlanTopicInUse, "№" + std::to_string(t.number) + " «" + t.title + "»");
    }
    conn.Query("DELETE FROM plan_topics WHERE id = $1", {Value{t.id}});
  }
  for (size_t i = 0; i < input.size(); ++i) {
    const auto& t = input[i];
    const std::vector<Value> values = {Value{plan_id},
                                       Value{static_cast<int64_t>(i + 1)},
                                       storage::OrNull(t.section),
                                       Value{std::string(domain::Trim(t.title))},
                                       Value{int64_t{t.hours}},
                                       storage::OrNull(t.planned_on)};
    if (i < before.size()) {
      conn.Query(
          "UPDATE plan_topics SET section = $3, title = $4, hours = $5, planned_on = $6"
          " WHERE plan_id = $1 AND number = $2",
          values);
    } else {
      conn.Query(
          "INSERT INTO plan_topics (plan_id, number, section, title, hours, planned_on)"
          " VALUES ($1, $2, $3, $4, $5, $6)",
          values);
    }
  }
  return domain::Ok{};
}

}  // namespace

domain::Result<PlanView> PlanService::Get(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id) {
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kRead);
  auto key = ReadableKey(conn, actor, journal_id, today);
  if (!key) return Error::Of(ErrorCode::kNotFound);
  PlanView v = Build(conn, actor, *key, today);
  tx.Commit();
  return v;
}

domain::Result<PlanView> PlanService::Replace(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                              const std::vector<PlanTopicInput>& input, int expected_version) {
  if (auto ok = CheckTopics(input); !ok) return ok.error();
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto key = ReadableKey(conn, actor, journal_id, today);
  if (!key) return Error::Of(ErrorCode::kNotFound);
  if (!MayEdit(conn, actor, *key)) return Error::Of(ErrorCode::kForbidden);
  auto plan = LoadPlanRow(conn, *key);
  if (expected_version != (plan ? plan->version : 0)) return Error::Of(ErrorCode::kStaleVersion);
  const int64_t now = clock_.Now();
  const std::vector<PlanTopic> before = plan ? LoadTopics(conn, plan->id) : std::vector<PlanTopic>{};
  const int64_t plan_id = SavePlanRow(conn, actor, *key, plan, now);
  if (auto ok = WriteTopics(conn, plan_id, before, input); !ok) return ok.error();
  events::Append(conn,
                 {key->journal.school_id, actor.user_id, "plan.set", "plan", plan_id,
                  plan ? std::optional<std::string>(TopicsSnapshot(before)) : std::nullopt,
                  TopicsSnapshot(LoadTopics(conn, plan_id)), std::nullopt},
                 now);
  PlanView v = Build(conn, actor, *key, today);
  tx.Commit();
  return v;
}

domain::Result<PlanImport> PlanService::Import(storage::Connection& conn, const domain::Actor& actor,
                                               int64_t journal_id, const ImportFile& file, bool apply,
                                               int expected_version) {
  auto out = plans::ReadPlanFile(file);
  if (!out) return out.error();
  if (!apply) {
    // A check still tells a reader that they may not load it.
    const std::string today = clock_.Today();
    storage::Transaction tx(conn, TxMode::kRead);
    auto key = ReadableKey(conn, actor, journal_id, today);
    if (!key) return Error::Of(ErrorCode::kNotFound);
    if (!MayEdit(conn, actor, *key)) return Error::Of(ErrorCode::kForbidden);
    tx.Commit();
    return out;
  }
  if (!out->errors.empty()) {
    const RowError& first = out->errors.front();
    return Error::WithDetail(ErrorCode::kImportInvalidRows, std::to_string(out->errors.size()) + " (первая — строка " +
                                                                std::to_string(first.line) + ": " + first.message +
                                                                ")");
  }
  auto plan = Replace(conn, actor, journal_id, out->topics, expected_version);
  if (!plan) return plan.error();
  out->plan = std::move(*plan);
  return out;
}

namespace plans {

std::map<int64_t, PlanTopic> TopicsOfLessons(storage::Connection& conn, int64_t journal_id) {
  std::map<int64_t, PlanTopic> out;
  auto key = KeyOf(conn, journal_id, "");
  if (!key) return out;
  auto plan = LoadPlanRow(conn, *key);
  if (!plan) return out;
  const auto topics = LoadTopics(conn, plan->id);
  const auto lessons = YearLessons(conn, *key);
  const auto laid = LayOut(topics, lessons);
  for (size_t i = 0; i < lessons.size(); ++i) {
    if (laid[i] && lessons[i].date >= key->journal.summary.period.starts_on &&
        lessons[i].date <= key->journal.summary.period.ends_on) {
      out[lessons[i].id] = topics[*laid[i]];
    }
  }
  return out;
}

std::optional<PlanTopic> TopicForLesson(storage::Connection& conn, int64_t lesson_id, int64_t topic_id) {
  auto r = conn.QueryOne(
      "SELECT " + kTopic.List() +
          " FROM plan_topics t JOIN plans p ON p.id = t.plan_id JOIN lessons l ON l.year_id = p.year_id AND "
          "l.subject_id = p.subject_id"
          " AND ((p.class_id IS NOT NULL AND l.class_id = p.class_id) OR (p.group_id IS NOT NULL AND l.group_id = "
          "p.group_id))"
          " WHERE l.id = $1 AND t.id = $2",
      {Value{lesson_id}, Value{topic_id}});
  if (!r) return std::nullopt;
  return ReadTopic(*r);
}

}  // namespace plans

}  // namespace ej::service
