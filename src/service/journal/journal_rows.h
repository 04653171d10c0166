// The journal as stored and the lessons it holds: shared by the services
// that read a journal (the grid, period marks, the calendar-thematic plan).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/roles.h"
#include "service/journal/journal_service.h"
#include "storage/database.h"

namespace ej::service::journals {

// The journal and its period, as stored.
struct JournalRow {
  JournalSummary summary;
  int64_t school_id = 0;
  int64_t year_id = 0;
  std::optional<int64_t> class_id;  // the class, or a subgroup's class
  std::string target_key;
};

// "SELECT <a journal's columns> FROM journals j ...": add a WHERE on j.
extern const std::string kJournalColumns;
JournalRow ReadJournal(const storage::Row& r, const std::string& today);
std::optional<JournalRow> LoadJournal(storage::Connection& conn, int64_t journal_id, const std::string& today);

// "SELECT <a period's columns> FROM study_periods p": add a WHERE on p.
extern const std::string kPeriodColumns;
JournalPeriod ReadPeriod(const storage::Row& r);

std::string TargetColumn(const JournalRow& j);  // "class_id" or "group_id"
int64_t TargetId(const JournalRow& j);
// The journal's lessons: of its class or group and subject within the
// period ($1..$4 of LessonsParams); retired ones only when something was
// written into them.
std::string LessonsWhere(const JournalRow& j);
std::vector<storage::Value> LessonsParams(const JournalRow& j);
// Teaches (or stood in for) one of the journal's lessons.
bool TeachesIn(storage::Connection& conn, const JournalRow& j, int64_t user_id);
bool MayRead(storage::Connection& conn, const domain::Actor& actor, const JournalRow& j);
// Whether the actor may open the journal a lesson (of `lesson_date`, class
// "c<id>" or group "g<id>", subject) belongs to.
bool MayReadLessonOf(storage::Connection& conn, const domain::Actor& actor, const std::string& target_key,
                     int64_t subject_id, const std::string& lesson_date, const std::string& today);

}  // namespace ej::service::journals
