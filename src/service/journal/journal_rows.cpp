#include "service/journal/journal_rows.h"

#include "domain/rights.h"
#include "service/common/principal.h"

namespace ej::service::journals {

using domain::Action;
using domain::Resource;
using storage::Value;

const char* const kJournalColumns =
    "SELECT j.id, j.school_id, j.year_id, j.class_id, c.grade, c.letter, j.group_id, g.name, g.class_id,"
    " j.subject_id, s.name, j.period_kind, j.period_number, p.name, p.starts_on, p.ends_on, j.target_key"
    " FROM journals j JOIN subjects s ON s.id = j.subject_id"
    " LEFT JOIN classes c ON c.id = j.class_id LEFT JOIN study_groups g ON g.id = j.group_id"
    " JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind AND p.number = j.period_number"
    " AND p.grade_from <= j.grade AND p.grade_to >= j.grade";

JournalRow ReadJournal(const storage::Row& r, const std::string& today) {
  JournalRow j;
  j.summary.id = r.Int(0);
  j.school_id = r.Int(1);
  j.year_id = r.Int(2);
  if (!r.IsNull(3)) {
    j.summary.class_ = Named{r.Int(3), ClassName(r.Int(4), r.Text(5))};
    j.class_id = r.Int(3);
  }
  if (!r.IsNull(6)) {
    j.summary.group = Named{r.Int(6), r.Text(7)};
    j.class_id = r.OptInt(8);
  }
  j.summary.subject = {r.Int(9), r.Text(10)};
  j.summary.period = {r.Text(11), static_cast<int>(r.Int(12)), r.Text(13), r.Text(14), r.Text(15)};
  j.summary.current = j.summary.period.starts_on <= today && today <= j.summary.period.ends_on;
  j.target_key = r.Text(16);
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
  return conn
      .Query("SELECT 1 FROM lessons l" + LessonsWhere(j) + " AND (l.teacher_id = $5 OR l.substitute_id = $5) LIMIT 1",
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
  auto row = conn.QueryOne(std::string(kJournalColumns) + " WHERE j.id = $1", {Value{journal_id}});
  if (!row) return std::nullopt;
  return ReadJournal(*row, today);
}

bool MayReadLessonOf(storage::Connection& conn, const domain::Actor& actor, const std::string& target_key,
                     int64_t subject_id, const std::string& lesson_date, const std::string& today) {
  auto row = conn.QueryOne(std::string(kJournalColumns) +
                               " WHERE j.target_key = $1 AND j.subject_id = $2 AND p.starts_on <= $3 AND p.ends_on >= $3"
                               " LIMIT 1",
                           {Value{target_key}, Value{subject_id}, Value{lesson_date}});
  return row && MayRead(conn, actor, ReadJournal(*row, today));
}

}  // namespace ej::service::journals
