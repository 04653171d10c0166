// Writes the demo journal's rows (storage::InsertRows with the column lists
// the services insert one row with) and their events of the journal's chain,
// in time order, as the teachers would have.
#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <iterator>
#include <map>
#include <utility>

#include "demo/demo_journal_rows.h"
#include "service/common/insert_statement.h"
#include "service/journal/journal_events.h"
#include "service/journal/journal_statements.h"

namespace ej::service::demo {

using storage::Value;

namespace {

namespace json = boost::json;

void Insert(storage::Connection& conn, std::string_view columns, std::vector<Value>& rows) {
  storage::InsertRows(conn, columns, sql::ColumnCount(columns), rows);
  rows.clear();
}

void InsertAll(storage::Connection& conn, int64_t school_id, const JournalRows& j) {
  std::vector<Value> rows;
  for (const auto& r : j.records) {
    const Value row[] = {Value{r.lesson},
                         Value{school_id},
                         Value{r.topic},
                         Value{},
                         storage::OrNull(r.homework),
                         storage::OrNull(r.due),
                         Value{int64_t{r.late ? 1 : 0}},
                         Value{int64_t{r.late && r.homework ? 1 : 0}},
                         Value{int64_t{1}},
                         Value{r.by},
                         Value{r.at},
                         Value{}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  Insert(conn, kLessonRecordInto, rows);
  for (const auto& m : j.marks) {
    const Value row[] = {Value{school_id},   Value{m.lesson},          Value{m.student}, Value{m.type},
                         Value{m.value},     Value{int64_t{m.weight}}, Value{},          Value{},
                         Value{m.client_id}, Value{int64_t{0}},        Value{m.by},      Value{m.at}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  Insert(conn, kMarkInto, rows);
  for (const auto& a : j.absences) {
    const bool reasoned = a.reason.has_value();
    const Value row[] = {Value{school_id},
                         Value{a.lesson},
                         Value{a.student},
                         Value{a.kind},
                         storage::OrNull(a.reason),
                         Value{int64_t{reasoned ? 2 : 1}},
                         Value{a.by},
                         Value{a.at},
                         reasoned ? Value{a.reason_by} : Value{},
                         reasoned ? Value{a.reason_at} : Value{}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  Insert(conn, kAttendanceInto, rows);
  for (const auto& p : j.period_marks) {
    const Value row[] = {Value{school_id}, Value{p.journal}, Value{p.student}, Value{std::string("period")},
                         Value{p.value},   Value{},          Value{p.by},      Value{p.at}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  Insert(conn, kPeriodMarkInto, rows);
}

// The ids the rows got, for their events.
struct RowIds {
  std::map<std::string, int64_t> marks;                         // by client id
  std::map<std::pair<int64_t, int64_t>, int64_t> absences;      // by lesson and student
  std::map<std::pair<int64_t, int64_t>, int64_t> period_marks;  // by journal and student
};

RowIds ReadIds(storage::Connection& conn, int64_t school_id) {
  RowIds ids;
  for (const auto& r : conn.Query("SELECT client_id, id FROM marks WHERE school_id = $1 AND client_id LIKE 'demo-%'",
                                  {Value{school_id}})) {
    ids.marks[r.Text(0)] = r.Int(1);
  }
  for (const auto& r :
       conn.Query("SELECT lesson_id, student_id, id FROM attendance WHERE school_id = $1", {Value{school_id}})) {
    ids.absences[{r.Int(0), r.Int(1)}] = r.Int(2);
  }
  for (const auto& r :
       conn.Query("SELECT journal_id, student_id, id FROM period_marks WHERE school_id = $1", {Value{school_id}})) {
    ids.period_marks[{r.Int(0), r.Int(1)}] = r.Int(2);
  }
  return ids;
}

struct Timed {
  int64_t at;
  events::NewEvent event;
};

void AddRecordEvents(int64_t school_id, const std::vector<RecordRow>& records, std::vector<Timed>& timed) {
  for (const auto& r : records) {
    json::object after{{"lessonId", r.lesson}, {"version", 1}, {"topic", r.topic}};
    if (r.homework) after["homework"] = *r.homework;
    if (r.due) after["homeworkDue"] = *r.due;
    if (r.late) after["topicLate"] = true;
    if (r.late && r.homework) after["homeworkLate"] = true;
    timed.push_back(
        {r.at,
         {school_id, r.by, "lesson.record", "lesson", r.lesson, std::nullopt, json::serialize(after), std::nullopt}});
  }
}

void AddMarkEvents(int64_t school_id, const std::vector<MarkRow>& marks, const RowIds& ids, std::vector<Timed>& timed) {
  for (const auto& m : marks) {
    const json::object after{{"lessonId", m.lesson}, {"studentId", m.student}, {"value", m.value},
                             {"workTypeId", m.type}, {"weight", m.weight},     {"version", 1},
                             {"late", false}};
    timed.push_back({m.at,
                     {school_id, m.by, "mark.create", "mark", ids.marks.at(m.client_id), std::nullopt,
                      json::serialize(after), std::nullopt}});
  }
}

// An absence is marked at the lesson; its reason, if given, is a second event.
void AddAbsenceEvents(int64_t school_id, const std::vector<AbsenceRow>& absences, const RowIds& ids,
                      std::vector<Timed>& timed) {
  for (const auto& a : absences) {
    const int64_t id = ids.absences.at({a.lesson, a.student});
    const json::object marked{{"lessonId", a.lesson}, {"studentId", a.student}, {"kind", a.kind}, {"version", 1}};
    timed.push_back(
        {a.at,
         {school_id, a.by, "attendance.mark", "attendance", id, std::nullopt, json::serialize(marked), std::nullopt}});
    if (a.reason) {
      json::object reasoned = marked;
      reasoned["version"] = 2;
      reasoned["reason"] = *a.reason;
      timed.push_back({a.reason_at,
                       {school_id, a.reason_by, "attendance.reason", "attendance", id, json::serialize(marked),
                        json::serialize(reasoned), std::nullopt}});
    }
  }
}

void AddPeriodMarkEvents(int64_t school_id, const std::vector<PeriodMarkRow>& period_marks, const RowIds& ids,
                         std::vector<Timed>& timed) {
  for (const auto& p : period_marks) {
    const json::object after{
        {"journalId", p.journal}, {"studentId", p.student}, {"kind", "period"}, {"value", p.value}, {"version", 1}};
    timed.push_back({p.at,
                     {school_id, p.by, "period_mark.set", "period_mark", ids.period_marks.at({p.journal, p.student}),
                      std::nullopt, json::serialize(after), std::nullopt}});
  }
}

}  // namespace

int64_t WriteJournal(storage::Connection& conn, int64_t school_id, const JournalRows& rows) {
  InsertAll(conn, school_id, rows);
  const RowIds ids = ReadIds(conn, school_id);
  std::vector<Timed> timed;
  AddRecordEvents(school_id, rows.records, timed);
  AddMarkEvents(school_id, rows.marks, ids, timed);
  AddAbsenceEvents(school_id, rows.absences, ids, timed);
  AddPeriodMarkEvents(school_id, rows.period_marks, ids, timed);
  // Stable: entries of the same second keep the order above.
  std::stable_sort(timed.begin(), timed.end(), [](const Timed& a, const Timed& b) { return a.at < b.at; });
  events::BatchAppender appender(conn, school_id);
  for (const auto& t : timed) appender.Add(t.event, t.at);
  return appender.Finish();
}

}  // namespace ej::service::demo
