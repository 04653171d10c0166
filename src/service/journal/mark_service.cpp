#include "service/journal/mark_service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/calendar.h"
#include "domain/journal_rules.h"
#include "domain/marks.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/actor_loader.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/journal/journal_statements.h"
#include "service/journal/lesson_facts.h"
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

using LessonFacts = lessons::Facts;

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
  json::object o{
      {"lessonId", m.lesson_id}, {"studentId", m.student_id}, {"value", m.value}, {"workTypeId", m.work_type_id},
      {"weight", m.weight},      {"version", m.version},      {"late", m.late}};
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
  const int limit = domain::MarkDeadlineDays(type.deadline_days, type.by_grade, grade);
  const int days = domain::DaysBetween(lesson.date, today).value_or(0);
  if (!domain::MarkPastDeadline(days, limit)) return false;
  if (domain::Judge(true, journal_rules::LoadSettings(conn, lesson.school_id).policy()) ==
      domain::Timeliness::kRefused) {
    return Error::WithDetail(ErrorCode::kDeadlinePassed,
                             "«" + type.name + "» — " + std::to_string(limit) + " дн. после урока");
  }
  return true;
}

}  // namespace

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
  auto type = journal_rules::LoadWorkType(conn, lesson->school_id, type_id);
  if (!type || !type->active) return Error::WithDetail(ErrorCode::kInvalidValue, "workTypeId");
  auto late = CheckDeadline(conn, *lesson, *type, cls->grade, today);
  if (!late) return late.error();

  const int64_t now = clock_.Now();
  auto inserted = conn.QueryOne(
      sql::InsertOne(kMarkInto) + " RETURNING id",
      {Value{lesson->school_id}, Value{m.lesson_id}, Value{m.student_id}, Value{type->id}, Value{m.value},
       Value{static_cast<int64_t>(type->weight)}, storage::OrNull(m.comment), storage::OrNull(m.document),
       storage::OrNull(m.client_id), Value{static_cast<int64_t>(*late ? 1 : 0)}, Value{actor.user_id}, Value{now}});
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
    auto type = journal_rules::LoadWorkType(conn, lesson->school_id, *c.work_type_id);
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
  conn.Query("UPDATE marks SET removed_by = $2, removed_at = $3, version = version + 1 WHERE id = $1 AND version = $4",
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

domain::Result<std::pair<MarkView, std::vector<events::StoredEvent>>> MarkService::History(storage::Connection& conn,
                                                                                           const domain::Actor& actor,
                                                                                           int64_t mark_id) {
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

}  // namespace ej::service
