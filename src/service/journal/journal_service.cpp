#include "service/journal/journal_service.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/actor_loader.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/journal/attendance_service.h"
#include "service/journal/comment_service.h"
#include "service/journal/journal_rows.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/lesson_file_service.h"
#include "service/journal/lesson_record_service.h"
#include "service/journal/mark_service.h"
#include "service/journal/period_mark_service.h"
#include "service/journal/plan_service.h"
#include "service/timetable/lesson_generation.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::LessonTarget;
using domain::Resource;
using journals::JournalRow;
using journals::kJournalColumns;
using journals::LessonsParams;
using journals::LessonsWhere;
using journals::MayRead;
using journals::ReadJournal;
using journals::TargetId;
using storage::TxMode;
using storage::Value;

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
  for (const auto& r :
       conn.Query("SELECT DISTINCT school_id, class_id, group_id, subject_id FROM lessons WHERE year_id = $1"
                  " AND retired_at IS NULL" +
                      filter,
                  params)) {
    const std::optional<int64_t> class_id = r.OptInt(1);
    const std::optional<int64_t> group_id = r.OptInt(2);
    const std::string key = TargetKey(class_id, group_id);
    auto it = grade_of.find(key);
    if (it == grade_of.end()) {
      auto grades =
          timetable::TargetGrades(conn, class_id ? LessonTarget::Class(*class_id) : LessonTarget::Group(*group_id));
      if (grades.empty()) continue;
      it = grade_of.emplace(key, grades.front()).first;
    }
    for (const Period& p : periods) {
      if (it->second < p.grade_from || it->second > p.grade_to) continue;
      conn.Query(
          "INSERT INTO journals (school_id, year_id, class_id, group_id, subject_id, target_key, period_kind,"
          " period_number, grade) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
          " ON CONFLICT (year_id, target_key, subject_id, period_kind, period_number) DO NOTHING",
          {Value{r.Int(0)}, Value{year_id}, class_id ? Value{*class_id} : Value{},
           group_id ? Value{*group_id} : Value{}, Value{r.Int(3)}, Value{key}, Value{p.kind}, Value{p.number},
           Value{int64_t{it->second}}});
    }
  }
}

void EnsureAll(storage::Connection& conn) {
  storage::Transaction tx(conn, TxMode::kWrite);
  for (const auto& r : conn.Query("SELECT id FROM academic_years ORDER BY id")) Ensure(conn, r.Int(0));
  tx.Commit();
}

}  // namespace journals

domain::Result<std::vector<JournalSummary>> JournalService::List(storage::Connection& conn, const domain::Actor& actor,
                                                                 int64_t school_id, const std::string& date_arg) {
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
  for (const auto& r :
       conn.Query("SELECT DISTINCT l.class_id, l.group_id, l.subject_id, COALESCE(l.substitute_id, l.teacher_id),"
                  " u.last_name, u.first_name, u.middle_name FROM lessons l"
                  " JOIN users u ON u.id = COALESCE(l.substitute_id, l.teacher_id)"
                  " WHERE l.year_id = $1 AND l.retired_at IS NULL",
                  {Value{*year}})) {
    teachers[{TargetKey(r.OptInt(0), r.OptInt(1)), r.Int(2)}].insert(r.Int(3));
    names.emplace(r.Int(3), FullName(r.Text(4), r.Text(5), r.OptText(6)));
  }
  for (const auto& r :
       conn.Query(kJournalColumns + " WHERE j.year_id = $1 ORDER BY c.grade, c.letter, g.name, s.name, p.starts_on",
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

namespace {

struct GridLessonColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t date = Add("l.lesson_date");
  size_t number = Add("l.lesson_number");
  size_t status = Add("l.status");
  size_t teacher_id = Add("COALESCE(l.substitute_id, l.teacher_id)");
  size_t last_name = Add("u.last_name");
  size_t first_name = Add("u.first_name");
  size_t middle_name = Add("u.middle_name");
};
const GridLessonColumns kGridLesson;

struct GridStudentColumns : storage::Columns {
  size_t id = Add("u.id");
  size_t last_name = Add("u.last_name");
  size_t first_name = Add("u.first_name");
  size_t middle_name = Add("u.middle_name");
  size_t from = Add("MIN(x.starts_on)");
  size_t to = Add("MAX(COALESCE(x.ends_on, '9999-12-31'))");
};
const GridStudentColumns kGridStudent;

// The journal's lessons with who teaches each (the journal's teachers too),
// and the topic the plan gives each.
void LoadGridLessons(storage::Connection& conn, const domain::Actor& actor, JournalRow& j, JournalGrid& grid) {
  const GridLessonColumns& k = kGridLesson;
  std::set<int64_t> teacher_ids;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM lessons l JOIN users u ON u.id = COALESCE(l.substitute_id, l.teacher_id)" +
                                      LessonsWhere(j) + " ORDER BY l.lesson_date, l.lesson_number, l.id",
                                  LessonsParams(j))) {
    GridLesson l;
    l.id = r.Int(k.id);
    l.date = r.Text(k.date);
    l.lesson_number = static_cast<int>(r.Int(k.number));
    l.status = r.Text(k.status);
    l.teacher = {r.Int(k.teacher_id), FullName(r.Text(k.last_name), r.Text(k.first_name), r.OptText(k.middle_name))};
    l.can_write = (l.status == "planned" || l.status == "substituted") &&
                  domain::Allowed(actor, Action::kWriteLesson, Resource::OfLesson(j.school_id, l.teacher.id));
    grid.can_write = grid.can_write || l.can_write;
    if (teacher_ids.insert(l.teacher.id).second) j.summary.teachers.push_back(l.teacher);
    grid.lessons.push_back(std::move(l));
  }
  const auto planned = plans::TopicsOfLessons(conn, j.summary.id);
  for (auto& l : grid.lessons) {
    if (auto it = planned.find(l.id); it != planned.end()) {
      l.plan_topic_id = it->second.id;
      l.plan_topic_number = it->second.number;
      l.plan_topic_title = it->second.title;
    }
  }
}

// Students who belong to the class or group on any day of the period, with
// the days they joined or left within it.
void LoadGridStudents(storage::Connection& conn, const JournalRow& j, JournalGrid& grid) {
  const GridStudentColumns& k = kGridStudent;
  const std::string members =
      j.summary.class_ ? "SELECT e.student_id, e.starts_on, e.ends_on FROM enrolments e WHERE e.class_id = $1"
                       : "SELECT e.student_id, e.starts_on, e.ends_on FROM group_members e WHERE e.group_id = $1";
  const auto& period = j.summary.period;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM (" + members + " AND " + sql::ActiveDuring("e", "$2", "$3") +
                      ") x JOIN users u ON u.id = x.student_id GROUP BY u.id, u.last_name, u.first_name, u.middle_name"
                      " ORDER BY u.last_name, u.first_name, u.middle_name, u.id",
                  {Value{TargetId(j)}, Value{period.starts_on}, Value{period.ends_on}})) {
    GridStudent s;
    s.id = r.Int(k.id);
    s.full_name = FullName(r.Text(k.last_name), r.Text(k.first_name), r.OptText(k.middle_name));
    if (r.Text(k.from) > period.starts_on) s.from = r.Text(k.from);
    if (r.Text(k.to) < period.ends_on) s.to = r.Text(k.to);
    grid.students.push_back(std::move(s));
  }
}

// What was written into the journal's lessons and not taken back: marks,
// records, attendance, files, comments; and its period marks.
void LoadGridEntries(storage::Connection& conn, const JournalRow& j, JournalGrid& grid) {
  const std::string where = LessonsWhere(j);
  const auto params = LessonsParams(j);
  const std::string in_order = " ORDER BY l.lesson_date, l.lesson_number";
  for (const auto& r :
       conn.Query(marks::SelectSql() + where + " AND m.removed_at IS NULL" + in_order + ", m.id", params)) {
    grid.marks.push_back(marks::Read(r));
  }
  for (const auto& r : conn.Query(lesson_records::SelectSql() + where + in_order, params)) {
    grid.records.push_back(lesson_records::Read(r));
  }
  for (const auto& r :
       conn.Query(attendance::SelectSql() + where + " AND a.removed_at IS NULL" + in_order + ", a.id", params)) {
    grid.attendance.push_back(attendance::Read(r));
  }
  for (const auto& r :
       conn.Query(lesson_files::SelectSql() + where + " AND f.removed_at IS NULL" + in_order + ", f.id", params)) {
    grid.files.push_back(lesson_files::Read(r));
  }
  for (const auto& r :
       conn.Query(comments::SelectSql() + where + " AND c.removed_at IS NULL" + in_order + ", c.id", params)) {
    grid.comments.push_back(comments::Read(r));
  }
  for (const auto& r :
       conn.Query(period_marks::SelectSql() + " WHERE pm.journal_id = $1 ORDER BY pm.student_id, pm.kind",
                  {Value{j.summary.id}})) {
    grid.period_marks.push_back(period_marks::Read(r));
  }
}

// Each student's averages from the marks, and the forecast of the period mark.
void ComputeGridAverages(int rounding_from, JournalGrid& grid) {
  std::map<int64_t, std::vector<domain::WeightedMark>> by_student;
  for (const auto& m : grid.marks) by_student[m.student_id].push_back({m.value, m.weight});
  for (const auto& s : grid.students) {
    GridAverage a;
    a.student_id = s.id;
    a.averages = domain::ComputeAverages(by_student[s.id]);
    a.forecast = domain::Forecast(a.averages, rounding_from);
    grid.averages.push_back(a);
  }
}

}  // namespace

domain::Result<JournalGrid> JournalService::Grid(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t journal_id) {
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, TxMode::kRead);
  auto row = conn.QueryOne(kJournalColumns + " WHERE j.id = $1", {Value{journal_id}});
  if (!row) return Error::Of(ErrorCode::kNotFound);
  JournalRow j = ReadJournal(*row, today);
  if (!actor.HasAnyIn(j.school_id)) return Error::Of(ErrorCode::kNotFound);
  if (!MayRead(conn, actor, j)) return Error::Of(ErrorCode::kForbidden);
  JournalGrid grid;
  grid.assessment =
      conn.QueryOne("SELECT assessment FROM subjects WHERE id = $1", {Value{j.summary.subject.id}})->Text(0);
  LoadGridLessons(conn, actor, j, grid);
  LoadGridStudents(conn, j, grid);
  LoadGridEntries(conn, j, grid);
  ComputeGridAverages(journal_rules::LoadSettings(conn, j.school_id).rounding_from, grid);
  grid.journal = std::move(j.summary);
  tx.Commit();
  return grid;
}

domain::Result<int64_t> JournalService::LessonOf(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t journal_id, int64_t lesson_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto row = conn.QueryOne(kJournalColumns + " WHERE j.id = $1", {Value{journal_id}});
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

}  // namespace ej::service
