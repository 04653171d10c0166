// ProgressService: a student's marks of a period by subject.
#include "service/journal/progress_service.h"

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
#include "service/journal/journal_rows.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/plan_service.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

// A student's subjects in the period, by subject id: the class's journals'
// and those of the groups the student belongs to in it.
std::map<int64_t, size_t> LoadSubjects(storage::Connection& conn, const lookup::ClassRef& cls, int64_t student_id,
                                       StudentProgress& out) {
  std::map<int64_t, size_t> index;
  for (const auto& r : conn.Query(
           "SELECT DISTINCT s.id, s.name FROM journals j JOIN subjects s ON s.id = j.subject_id"
           " WHERE j.year_id = $1 AND j.period_kind = $2 AND j.period_number = $3 AND (j.class_id = $4 OR j.group_id IN"
           " (SELECT m.group_id FROM group_members m WHERE m.student_id = $5 AND " +
               sql::ActiveDuring("m", "$6", "$7") + ")) ORDER BY s.name",
           {Value{cls.year_id}, Value{out.period.kind}, Value{int64_t{out.period.number}}, Value{cls.id},
            Value{student_id}, Value{out.period.starts_on}, Value{out.period.ends_on}})) {
    index[r.Int(0)] = out.subjects.size();
    out.subjects.push_back({Named{r.Int(0), r.Text(1)}, {}, {}, std::nullopt, std::nullopt});
  }
  return index;
}

// The period's marks under their subjects (a subject the student has marks
// in but no journal of, say after a move, is added).
void LoadMarks(storage::Connection& conn, int64_t student_id, std::map<int64_t, size_t>& index, StudentProgress& out) {
  // The subject of each lesson the student has a mark in, read once.
  const std::vector<Value> range = {Value{student_id}, Value{out.period.starts_on}, Value{out.period.ends_on}};
  std::map<int64_t, Named> subject_of;
  for (const auto& r :
       conn.Query("SELECT DISTINCT l.id, s.id, s.name FROM marks m JOIN lessons l ON l.id = m.lesson_id"
                  " JOIN subjects s ON s.id = l.subject_id WHERE m.student_id = $1 AND l.lesson_date >= $2"
                  " AND l.lesson_date <= $3",
                  range)) {
    subject_of[r.Int(0)] = Named{r.Int(1), r.Text(2)};
  }
  for (const auto& r :
       conn.Query(marks::SelectSql() + " WHERE m.student_id = $1 AND m.removed_at IS NULL AND l.lesson_date >= $2"
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
}

// The period marks set, by subject.
void LoadPeriodMarks(storage::Connection& conn, const lookup::ClassRef& cls, int64_t student_id,
                     const std::map<int64_t, size_t>& index, StudentProgress& out) {
  for (const auto& r :
       conn.Query("SELECT j.subject_id, pm.value FROM period_marks pm JOIN journals j ON j.id = pm.journal_id"
                  " WHERE pm.student_id = $1 AND pm.kind = 'period' AND j.year_id = $2 AND j.period_kind = $3"
                  " AND j.period_number = $4",
                  {Value{student_id}, Value{cls.year_id}, Value{out.period.kind}, Value{int64_t{out.period.number}}})) {
    if (auto it = index.find(r.Int(0)); it != index.end()) out.subjects[it->second].period_mark = r.Text(1);
  }
}

}  // namespace

domain::Result<StudentProgress> ProgressService::Progress(storage::Connection& conn, const domain::Actor& actor,
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
      journals::kPeriodColumns +
          " WHERE p.year_id = $1 AND p.grade_from <= $2 AND p.grade_to >= $2 AND p.starts_on <= $3 AND p.ends_on >= $3"
          " LIMIT 1",
      {Value{cls->year_id}, Value{int64_t{cls->grade}}, Value{date}});
  if (!period) return Error::WithDetail(ErrorCode::kNotFound, "в этот день не идёт учебный период");
  StudentProgress out;
  out.student = {student_id, lookup::FullNameOf(conn, student_id)};
  out.period = journals::ReadPeriod(*period);
  auto index = LoadSubjects(conn, *cls, student_id, out);
  LoadMarks(conn, student_id, index, out);
  const int rounding_from = journal_rules::LoadSettings(conn, cls->school_id).rounding_from;
  for (auto& s : out.subjects) {
    std::vector<domain::WeightedMark> weighted;
    for (const auto& m : s.marks) weighted.push_back({m.value, m.weight});
    s.averages = domain::ComputeAverages(weighted);
    s.forecast = domain::Forecast(s.averages, rounding_from);
  }
  LoadPeriodMarks(conn, *cls, student_id, index, out);
  tx.Commit();
  return out;
}

}  // namespace ej::service
