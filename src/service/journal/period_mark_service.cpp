// PeriodMarkService: period, year, exam and final marks.
#include "service/journal/period_mark_service.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

#include "domain/journal_rules.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/actor_loader.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/journal/journal_rows.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/journal_statements.h"
#include "service/journal/plan_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using journals::JournalRow;
using journals::LoadJournal;
using journals::MayRead;
using journals::TargetId;
using journals::TeachesIn;
using storage::TxMode;
using storage::Value;

namespace {

struct PeriodMarkColumns : storage::Columns {
  size_t id = Add("pm.id");
  size_t journal_id = Add("pm.journal_id");
  size_t student_id = Add("pm.student_id");
  size_t kind = Add("pm.kind");
  size_t value = Add("pm.value");
  size_t document = Add("pm.document");
  size_t version = Add("pm.version");
};
const PeriodMarkColumns kPeriodMark;
const std::string kPeriodMarkSelect = "SELECT " + kPeriodMark.List() + " FROM period_marks pm";

}  // namespace

const std::string& period_marks::SelectSql() { return kPeriodMarkSelect; }

PeriodMarkView period_marks::Read(const storage::Row& r) {
  const PeriodMarkColumns& k = kPeriodMark;
  return PeriodMarkView{r.Int(k.id),
                        r.Int(k.journal_id),
                        r.Int(k.student_id),
                        r.Text(k.kind),
                        r.Text(k.value),
                        r.OptText(k.document),
                        static_cast<int>(r.Int(k.version))};
}

namespace {

std::optional<PeriodMarkView> LoadPeriodMark(storage::Connection& conn, int64_t id) {
  auto r = conn.QueryOne(period_marks::SelectSql() + " WHERE pm.id = $1", {Value{id}});
  if (!r) return std::nullopt;
  return period_marks::Read(*r);
}

std::string PeriodMarkSnapshot(const PeriodMarkView& m) {
  boost::json::object o{{"journalId", m.journal_id},
                        {"studentId", m.student_id},
                        {"kind", m.kind},
                        {"value", m.value},
                        {"version", m.version}};
  if (m.document) o["document"] = *m.document;
  return boost::json::serialize(o);
}

bool MemberDuringPeriod(storage::Connection& conn, const JournalRow& j, int64_t student_id) {
  const std::string sql = std::string(j.summary.class_ ? "SELECT 1 FROM enrolments e WHERE e.class_id = $1"
                                                       : "SELECT 1 FROM group_members e WHERE e.group_id = $1") +
                          " AND e.student_id = $4 AND " + sql::ActiveDuring("e", "$2", "$3") + "";
  return conn
      .QueryOne(sql, {Value{TargetId(j)}, Value{j.summary.period.starts_on}, Value{j.summary.period.ends_on},
                      Value{student_id}})
      .has_value();
}

}  // namespace

domain::Result<PeriodMarkView> PeriodMarkService::SetPeriodMark(storage::Connection& conn, const domain::Actor& actor,
                                                                int64_t journal_id, int64_t student_id,
                                                                const std::string& kind, const std::string& value,
                                                                const std::optional<std::string>& document) {
  if (kind != "period" && kind != "year" && kind != "exam" && kind != "final") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "kind (period, year, exam или final)");
  }
  if (document && domain::Utf8Length(*document) > 200) return Error::WithDetail(ErrorCode::kInvalidValue, "document");
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto j = LoadJournal(conn, journal_id, today);
  if (!j || !actor.HasAnyIn(j->school_id) || !MayRead(conn, actor, *j)) return Error::Of(ErrorCode::kNotFound);
  // A teacher who teaches in the journal.
  Resource writer = Resource::OfLesson(j->school_id, actor.user_id);
  if (!TeachesIn(conn, *j, actor.user_id) || !domain::Allowed(actor, Action::kWriteLesson, writer)) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (kind != "period" && conn.QueryOne("SELECT 1 FROM study_periods p JOIN journals j ON j.id = $1"
                                        " WHERE p.year_id = j.year_id AND p.kind = j.period_kind"
                                        " AND p.number > j.period_number AND p.grade_from <= j.grade"
                                        " AND p.grade_to >= j.grade LIMIT 1",
                                        {Value{journal_id}})) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             "годовая, экзаменационная и итоговая — в журнале последнего периода");
  }
  // The last week of the period, up to the school's late limit after it.
  const int after = journal_rules::LoadSettings(conn, j->school_id).lesson_late_days;
  const int to_end = domain::DaysBetween(today, j->summary.period.ends_on).value_or(0);
  if (domain::PeriodMarkWindowOn(to_end, after) != domain::PeriodMarkWindow::kOpen) {
    return Error::WithDetail(ErrorCode::kDeadlinePassed,
                             "отметки за период выставляются в последнюю неделю периода и не позже " +
                                 std::to_string(after) + " дн. после его конца");
  }
  auto assessment = conn.QueryOne("SELECT assessment FROM subjects WHERE id = $1", {Value{j->summary.subject.id}});
  if (!domain::IsMarkValue(value, domain::ParseAssessment(assessment->Text(0)).value_or(domain::Assessment::kGraded))) {
    return Error::Of(ErrorCode::kInvalidMark);
  }
  if (!MemberDuringPeriod(conn, *j, student_id)) return Error::Of(ErrorCode::kNotInLesson);
  if (conn.QueryOne("SELECT 1 FROM period_marks WHERE journal_id = $1 AND student_id = $2 AND kind = $3",
                    {Value{journal_id}, Value{student_id}, Value{kind}})) {
    return Error::WithDetail(ErrorCode::kConflict, "отметка уже выставлена; изменить её может заместитель директора");
  }
  const int64_t now = clock_.Now();
  auto id = conn.QueryOne(sql::InsertOne(kPeriodMarkInto) + " RETURNING id",
                          {Value{j->school_id}, Value{journal_id}, Value{student_id}, Value{kind}, Value{value},
                           document ? Value{*document} : Value{}, Value{actor.user_id}, Value{now}});
  auto saved = LoadPeriodMark(conn, id->Int(0));
  events::Append(conn,
                 {j->school_id, actor.user_id, "period_mark.set", "period_mark", saved->id, std::nullopt,
                  PeriodMarkSnapshot(*saved), std::nullopt},
                 now);
  tx.Commit();
  return *saved;
}

domain::Result<PeriodMarkView> PeriodMarkService::CorrectPeriodMark(storage::Connection& conn,
                                                                    const domain::Actor& actor, int64_t id,
                                                                    const std::string& value, int expected_version,
                                                                    const PeriodMarkExplanation& why) {
  const std::string reason(domain::Trim(why.reason));
  if (reason.empty()) return Error::WithDetail(ErrorCode::kMissingField, "explanation.reason");
  if (domain::Utf8Length(reason) > 1000) return Error::WithDetail(ErrorCode::kInvalidValue, "explanation.reason");
  if (!domain::ParseDate(why.date)) return Error::WithDetail(ErrorCode::kInvalidValue, "explanation.date (ГГГГ-ММ-ДД)");
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto before = LoadPeriodMark(conn, id);
  if (!before) return Error::Of(ErrorCode::kNotFound);
  auto j = LoadJournal(conn, before->journal_id, today);
  if (!j || !actor.HasAnyIn(j->school_id)) return Error::Of(ErrorCode::kNotFound);
  if (!domain::Allowed(actor, Action::kCorrectPeriodMark, Resource::OfSchool(j->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (expected_version != before->version) return Error::Of(ErrorCode::kStaleVersion);
  auto assessment = conn.QueryOne("SELECT assessment FROM subjects WHERE id = $1", {Value{j->summary.subject.id}});
  if (!domain::IsMarkValue(value, domain::ParseAssessment(assessment->Text(0)).value_or(domain::Assessment::kGraded))) {
    return Error::Of(ErrorCode::kInvalidMark);
  }
  if (value == before->value) return Error::WithDetail(ErrorCode::kInvalidValue, "value: отметка та же");
  // The teacher who asks is a teacher of this journal.
  if (!TeachesIn(conn, *j, why.teacher_id)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "explanation.teacherId: учитель не ведёт этот журнал");
  }
  const std::string teacher = lookup::FullNameOf(conn, why.teacher_id);
  const int64_t now = clock_.Now();
  conn.Query(
      "UPDATE period_marks SET value = $2, version = version + 1, updated_by = $3, updated_at = $4"
      " WHERE id = $1 AND version = $5",
      {Value{id}, Value{value}, Value{actor.user_id}, Value{now}, Value{int64_t{before->version}}});
  if (conn.ChangedRows() != 1) return Error::Of(ErrorCode::kStaleVersion);
  auto after = LoadPeriodMark(conn, id);
  // The explanation as seed 001 lists it: teacher, class, date, subject, the change, the reason.
  boost::json::object explanation{{"teacherId", why.teacher_id},
                                  {"teacher", teacher},
                                  {"class", j->summary.class_ ? j->summary.class_->name : j->summary.group->name},
                                  {"date", why.date},
                                  {"subject", j->summary.subject.name},
                                  {"change", before->value + " → " + value},
                                  {"reason", reason}};
  events::Append(conn,
                 {j->school_id, actor.user_id, "period_mark.correct", "period_mark", id, PeriodMarkSnapshot(*before),
                  PeriodMarkSnapshot(*after), boost::json::serialize(explanation)},
                 now);
  tx.Commit();
  return *after;
}

domain::Result<std::pair<PeriodMarkView, std::vector<events::StoredEvent>>> PeriodMarkService::PeriodMarkHistory(
    storage::Connection& conn, const domain::Actor& actor, int64_t id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto mark = LoadPeriodMark(conn, id);
  if (!mark) return Error::Of(ErrorCode::kNotFound);
  auto j = LoadJournal(conn, mark->journal_id, clock_.Today());
  if (!j || !actor.HasAnyIn(j->school_id)) return Error::Of(ErrorCode::kNotFound);
  // The journal's readers, the student and their parents.
  const bool own = actor.user_id == mark->student_id ||
                   std::find(actor.children.begin(), actor.children.end(), mark->student_id) != actor.children.end();
  if (!own && !MayRead(conn, actor, *j)) return Error::Of(ErrorCode::kNotFound);
  auto history = events::Of(conn, j->school_id, "period_mark", id);
  tx.Commit();
  return std::make_pair(*mark, std::move(history));
}

}  // namespace ej::service
