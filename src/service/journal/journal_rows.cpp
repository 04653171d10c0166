#include "service/journal/journal_rows.h"

#include "domain/rights.h"
#include "service/common/principal.h"
#include "storage/columns.h"

namespace ej::service::journals {

using domain::Action;
using domain::Resource;
using storage::Value;

namespace {

struct JournalColumns : storage::Columns {
  size_t id = Add("j.id");
  size_t school_id = Add("j.school_id");
  size_t year_id = Add("j.year_id");
  size_t class_id = Add("j.class_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t group_id = Add("j.group_id");
  size_t group = Add("g.name");
  size_t group_class_id = Add("g.class_id");
  size_t subject_id = Add("j.subject_id");
  size_t subject = Add("s.name");
  size_t period_kind = Add("j.period_kind");
  size_t period_number = Add("j.period_number");
  size_t period = Add("p.name");
  size_t starts_on = Add("p.starts_on");
  size_t ends_on = Add("p.ends_on");
  size_t target_key = Add("j.target_key");
};
const JournalColumns kJournal;

struct PeriodColumns : storage::Columns {
  size_t kind = Add("p.kind");
  size_t number = Add("p.number");
  size_t name = Add("p.name");
  size_t starts_on = Add("p.starts_on");
  size_t ends_on = Add("p.ends_on");
};
const PeriodColumns kPeriod;

}  // namespace

const std::string kPeriodColumns = "SELECT " + kPeriod.List() + " FROM study_periods p";

JournalPeriod ReadPeriod(const storage::Row& r) {
  const PeriodColumns& k = kPeriod;
  return {r.Text(k.kind), static_cast<int>(r.Int(k.number)), r.Text(k.name), r.Text(k.starts_on), r.Text(k.ends_on)};
}

const std::string kJournalColumns =
    "SELECT " + kJournal.List() +
    " FROM journals j JOIN subjects s ON s.id = j.subject_id"
    " LEFT JOIN classes c ON c.id = j.class_id LEFT JOIN study_groups g ON g.id = j.group_id"
    " JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind AND p.number = j.period_number"
    " AND p.grade_from <= j.grade AND p.grade_to >= j.grade";

JournalRow ReadJournal(const storage::Row& r, const std::string& today) {
  const JournalColumns& k = kJournal;
  JournalRow j;
  j.summary.id = r.Int(k.id);
  j.school_id = r.Int(k.school_id);
  j.year_id = r.Int(k.year_id);
  if (!r.IsNull(k.class_id)) {
    j.summary.class_ = Named{r.Int(k.class_id), ClassName(r.Int(k.grade), r.Text(k.letter))};
    j.class_id = r.Int(k.class_id);
  }
  if (!r.IsNull(k.group_id)) {
    j.summary.group = Named{r.Int(k.group_id), r.Text(k.group)};
    j.class_id = r.OptInt(k.group_class_id);
  }
  j.summary.subject = {r.Int(k.subject_id), r.Text(k.subject)};
  j.summary.period = {r.Text(k.period_kind), static_cast<int>(r.Int(k.period_number)), r.Text(k.period),
                      r.Text(k.starts_on), r.Text(k.ends_on)};
  j.summary.current = j.summary.period.starts_on <= today && today <= j.summary.period.ends_on;
  j.target_key = r.Text(k.target_key);
  return j;
}

std::string TargetColumn(const JournalRow& j) { return j.summary.class_ ? "class_id" : "group_id"; }
int64_t TargetId(const JournalRow& j) { return j.summary.class_ ? j.summary.class_->id : j.summary.group->id; }

// The journal's lessons: of its class or group and subject within the
// period; retired ones only when something was written into them.
std::string LessonsWhere(const JournalRow& j) {
  return " WHERE l." + TargetColumn(j) +
         " = $1 AND l.subject_id = $2 AND l.lesson_date >= $3 AND l.lesson_date <= $4"
         " AND (l.retired_at IS NULL OR EXISTS (SELECT 1 FROM marks m WHERE m.lesson_id = l.id))";
}

std::vector<Value> LessonsParams(const JournalRow& j) {
  return {Value{TargetId(j)}, Value{j.summary.subject.id}, Value{j.summary.period.starts_on},
          Value{j.summary.period.ends_on}};
}

bool TeachesIn(storage::Connection& conn, const JournalRow& j, int64_t user_id) {
  auto params = LessonsParams(j);
  params.emplace_back(std::in_place_type<int64_t>, user_id);
  return conn.Query("SELECT 1 FROM lessons l" + LessonsWhere(j) +
                        " AND (l.teacher_id = $5 OR l.substitute_id = $5) LIMIT 1",
                    params)
             .size() > 0;
}

bool MayRead(storage::Connection& conn, const domain::Actor& actor, const JournalRow& j) {
  Resource r = Resource::OfSchool(j.school_id);
  r.class_id = j.class_id;
  if (domain::Allowed(actor, Action::kReadJournal, r)) return true;
  r.teacher_id = actor.user_id;
  return TeachesIn(conn, j, actor.user_id) && domain::Allowed(actor, Action::kReadJournal, r);
}

std::optional<JournalRow> LoadJournal(storage::Connection& conn, int64_t journal_id, const std::string& today) {
  auto row = conn.QueryOne(kJournalColumns + " WHERE j.id = $1", {Value{journal_id}});
  if (!row) return std::nullopt;
  return ReadJournal(*row, today);
}

bool MayReadLessonOf(storage::Connection& conn, const domain::Actor& actor, const std::string& target_key,
                     int64_t subject_id, const std::string& lesson_date, const std::string& today) {
  auto row =
      conn.QueryOne(kJournalColumns +
                        " WHERE j.target_key = $1 AND j.subject_id = $2 AND p.starts_on <= $3 AND p.ends_on >= $3"
                        " LIMIT 1",
                    {Value{target_key}, Value{subject_id}, Value{lesson_date}});
  return row && MayRead(conn, actor, ReadJournal(*row, today));
}

}  // namespace ej::service::journals
