#include "storage/columns.h"
#include "service/journal/mark_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/journal_rules.h"
#include "domain/calendar.h"
#include "domain/marks.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "storage/columns.h"
#include "service/common/actor_loader.h"
#include "storage/columns.h"
#include "service/journal/lesson_facts.h"
#include "storage/columns.h"
#include "service/common/lookup.h"
#include "service/common/insert_statement.h"
#include "service/journal/journal_statements.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

namespace json = boost::json;


using LessonFacts = lessons::Facts;

std::optional<WorkType> LoadWorkType(storage::Connection& conn, int64_t school_id, int64_t id) {
  auto r = conn.QueryOne(
      "SELECT id, code, name, short_name, weight, deadline_days, active FROM work_types WHERE id = $1 AND school_id = $2",
      {Value{id}, Value{school_id}});
  if (!r) return std::nullopt;
  return WorkType{r->Int(0), r->Text(1), r->Text(2), r->Text(3), static_cast<int>(r->Int(4)),
                  static_cast<int>(r->Int(5)), r->Int(6) != 0, {}};
}

struct MarkColumns : storage::Columns {
  size_t id = Add("m.id");
  size_t lesson_id = Add("m.lesson_id");
  size_t student_id = Add("m.student_id");
  size_t date = Add("l.lesson_date");
  size_t value = Add("m.value");
  size_t work_type_id = Add("m.work_type_id");
  size_t work_type = Add("w.short_name");
  size_t weight = Add("m.weight");
  size_t comment = Add("m.comment");
  size_t document = Add("m.document");
  size_t version = Add("m.version");
  size_t late = Add("m.late");
  size_t removed_at = Add("m.removed_at");
  size_t created_by = Add("m.created_by");
  size_t created_at = Add("m.created_at");
  size_t updated_at = Add("m.updated_at");
  size_t school_id = Add("m.school_id");
};
const MarkColumns kMark;
const std::string kMarkColumns =
    "SELECT " + kMark.List() +
    " FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN work_types w ON w.id = m.work_type_id";

}  // namespace

const std::string& marks::SelectSql() { return kMarkColumns; }

MarkView marks::Read(const storage::Row& r) {
  const MarkColumns& k = kMark;
  MarkView m;
  m.id = r.Int(k.id);
  m.lesson_id = r.Int(k.lesson_id);
  m.student_id = r.Int(k.student_id);
  m.lesson_date = r.Text(k.date);
  m.value = r.Text(k.value);
  m.work_type_id = r.Int(k.work_type_id);
  m.work_type = r.Text(k.work_type);
  m.weight = static_cast<int>(r.Int(k.weight));
  m.comment = r.OptText(k.comment);
  m.document = r.OptText(k.document);
  m.version = static_cast<int>(r.Int(k.version));
  m.late = r.Int(k.late) != 0;
  m.removed = !r.IsNull(k.removed_at);
  m.created_by = r.Int(k.created_by);
  m.created_at = r.Int(k.created_at);
  m.updated_at = r.OptInt(k.updated_at);
  return m;
}

namespace {

std::optional<std::pair<MarkView, int64_t>> LoadMark(storage::Connection& conn, int64_t mark_id) {
  auto r = conn.QueryOne(kMarkColumns + " WHERE m.id = $1", {Value{mark_id}});
  if (!r) return std::nullopt;
  return std::make_pair(marks::Read(*r), r->Int(kMark.school_id));
}

// What the history keeps of a mark.
std::string Snapshot(const MarkView& m) {
  json::object o{{"lessonId", m.lesson_id}, {"studentId", m.student_id}, {"value", m.value},
                 {"workTypeId", m.work_type_id}, {"weight", m.weight}, {"version", m.version},
                 {"late", m.late}};
  if (m.comment) o["comment"] = *m.comment;
  if (m.document) o["document"] = *m.document;
  if (m.removed) o["removed"] = true;
  return json::serialize(o);
}

domain::Status CheckText(const std::optional<std::string>& s, const char* field, size_t max) {
  if (s && domain::Utf8Length(*s) > max) return Error::WithDetail(ErrorCode::kInvalidValue, field);
  return domain::Ok{};
}

// The deadline of a mark of this work type for this lesson: nothing, a late
// flag, or a refusal, as the school configured.
domain::Result<bool> CheckDeadline(storage::Connection& conn, const LessonFacts& lesson, const WorkType& type,
                                   int grade, const std::string& today) {
  std::vector<domain::GradeDeadline> by_grade;
  for (const auto& r : conn.Query(
           "SELECT grade_from, grade_to, deadline_days FROM work_type_deadlines WHERE work_type_id = $1 ORDER BY id",
           {Value{type.id}})) {
    by_grade.push_back({static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2))});
  }
  const int limit = domain::MarkDeadlineDays(type.deadline_days, by_grade, grade);
  const int days = domain::DaysBetween(lesson.date, today).value_or(0);
  if (!domain::MarkPastDeadline(days, limit)) return false;
  auto stored = conn.QueryOne("SELECT late_policy FROM journal_settings WHERE school_id = $1", {Value{lesson.school_id}});
  const auto policy = stored ? domain::ParseLatePolicy(stored->Text(0)).value_or(domain::LatePolicy::kFlag)
                             : domain::LatePolicy::kFlag;
  if (domain::Judge(true, policy) == domain::Timeliness::kRefused) {
    return Error::WithDetail(ErrorCode::kDeadlinePassed, "«" + type.name + "» — " + std::to_string(limit) +
                                                             " дн. после урока");
  }
  return true;
}

}  // namespace

namespace {

std::vector<domain::GradeDeadline> LoadByGrade(storage::Connection& conn, int64_t type_id) {
  std::vector<domain::GradeDeadline> out;
  for (const auto& r : conn.Query(
           "SELECT grade_from, grade_to, deadline_days FROM work_type_deadlines WHERE work_type_id = $1"
           " ORDER BY grade_from, id",
           {Value{type_id}})) {
    out.push_back({static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2))});
  }
  return out;
}

domain::Status CheckWorkType(const WorkTypeInput& t) {
  const auto text = [](const std::string& s, const char* field, size_t max) -> domain::Status {
    if (domain::Trim(s).empty()) return Error::WithDetail(ErrorCode::kMissingField, field);
    if (domain::Utf8Length(s) > max) return Error::WithDetail(ErrorCode::kInvalidValue, field);
    return domain::Ok{};
  };
  if (auto ok = text(t.name, "name", 100); !ok) return ok;
  if (auto ok = text(t.short_name, "shortName", 10); !ok) return ok;
  if (t.weight < 1 || t.weight > 10) return Error::WithDetail(ErrorCode::kInvalidValue, "weight (1–10)");
  if (t.deadline_days < 0 || t.deadline_days > 30) return Error::WithDetail(ErrorCode::kInvalidValue, "deadlineDays (0–30)");
  for (const auto& g : t.by_grade) {
    if (g.grade_from < 1 || g.grade_to > 11 || g.grade_from > g.grade_to || g.days < 0 || g.days > 30) {
      return Error::WithDetail(ErrorCode::kInvalidValue, "byGrade (классы 1–11, дни 0–30)");
    }
  }
  if (t.by_grade.size() > 11) return Error::WithDetail(ErrorCode::kInvalidValue, "byGrade");
  return domain::Ok{};
}

void SaveByGrade(storage::Connection& conn, int64_t school_id, int64_t type_id,
                 const std::vector<domain::GradeDeadline>& by_grade) {
  conn.Query("DELETE FROM work_type_deadlines WHERE work_type_id = $1", {Value{type_id}});
  for (const auto& g : by_grade) {
    conn.Query("INSERT INTO work_type_deadlines (school_id, work_type_id, grade_from, grade_to, deadline_days)"
               " VALUES ($1, $2, $3, $4, $5)",
               {Value{school_id}, Value{type_id}, Value{int64_t{g.grade_from}}, Value{int64_t{g.grade_to}},
                Value{int64_t{g.days}}});
  }
}

}  // namespace

domain::Result<WorkType> MarkService::CreateWorkType(storage::Connection& conn, const domain::Actor& actor,
                                                     int64_t school_id, const WorkTypeInput& input) {
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto ok = CheckWorkType(input); !ok) return ok.error();
  if (input.code.empty() || input.code.size() > 32 ||
      input.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "code (латинские строчные буквы, цифры, _)");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  if (conn.QueryOne("SELECT 1 FROM work_types WHERE school_id = $1 AND code = $2", {Value{school_id}, Value{input.code}})) {
    return Error::WithDetail(ErrorCode::kConflict, "вид работы с кодом «" + input.code + "» уже есть");
  }
  auto position = conn.QueryOne("SELECT COALESCE(MAX(position), 0) + 1 FROM work_types WHERE school_id = $1",
                                {Value{school_id}});
  auto inserted = conn.QueryOne(
      "INSERT INTO work_types (school_id, code, name, short_name, weight, deadline_days, position, active)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Value{school_id}, Value{input.code}, Value{std::string(domain::Trim(input.name))},
       Value{std::string(domain::Trim(input.short_name))}, Value{int64_t{input.weight}},
       Value{int64_t{input.deadline_days}}, Value{position->Int(0)}, Value{int64_t{input.active ? 1 : 0}}});
  const int64_t id = inserted->Int(0);
  SaveByGrade(conn, school_id, id, input.by_grade);
  auto saved = LoadWorkType(conn, school_id, id);
  saved->by_grade = LoadByGrade(conn, id);
  tx.Commit();
  return *saved;
}

domain::Result<WorkType> MarkService::UpdateWorkType(storage::Connection& conn, const domain::Actor& actor, int64_t id,
                                                     const WorkTypeInput& input) {
  if (auto ok = CheckWorkType(input); !ok) return ok.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto school = conn.QueryOne("SELECT school_id FROM work_types WHERE id = $1", {Value{id}});
  if (!school || !actor.HasAnyIn(school->Int(0))) return Error::Of(ErrorCode::kNotFound);
  const int64_t school_id = school->Int(0);
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  conn.Query("UPDATE work_types SET name = $2, short_name = $3, weight = $4, deadline_days = $5, active = $6"
             " WHERE id = $1",
             {Value{id}, Value{std::string(domain::Trim(input.name))}, Value{std::string(domain::Trim(input.short_name))},
              Value{int64_t{input.weight}}, Value{int64_t{input.deadline_days}}, Value{int64_t{input.active ? 1 : 0}}});
  SaveByGrade(conn, school_id, id, input.by_grade);
  auto saved = LoadWorkType(conn, school_id, id);
  saved->by_grade = LoadByGrade(conn, id);
  tx.Commit();
  return *saved;
}

domain::Result<JournalSettings> MarkService::Settings(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t school_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  storage::Transaction tx(conn, TxMode::kRead);
  JournalSettings s;
  if (auto r = conn.QueryOne("SELECT late_policy, lesson_late_days, homework_hours, rounding_from FROM journal_settings"
                             " WHERE school_id = $1",
                             {Value{school_id}})) {
    s = {r->Text(0), static_cast<int>(r->Int(1)), static_cast<int>(r->Int(2)), static_cast<int>(r->Int(3))};
  }
  tx.Commit();
  return s;
}

domain::Result<JournalSettings> MarkService::SaveSettings(storage::Connection& conn, const domain::Actor& actor,
                                                          int64_t school_id, const JournalSettings& s) {
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (!domain::ParseLatePolicy(s.late_policy)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "latePolicy (flag или refuse)");
  }
  if (s.lesson_late_days < 0 || s.lesson_late_days > 30) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "lessonLateDays (0–30)");
  }
  if (s.homework_hours < 0 || s.homework_hours > 24) return Error::WithDetail(ErrorCode::kInvalidValue, "homeworkHours (0–24)");
  if (s.rounding_from < 1 || s.rounding_from > 99) return Error::WithDetail(ErrorCode::kInvalidValue, "roundingFrom (1–99)");
  storage::Transaction tx(conn, TxMode::kWrite);
  conn.Query("INSERT INTO journal_settings (school_id, late_policy, lesson_late_days, homework_hours, rounding_from)"
             " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (school_id) DO UPDATE SET late_policy = excluded.late_policy,"
             " lesson_late_days = excluded.lesson_late_days, homework_hours = excluded.homework_hours,"
             " rounding_from = excluded.rounding_from",
             {Value{school_id}, Value{s.late_policy}, Value{int64_t{s.lesson_late_days}}, Value{int64_t{s.homework_hours}},
              Value{int64_t{s.rounding_from}}});
  tx.Commit();
  return s;
}

domain::Result<std::vector<WorkType>> MarkService::WorkTypes(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t school_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<WorkType> out;
  for (const auto& r : conn.Query(
           "SELECT id, code, name, short_name, weight, deadline_days, active FROM work_types WHERE school_id = $1"
           " ORDER BY position, id",
           {Value{school_id}})) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)),
                   static_cast<int>(r.Int(5)), r.Int(6) != 0, {}});
  }
  for (auto& t : out) t.by_grade = LoadByGrade(conn, t.id);
  tx.Commit();
  return out;
}

domain::Result<SavedMark> MarkService::Add(storage::Connection& conn, const domain::Actor& actor, const NewMark& m) {
  if (auto ok = CheckText(m.comment, "comment", 500); !ok) return ok.error();
  if (auto ok = CheckText(m.document, "document", 200); !ok) return ok.error();
  if (m.client_id && (m.client_id->empty() || m.client_id->size() > 64)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "clientId (до 64 символов)");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  auto lesson = lessons::ForWriting(conn, actor, m.lesson_id);
  if (!lesson) return lesson.error();
  // The same write sent again (a retry after a dropped connection) changes nothing.
  if (m.client_id) {
    auto same = conn.QueryOne(kMarkColumns + " WHERE m.school_id = $1 AND m.client_id = $2",
                              {Value{lesson->school_id}, Value{*m.client_id}});
    if (same) {
      MarkView existing = marks::Read(*same);
      if (existing.lesson_id != m.lesson_id || existing.student_id != m.student_id) {
        return Error::WithDetail(ErrorCode::kConflict, "clientId уже использован для другой отметки");
      }
      tx.Commit();
      return SavedMark{existing, false};
    }
  }
  const std::string today = clock_.Today();
  if (!lesson->held_status || lesson->date > today) return Error::Of(ErrorCode::kLessonNotHeld);
  if (!domain::IsMarkValue(m.value, lesson->assessment)) {
    return Error::WithDetail(ErrorCode::kInvalidMark, lesson->assessment == domain::Assessment::kPassFail
                                                          ? "«зач», «незач», «н/а» или «осв»"
                                                          : "1–5, «н/а» или «осв»");
  }
  if (!lessons::Attends(conn, *lesson, m.student_id)) return Error::Of(ErrorCode::kNotInLesson);
  auto cls = lookup::ClassOfStudentOn(conn, m.student_id, lesson->date);
  if (!cls) return Error::Of(ErrorCode::kNotInLesson);
  if (cls->grade == 1) return Error::Of(ErrorCode::kNoMarksInGrade);
  int64_t type_id = m.work_type_id;
  if (m.work_type_code) {
    auto by_code = conn.QueryOne("SELECT id FROM work_types WHERE school_id = $1 AND code = $2",
                                 {Value{lesson->school_id}, Value{*m.work_type_code}});
    if (!by_code) return Error::WithDetail(ErrorCode::kInvalidValue, "workType");
    type_id = by_code->Int(0);
  }
  auto type = LoadWorkType(conn, lesson->school_id, type_id);
  if (!type || !type->active) return Error::WithDetail(ErrorCode::kInvalidValue, "workTypeId");
  auto late = CheckDeadline(conn, *lesson, *type, cls->grade, today);
  if (!late) return late.error();

  const int64_t now = clock_.Now();
  auto inserted = conn.QueryOne(
      sql::InsertOne(kMarkInto) + " RETURNING id",
      {Value{lesson->school_id}, Value{m.lesson_id}, Value{m.student_id}, Value{type->id}, Value{m.value},
       Value{static_cast<int64_t>(type->weight)}, storage::OrNull(m.comment), storage::OrNull(m.document), storage::OrNull(m.client_id),
       Value{static_cast<int64_t>(*late ? 1 : 0)}, Value{actor.user_id}, Value{now}});
  auto saved = LoadMark(conn, inserted->Int(0));
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "mark.create", "mark", saved->first.id, std::nullopt,
                  Snapshot(saved->first), std::nullopt},
                 now);
  tx.Commit();
  return SavedMark{saved->first, true};
}

domain::Result<MarkView> MarkService::Correct(storage::Connection& conn, const domain::Actor& actor, int64_t mark_id,
                                              const MarkCorrection& c) {
  const std::string reason(domain::Trim(c.reason));
  if (reason.empty()) return Error::WithDetail(ErrorCode::kMissingField, "reason (причина исправления)");
  if (domain::Utf8Length(reason) > 500) return Error::WithDetail(ErrorCode::kInvalidValue, "reason");
  if (auto ok = CheckText(c.comment, "comment", 500); !ok) return ok.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto found = LoadMark(conn, mark_id);
  if (!found || !actor.HasAnyIn(found->second)) return Error::Of(ErrorCode::kNotFound);
  MarkView before = found->first;
  auto lesson = lessons::Load(conn, before.lesson_id);
  if (!domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(lesson->school_id, lesson->writer_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (before.removed) return Error::WithDetail(ErrorCode::kNotFound, "отметка снята");
  if (c.expected_version != before.version) return Error::Of(ErrorCode::kStaleVersion);
  MarkView after = before;
  if (c.value) {
    if (!domain::IsMarkValue(*c.value, lesson->assessment)) return Error::Of(ErrorCode::kInvalidMark);
    after.value = *c.value;
  }
  if (c.work_type_id && *c.work_type_id != before.work_type_id) {
    auto type = LoadWorkType(conn, lesson->school_id, *c.work_type_id);
    if (!type || !type->active) return Error::WithDetail(ErrorCode::kInvalidValue, "workTypeId");
    after.work_type_id = type->id;
    after.weight = type->weight;
  }
  if (c.comment) after.comment = c.comment->empty() ? std::nullopt : c.comment;
  if (after.value == before.value && after.work_type_id == before.work_type_id && after.comment == before.comment) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "нечего исправлять: отметка та же");
  }
  const int64_t now = clock_.Now();
  conn.Query(
      "UPDATE marks SET value = $2, work_type_id = $3, weight = $4, comment = $5, version = version + 1,"
      " updated_by = $6, updated_at = $7 WHERE id = $1 AND version = $8",
      {Value{mark_id}, Value{after.value}, Value{after.work_type_id}, Value{static_cast<int64_t>(after.weight)},
       storage::OrNull(after.comment), Value{actor.user_id}, Value{now}, Value{static_cast<int64_t>(before.version)}});
  if (conn.ChangedRows() != 1) return Error::Of(ErrorCode::kStaleVersion);
  auto saved = LoadMark(conn, mark_id);
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "mark.correct", "mark", mark_id, Snapshot(before),
                  Snapshot(saved->first), reason},
                 now);
  tx.Commit();
  return saved->first;
}

domain::Result<MarkView> MarkService::Remove(storage::Connection& conn, const domain::Actor& actor, int64_t mark_id,
                                             const std::string& reason_arg, int expected_version) {
  auto reason = lessons::Reason(reason_arg);
  if (!reason) return reason.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto found = LoadMark(conn, mark_id);
  if (!found || !actor.HasAnyIn(found->second)) return Error::Of(ErrorCode::kNotFound);
  const MarkView before = found->first;
  auto lesson = lessons::Load(conn, before.lesson_id);
  if (!domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(lesson->school_id, lesson->writer_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (before.removed) return Error::WithDetail(ErrorCode::kNotFound, "отметка уже снята");
  if (expected_version != before.version) return Error::Of(ErrorCode::kStaleVersion);
  const int64_t now = clock_.Now();
  conn.Query(
      "UPDATE marks SET removed_by = $2, removed_at = $3, version = version + 1 WHERE id = $1 AND version = $4",
      {Value{mark_id}, Value{actor.user_id}, Value{now}, Value{static_cast<int64_t>(before.version)}});
  if (conn.ChangedRows() != 1) return Error::Of(ErrorCode::kStaleVersion);
  auto saved = LoadMark(conn, mark_id);
  events::Append(conn,
                 {lesson->school_id, actor.user_id, "mark.remove", "mark", mark_id, Snapshot(before),
                  Snapshot(saved->first), *reason},
                 now);
  tx.Commit();
  return saved->first;
}

domain::Result<std::pair<MarkView, std::vector<events::StoredEvent>>> MarkService::History(
    storage::Connection& conn, const domain::Actor& actor, int64_t mark_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto found = LoadMark(conn, mark_id);
  if (!found) return Error::Of(ErrorCode::kNotFound);
  const domain::PersonRef student = LoadPersonRef(conn, found->first.student_id, clock_.Today());
  if (!domain::Allowed(actor, Action::kViewPerson, Resource::OfPerson(student, found->second))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto history = events::Of(conn, found->second, "mark", mark_id);
  tx.Commit();
  return std::make_pair(found->first, std::move(history));
}

namespace marks {

void SeedWorkTypes(storage::Connection& conn, int64_t school_id) {
  conn.Query(
      "INSERT INTO work_types (school_id, code, name, short_name, weight, deadline_days, position)"
      " SELECT $1, code, name, short_name, weight, deadline_days, position FROM default_work_types",
      {Value{school_id}});
}

}  // namespace marks

}  // namespace ej::service
