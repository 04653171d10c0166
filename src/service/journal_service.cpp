#include "service/journal_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/journal_rows.h"
#include "service/lookup.h"
#include "service/plan_service.h"
#include "service/actor_loader.h"
#include "service/principal.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::LessonTarget;
using domain::Resource;
using storage::TxMode;
using storage::Value;
using journals::JournalRow;
using journals::kJournalColumns;
using journals::LessonsParams;
using journals::LessonsWhere;
using journals::LoadJournal;
using journals::MayRead;
using journals::ReadJournal;
using journals::TargetColumn;
using journals::TargetId;
using journals::TeachesIn;

namespace {

std::string TargetKey(const std::optional<int64_t>& class_id, const std::optional<int64_t>& group_id) {
  return class_id ? "c" + std::to_string(*class_id) : "g" + std::to_string(*group_id);
}


}  // namespace

namespace journals {

void Ensure(storage::Connection& conn, int64_t year_id, std::optional<LessonTarget> target) {
  struct Period {
    std::string kind;
    int64_t number;
    int64_t grade_from, grade_to;
  };
  std::vector<Period> periods;
  for (const auto& r : conn.Query("SELECT kind, number, grade_from, grade_to FROM study_periods WHERE year_id = $1",
                                  {Value{year_id}})) {
    periods.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3)});
  }
  std::map<std::string, int> grade_of;  // target key -> the grade whose periods it follows
  std::string filter;
  std::vector<Value> params = {Value{year_id}};
  if (target) {
    filter = target->kind == LessonTarget::Kind::kClass ? " AND class_id = $2" : " AND group_id = $2";
    params.emplace_back(std::in_place_type<int64_t>, target->id);
  }
  for (const auto& r : conn.Query(
           "SELECT DISTINCT school_id, class_id, group_id, subject_id FROM lessons WHERE year_id = $1"
           " AND retired_at IS NULL" + filter,
           params)) {
    const std::optional<int64_t> class_id = r.OptInt(1);
    const std::optional<int64_t> group_id = r.OptInt(2);
    const std::string key = TargetKey(class_id, group_id);
    auto it = grade_of.find(key);
    if (it == grade_of.end()) {
      auto grades = timetable::TargetGrades(
          conn, class_id ? LessonTarget::Class(*class_id) : LessonTarget::Group(*group_id));
      if (grades.empty()) continue;
      it = grade_of.emplace(key, grades.front()).first;
    }
    for (const Period& p : periods) {
      if (it->second < p.grade_from || it->second > p.grade_to) continue;
      conn.Query(
          "INSERT INTO journals (school_id, year_id, class_id, group_id, subject_id, target_key, period_kind,"
          " period_number, grade) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
          " ON CONFLICT (year_id, target_key, subject_id, period_kind, period_number) DO NOTHING",
          {Value{r.Int(0)}, Value{year_id}, class_id ? Value{*class_id} : Value{}, group_id ? Value{*group_id} : Value{},
           Value{r.Int(3)}, Value{key}, Value{p.kind}, Value{p.number}, Value{int64_t{it->second}}});
    }
  }
}

void EnsureAll(storage::Connection& conn) {
  storage::Transaction tx(conn, TxMode::kWrite);
  for (const auto& r : conn.Query("SELECT id FROM academic_years ORDER BY id")) Ensure(conn, r.Int(0));
  tx.Commit();
}

}  // namespace journals

domain::Result<std::vector<JournalSummary>> JournalService::List(storage::Connection& conn,
                                                                 const domain::Actor& actor, int64_t school_id,
                                                                 const std::string& date_arg) {
  const std::string today = clock_.Today();
  const std::string date = date_arg.empty() ? today : date_arg;
  if (!domain::ParseDate(date)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<JournalSummary> out;
  auto year = lookup::YearOn(conn, school_id, date);
  if (!year) {
    tx.Commit();
    return out;
  }
  // Who teaches what this year: the teachers of each journal, and what the actor teaches.
  std::map<std::pair<std::string, int64_t>, std::set<int64_t>> teachers;
  std::map<int64_t, std::string> names;
  for (const auto& r : conn.Query(
           "SELECT DISTINCT l.class_id, l.group_id, l.subject_id, COALESCE(l.substitute_id, l.teacher_id),"
           " u.last_name, u.first_name, u.middle_name FROM lessons l"
           " JOIN users u ON u.id = COALESCE(l.substitute_id, l.teacher_id)"
           " WHERE l.year_id = $1 AND l.retired_at IS NULL",
           {Value{*year}})) {
    teachers[{TargetKey(r.OptInt(0), r.OptInt(1)), r.Int(2)}].insert(r.Int(3));
    names.emplace(r.Int(3), FullName(r.Text(4), r.Text(5), r.OptText(6)));
  }
  for (const auto& r : conn.Query(std::string(kJournalColumns) +
                                      " WHERE j.year_id = $1 ORDER BY c.grade, c.letter, g.name, s.name, p.starts_on",
                                  {Value{*year}})) {
    JournalRow j = ReadJournal(r, today);
    const auto& who = teachers[{j.target_key, j.summary.subject.id}];
    Resource res = Resource::OfSchool(j.school_id);
    res.class_id = j.class_id;
    if (who.contains(actor.user_id)) res.teacher_id = actor.user_id;
    if (!domain::Allowed(actor, Action::kReadJournal, res)) continue;
    for (int64_t t : who) j.summary.teachers.push_back({t, names[t]});
    out.push_back(std::move(j.summary));
  }
  tx.Commit();
  return out;
}

domain::Result<JournalGrid> JournalService::Grid(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t journal_id) {
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kRead);
  auto row = conn.QueryOne(std::string(kJournalColumns) + " WHERE j.id = $1", {Value{journal_id}});
  if (!row) return Error::Of(ErrorCode::kNotFound);
  JournalRow j = ReadJournal(*row, today);
  if (!actor.HasAnyIn(j.school_id)) return Error::Of(ErrorCode::kNotFound);
  if (!MayRead(conn, actor, j)) return Error::Of(ErrorCode::kForbidden);
  JournalGrid grid;
  grid.assessment = conn.QueryOne("SELECT assessment FROM subjects WHERE id = $1", {Value{j.summary.subject.id}})->Text(0);

  // Lessons, with who teaches each.
  std::set<int64_t> teacher_ids;
  for (const auto& r : conn.Query(
           "SELECT l.id, l.lesson_date, l.lesson_number, l.status, COALESCE(l.substitute_id, l.teacher_id),"
           " u.last_name, u.first_name, u.middle_name FROM lessons l"
           " JOIN users u ON u.id = COALESCE(l.substitute_id, l.teacher_id)" +
               LessonsWhere(j) + " ORDER BY l.lesson_date, l.lesson_number, l.id",
           LessonsParams(j))) {
    GridLesson l;
    l.id = r.Int(0);
    l.date = r.Text(1);
    l.lesson_number = static_cast<int>(r.Int(2));
    l.status = r.Text(3);
    l.teacher = {r.Int(4), FullName(r.Text(5), r.Text(6), r.OptText(7))};
    l.can_write = (l.status == "planned" || l.status == "substituted") &&
                  domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(j.school_id, l.teacher.id));
    grid.can_write = grid.can_write || l.can_write;
    if (teacher_ids.insert(l.teacher.id).second) j.summary.teachers.push_back(l.teacher);
    grid.lessons.push_back(std::move(l));
  }
  // What the calendar-thematic plan gives each lesson.
  const auto planned = plans::TopicsOfLessons(conn, journal_id);
  for (auto& l : grid.lessons) {
    if (auto it = planned.find(l.id); it != planned.end()) {
      l.plan_topic_id = it->second.id;
      l.plan_topic_number = it->second.number;
      l.plan_topic_title = it->second.title;
    }
  }

  // Students who belong to the class or group on any day of the period.
  const std::string members =
      j.summary.class_ ? "SELECT e.student_id, e.starts_on, e.ends_on FROM enrolments e WHERE e.class_id = $1"
                       : "SELECT e.student_id, e.starts_on, e.ends_on FROM group_members e WHERE e.group_id = $1";
  std::map<int64_t, size_t> index;
  for (const auto& r : conn.Query(
           "SELECT u.id, u.last_name, u.first_name, u.middle_name, MIN(x.starts_on), MAX(COALESCE(x.ends_on, '9999-12-31'))"
           " FROM (" + members + " AND e.starts_on <= $3 AND (e.ends_on IS NULL OR e.ends_on >= $2)) x"
           " JOIN users u ON u.id = x.student_id GROUP BY u.id, u.last_name, u.first_name, u.middle_name"
           " ORDER BY u.last_name, u.first_name, u.middle_name, u.id",
           {Value{TargetId(j)}, Value{j.summary.period.starts_on}, Value{j.summary.period.ends_on}})) {
    GridStudent s;
    s.id = r.Int(0);
    s.full_name = FullName(r.Text(1), r.Text(2), r.OptText(3));
    if (r.Text(4) > j.summary.period.starts_on) s.from = r.Text(4);
    if (r.Text(5) < j.summary.period.ends_on) s.to = r.Text(5);
    index[s.id] = grid.students.size();
    grid.students.push_back(std::move(s));
  }

  // Marks, and the averages from them.
  std::map<int64_t, std::vector<domain::WeightedMark>> by_student;
  for (const auto& r : conn.Query(std::string(marks::SelectSql()) + LessonsWhere(j) +
                                      " AND m.removed_at IS NULL ORDER BY l.lesson_date, l.lesson_number, m.id",
                                  LessonsParams(j))) {
    MarkView m = marks::Read(r);
    by_student[m.student_id].push_back({m.value, m.weight});
    grid.marks.push_back(std::move(m));
  }
  for (const auto& r : conn.Query(
           "SELECT r.lesson_id, r.topic, r.work_done, r.homework, r.homework_due, r.topic_late, r.homework_late,"
           " r.version, r.plan_topic_id FROM lesson_records r JOIN lessons l ON l.id = r.lesson_id" +
               LessonsWhere(j) + " ORDER BY l.lesson_date, l.lesson_number",
           LessonsParams(j))) {
    grid.records.push_back({r.Int(0), r.OptText(1), r.OptText(2), r.OptText(3), r.OptText(4), r.Int(5) != 0,
                            r.Int(6) != 0, static_cast<int>(r.Int(7)), r.OptInt(8)});
  }
  for (const auto& r : conn.Query(
           "SELECT a.id, a.lesson_id, a.student_id, l.lesson_date, a.kind, a.reason, a.version"
           " FROM attendance a JOIN lessons l ON l.id = a.lesson_id" +
               LessonsWhere(j) + " AND a.removed_at IS NULL ORDER BY l.lesson_date, l.lesson_number, a.id",
           LessonsParams(j))) {
    grid.attendance.push_back(
        {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.OptText(5), static_cast<int>(r.Int(6))});
  }
  for (const auto& r : conn.Query(std::string(lesson_files::SelectSql()) + LessonsWhere(j) +
                                      " AND f.removed_at IS NULL ORDER BY l.lesson_date, l.lesson_number, f.id",
                                  LessonsParams(j))) {
    grid.files.push_back(lesson_files::Read(r));
  }
  for (const auto& r : conn.Query(std::string(comments::SelectSql()) + LessonsWhere(j) +
                                      " AND c.removed_at IS NULL ORDER BY l.lesson_date, l.lesson_number, c.id",
                                  LessonsParams(j))) {
    grid.comments.push_back(comments::Read(r));
  }
  for (const auto& r : conn.Query(
           "SELECT id, journal_id, student_id, kind, value, document, version FROM period_marks WHERE journal_id = $1"
           " ORDER BY student_id, kind",
           {Value{j.summary.id}})) {
    grid.period_marks.push_back(
        {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.OptText(5), static_cast<int>(r.Int(6))});
  }
  auto rounding = conn.QueryOne("SELECT rounding_from FROM journal_settings WHERE school_id = $1", {Value{j.school_id}});
  const int rounding_from = rounding ? static_cast<int>(rounding->Int(0)) : 50;
  for (const auto& s : grid.students) {
    GridAverage a;
    a.student_id = s.id;
    a.averages = domain::ComputeAverages(by_student[s.id]);
    a.forecast = domain::Forecast(a.averages, rounding_from);
    grid.averages.push_back(a);
  }
  grid.journal = std::move(j.summary);
  tx.Commit();
  return grid;
}

namespace {

std::optional<PeriodMarkView> LoadPeriodMark(storage::Connection& conn, int64_t id) {
  auto r = conn.QueryOne(
      "SELECT id, journal_id, student_id, kind, value, document, version FROM period_marks WHERE id = $1", {Value{id}});
  if (!r) return std::nullopt;
  return PeriodMarkView{r->Int(0), r->Int(1), r->Int(2), r->Text(3), r->Text(4), r->OptText(5),
                        static_cast<int>(r->Int(6))};
}

std::string PeriodMarkJson(const PeriodMarkView& m) {
  boost::json::object o{{"journalId", m.journal_id}, {"studentId", m.student_id}, {"kind", m.kind},
                        {"value", m.value},          {"version", m.version}};
  if (m.document) o["document"] = *m.document;
  return boost::json::serialize(o);
}

bool MemberDuringPeriod(storage::Connection& conn, const JournalRow& j, int64_t student_id) {
  const std::string sql =
      std::string(j.summary.class_ ? "SELECT 1 FROM enrolments e WHERE e.class_id = $1"
                                   : "SELECT 1 FROM group_members e WHERE e.group_id = $1") +
      " AND e.student_id = $4 AND e.starts_on <= $3 AND (e.ends_on IS NULL OR e.ends_on >= $2)";
  return conn
      .QueryOne(sql, {Value{TargetId(j)}, Value{j.summary.period.starts_on}, Value{j.summary.period.ends_on},
                      Value{student_id}})
      .has_value();
}

}  // namespace

domain::Result<PeriodMarkView> JournalService::SetPeriodMark(storage::Connection& conn, const domain::Actor& actor,
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
    return Error::WithDetail(ErrorCode::kInvalidValue, "годовая, экзаменационная и итоговая — в журнале последнего периода");
  }
  // The last week of the period, up to the school's late limit after it.
  auto late_days = conn.QueryOne("SELECT lesson_late_days FROM journal_settings WHERE school_id = $1",
                                 {Value{j->school_id}});
  const int after = late_days ? static_cast<int>(late_days->Int(0)) : 7;
  const int to_end = domain::DaysBetween(today, j->summary.period.ends_on).value_or(0);
  if (to_end > 6 || to_end < -after) {
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
  auto id = conn.QueryOne(
      "INSERT INTO period_marks (school_id, journal_id, student_id, kind, value, document, set_by, set_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Value{j->school_id}, Value{journal_id}, Value{student_id}, Value{kind}, Value{value},
       document ? Value{*document} : Value{}, Value{actor.user_id}, Value{now}});
  auto saved = LoadPeriodMark(conn, id->Int(0));
  events::Append(conn,
                 {j->school_id, actor.user_id, "period_mark.set", "period_mark", saved->id, std::nullopt,
                  PeriodMarkJson(*saved), std::nullopt},
                 now);
  tx.Commit();
  return *saved;
}

domain::Result<PeriodMarkView> JournalService::CorrectPeriodMark(storage::Connection& conn,
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
  conn.Query("UPDATE period_marks SET value = $2, version = version + 1, updated_by = $3, updated_at = $4"
             " WHERE id = $1 AND version = $5",
             {Value{id}, Value{value}, Value{actor.user_id}, Value{now}, Value{int64_t{before->version}}});
  if (conn.ChangedRows() != 1) return Error::Of(ErrorCode::kStaleVersion);
  auto after = LoadPeriodMark(conn, id);
  // The explanation as seed 001 lists it: teacher, class, date, subject, the change, the reason.
  boost::json::object explanation{
      {"teacherId", why.teacher_id},
      {"teacher", teacher},
      {"class", j->summary.class_ ? j->summary.class_->name : j->summary.group->name},
      {"date", why.date},
      {"subject", j->summary.subject.name},
      {"change", before->value + " → " + value},
      {"reason", reason}};
  events::Append(conn,
                 {j->school_id, actor.user_id, "period_mark.correct", "period_mark", id, PeriodMarkJson(*before),
                  PeriodMarkJson(*after), boost::json::serialize(explanation)},
                 now);
  tx.Commit();
  return *after;
}

domain::Result<std::pair<PeriodMarkView, std::vector<events::StoredEvent>>> JournalService::PeriodMarkHistory(
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

domain::Result<int64_t> JournalService::LessonOf(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t journal_id, int64_t lesson_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto row = conn.QueryOne(std::string(kJournalColumns) + " WHERE j.id = $1", {Value{journal_id}});
  if (!row) return Error::Of(ErrorCode::kNotFound);
  JournalRow j = ReadJournal(*row, clock_.Today());
  if (!actor.HasAnyIn(j.school_id) || !MayRead(conn, actor, j)) return Error::Of(ErrorCode::kNotFound);
  auto params = LessonsParams(j);
  params.emplace_back(std::in_place_type<int64_t>, lesson_id);
  if (conn.Query("SELECT 1 FROM lessons l" + LessonsWhere(j) + " AND l.id = $5", params).empty()) {
    return Error::WithDetail(ErrorCode::kNotFound, "в этом журнале нет такого урока");
  }
  tx.Commit();
  return lesson_id;
}

domain::Result<StudentProgress> JournalService::Progress(storage::Connection& conn, const domain::Actor& actor,
                                                        int64_t student_id, const std::string& date_arg) {
  const std::string date = date_arg.empty() ? clock_.Today() : date_arg;
  if (!domain::ParseDate(date)) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kRead);
  auto cls = lookup::ClassOfStudentOn(conn, student_id, date);
  if (!cls) return Error::Of(ErrorCode::kNotFound);
  const domain::PersonRef person = LoadPersonRef(conn, student_id, date);
  if (!domain::Allowed(actor, Action::kViewPerson, Resource::OfPerson(person, cls->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto period = conn.QueryOne(
      "SELECT kind, number, name, starts_on, ends_on FROM study_periods WHERE year_id = $1 AND grade_from <= $2"
      " AND grade_to >= $2 AND starts_on <= $3 AND ends_on >= $3 LIMIT 1",
      {Value{cls->year_id}, Value{int64_t{cls->grade}}, Value{date}});
  if (!period) return Error::WithDetail(ErrorCode::kNotFound, "в этот день не идёт учебный период");
  StudentProgress out;
  out.student = {student_id, lookup::FullNameOf(conn, student_id)};
  out.period = {period->Text(0), static_cast<int>(period->Int(1)), period->Text(2), period->Text(3), period->Text(4)};
  // The subjects of the journals the student is in: the class's, and the groups' they belong to.
  std::map<int64_t, size_t> index;
  for (const auto& r : conn.Query(
           "SELECT DISTINCT s.id, s.name FROM journals j JOIN subjects s ON s.id = j.subject_id"
           " WHERE j.year_id = $1 AND j.period_kind = $2 AND j.period_number = $3 AND (j.class_id = $4 OR j.group_id IN"
           " (SELECT m.group_id FROM group_members m WHERE m.student_id = $5 AND m.starts_on <= $7"
           " AND (m.ends_on IS NULL OR m.ends_on >= $6))) ORDER BY s.name",
           {Value{cls->year_id}, Value{out.period.kind}, Value{int64_t{out.period.number}}, Value{cls->id},
            Value{student_id}, Value{out.period.starts_on}, Value{out.period.ends_on}})) {
    index[r.Int(0)] = out.subjects.size();
    out.subjects.push_back({Named{r.Int(0), r.Text(1)}, {}, {}, std::nullopt, std::nullopt});
  }
  // The subject of each lesson the student has a mark in, read once.
  const std::vector<Value> range = {Value{student_id}, Value{out.period.starts_on}, Value{out.period.ends_on}};
  std::map<int64_t, Named> subject_of;
  for (const auto& r : conn.Query(
           "SELECT DISTINCT l.id, s.id, s.name FROM marks m JOIN lessons l ON l.id = m.lesson_id"
           " JOIN subjects s ON s.id = l.subject_id WHERE m.student_id = $1 AND l.lesson_date >= $2"
           " AND l.lesson_date <= $3",
           range)) {
    subject_of[r.Int(0)] = Named{r.Int(1), r.Text(2)};
  }
  for (const auto& r : conn.Query(std::string(marks::SelectSql()) +
                                      " WHERE m.student_id = $1 AND m.removed_at IS NULL AND l.lesson_date >= $2"
                                      " AND l.lesson_date <= $3 ORDER BY l.lesson_date, l.lesson_number, m.id",
                                  range)) {
    MarkView m = marks::Read(r);
    const Named& subject = subject_of.at(m.lesson_id);
    auto it = index.find(subject.id);
    if (it == index.end()) {
      it = index.emplace(subject.id, out.subjects.size()).first;
      out.subjects.push_back({subject, {}, {}, std::nullopt, std::nullopt});
    }
    out.subjects[it->second].marks.push_back(std::move(m));
  }
  auto rounding = conn.QueryOne("SELECT rounding_from FROM journal_settings WHERE school_id = $1", {Value{cls->school_id}});
  const int rounding_from = rounding ? static_cast<int>(rounding->Int(0)) : 50;
  for (auto& s : out.subjects) {
    std::vector<domain::WeightedMark> weighted;
    for (const auto& m : s.marks) weighted.push_back({m.value, m.weight});
    s.averages = domain::ComputeAverages(weighted);
    s.forecast = domain::Forecast(s.averages, rounding_from);
  }
  for (const auto& r : conn.Query(
           "SELECT j.subject_id, pm.value FROM period_marks pm JOIN journals j ON j.id = pm.journal_id"
           " WHERE pm.student_id = $1 AND pm.kind = 'period' AND j.year_id = $2 AND j.period_kind = $3"
           " AND j.period_number = $4",
           {Value{student_id}, Value{cls->year_id}, Value{out.period.kind}, Value{int64_t{out.period.number}}})) {
    if (auto it = index.find(r.Int(0)); it != index.end()) out.subjects[it->second].period_mark = r.Text(1);
  }
  tx.Commit();
  return out;
}

}  // namespace ej::service
