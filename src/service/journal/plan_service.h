// The calendar-thematic plan (КТП, R-LES-2) of a subject in a class or group
// for a year: numbered topics with hours, typed or loaded from a CSV/XLSX
// file. Its total is checked against the curriculum; the journal offers each
// lesson the plan's topic it falls on; plan against fact per study period.
//
// Read by whoever may open the journal; written by the teacher who teaches
// the subject there and by deputies. Every change is an event of the journal.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/imports/import_report.h"
#include "service/journal/journal_service.h"
#include "storage/database.h"

namespace ej::service {

struct PlanTopic {
  int64_t id = 0;
  int number = 0;
  std::optional<std::string> section;
  std::string title;
  int hours = 1;
  std::optional<std::string> planned_on;
};

struct PlanTopicInput {
  std::optional<std::string> section;
  std::string title;
  int hours = 1;
  std::optional<std::string> planned_on;  // "YYYY-MM-DD"
};

// Plan against fact in one study period.
struct PlanPeriod {
  JournalPeriod period;
  int planned = 0;     // hours of the plan that fall in it
  int scheduled = 0;   // lessons the timetable gives it
  int held = 0;        // of them, up to today
  int with_topic = 0;  // held lessons with a topic written
};

struct PlanView {
  int64_t journal_id = 0;
  int version = 0;  // 0: no plan yet
  std::vector<PlanTopic> topics;
  int plan_hours = 0;
  std::optional<int> curriculum_hours;  // the year's hours by the curriculum
  int year_lessons = 0;                 // lessons in the year's timetable
  std::vector<PlanPeriod> periods;
  bool can_edit = false;
};

struct PlanImport {
  std::string format, encoding, sheet;
  std::vector<std::string> columns, ignored_columns;
  std::vector<PlanTopicInput> topics;
  std::vector<RowError> errors;
  std::optional<PlanView> plan;  // when applied
};

class PlanService {
 public:
  explicit PlanService(const Clock& clock) : clock_(clock) {}

  // The plan of the journal's class or group and subject for the year.
  domain::Result<PlanView> Get(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id);
  // Replaces the topics, numbered in order. A topic already given to a
  // lesson can't be dropped (plan.topic_in_use). A stale version is
  // journal.conflict.
  domain::Result<PlanView> Replace(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                   const std::vector<PlanTopicInput>& topics, int expected_version);
  // Reads a CSV or XLSX file (columns «№», «Раздел», «Тема», «Часы», «Дата»);
  // with `apply` and no bad row, replaces the plan with it.
  domain::Result<PlanImport> Import(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                    const ImportFile& file, bool apply, int expected_version);

 private:
  const Clock& clock_;
};

namespace plans {
// The plan's topic each lesson of the journal falls on (lessons past the
// plan's end have none), in the caller's transaction.
std::map<int64_t, PlanTopic> TopicsOfLessons(storage::Connection& conn, int64_t journal_id);
// The topic, if it belongs to the plan of the lesson's class or group and subject.
std::optional<PlanTopic> TopicForLesson(storage::Connection& conn, int64_t lesson_id, int64_t topic_id);
}  // namespace plans

}  // namespace ej::service
