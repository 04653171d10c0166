// A lesson's record (R-LES-1): its topic, the work done and the homework,
// written by the teacher who teaches it, each change an event of the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_views.h"
#include "storage/database.h"

namespace ej::service {

// Fields left out stay as they are; an empty string clears one.
struct LessonRecordChange {
  std::optional<std::string> topic;
  std::optional<std::string> work_done;
  std::optional<std::string> homework;
  std::optional<std::string> homework_due;  // default: the next lesson of the subject
  // A topic of the calendar-thematic plan (0 clears); the topic's text is
  // its title unless `topic` says otherwise.
  std::optional<int64_t> plan_topic_id;
  int expected_version = 0;
};

class LessonRecordService {
 public:
  explicit LessonRecordService(const Clock& clock) : clock_(clock) {}

  // By the teacher who teaches the lesson: in advance, on the day, or up to
  // the school's limit after (flagged or refused after it); homework is late
  // after the school's hours past the class's last lesson of the day.
  domain::Result<LessonRecord> SetRecord(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                         const LessonRecordChange& change);
  // The lesson's record and every change of it (topic, homework), oldest
  // first: for whoever may open its journal.
  domain::Result<std::pair<LessonRecord, std::vector<events::StoredEvent>>> LessonHistory(storage::Connection& conn,
                                                                                          const domain::Actor& actor,
                                                                                          int64_t lesson_id);

 private:
  const Clock& clock_;
};

namespace lesson_records {
// "SELECT <a record's columns> FROM lesson_records r JOIN lessons l ...":
// add a WHERE on r or l; Read makes the record of each row.
const std::string& SelectSql();
LessonRecord Read(const storage::Row& row);
}  // namespace lesson_records

}  // namespace ej::service
