// The demo journal's rows as drawn by FillJournal, and their writing: the
// rows in batches with the services' column lists, then one event of the
// journal's chain per entry, in time order, as if typed on the day.
// Internal to ej_demo.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace ej::service::demo {

struct MarkRow {
  int64_t lesson, student, type;
  std::string value;
  int weight;
  int64_t by, at;
  std::string client_id;
};

struct AbsenceRow {
  int64_t lesson, student;
  std::string kind;
  std::optional<std::string> reason;  // given by the class teacher the next morning
  int64_t by, at;
  int64_t reason_by, reason_at;
};

struct RecordRow {
  int64_t lesson;
  std::string topic;
  std::optional<std::string> homework, due;
  bool late;
  int64_t by, at;
};

struct PeriodMarkRow {
  int64_t journal, student;
  std::string value;
  int64_t by, at;
};

struct JournalRows {
  std::vector<RecordRow> records;
  std::vector<MarkRow> marks;
  std::vector<AbsenceRow> absences;
  std::vector<PeriodMarkRow> period_marks;
};

// Inserts the rows of school `school_id` and appends their events; returns
// the number of events. In the caller's transaction.
int64_t WriteJournal(storage::Connection& conn, int64_t school_id, const JournalRows& rows);

}  // namespace ej::service::demo
