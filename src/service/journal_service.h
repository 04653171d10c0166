// The class journal (R-LES, R-MARK): one per class or group, subject and
// study period. Its grid holds the students of the period down and the
// lessons across, with the marks and the averages (plain, weighted, and the
// forecast of the period mark by the school's rounding rule).
//
// Who opens a journal: the school's director and deputies, the class teacher
// of its class, and every teacher who teaches (or stood in for) one of its
// lessons. Writing is per lesson: only the teacher who teaches that lesson.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/marks.h"
#include "domain/result.h"
#include "domain/roles.h"
#include "service/clock.h"
#include "service/journal_events.h"
#include "service/mark_service.h"
#include "service/timetable_service.h"
#include "storage/database.h"

namespace ej::service {

struct JournalPeriod {
  std::string kind;  // quarter, trimester, half
  int number = 0;
  std::string name;  // «2 четверть»
  std::string starts_on;
  std::string ends_on;
};

struct JournalSummary {
  int64_t id = 0;
  std::optional<Named> class_;
  std::optional<Named> group;
  Named subject;
  JournalPeriod period;
  std::vector<Named> teachers;  // who teach its lessons
  bool current = false;         // the period contains today
};

struct GridStudent {
  int64_t id = 0;
  std::string full_name;
  std::optional<std::string> from;  // joined during the period
  std::optional<std::string> to;    // left during the period (the last day)
};

struct GridLesson {
  int64_t id = 0;
  std::string date;
  int lesson_number = 0;
  std::string status;  // planned, substituted, cancelled, moved
  Named teacher;       // who teaches it
  bool can_write = false;
  // The plan's topic the lesson falls on: what the journal offers.
  std::optional<int64_t> plan_topic_id;
  std::optional<int> plan_topic_number;
  std::optional<std::string> plan_topic_title;
};

struct LessonRecord {
  int64_t lesson_id = 0;
  std::optional<std::string> topic;
  std::optional<std::string> work_done;
  std::optional<std::string> homework;
  std::optional<std::string> homework_due;
  bool topic_late = false;
  bool homework_late = false;
  int version = 0;  // 0: nothing written yet
  std::optional<int64_t> plan_topic_id;  // the plan's topic the lesson was given
};

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

struct AttendanceView {
  int64_t id = 0;
  int64_t lesson_id = 0;
  int64_t student_id = 0;
  std::string date;
  std::string kind;  // absent, late
  std::optional<std::string> reason;  // ill, excused, unexcused
  int version = 1;
};

struct PeriodMarkView {
  int64_t id = 0;
  int64_t journal_id = 0;
  int64_t student_id = 0;
  std::string kind;  // period, year, exam, final
  std::string value;
  std::optional<std::string> document;
  int version = 1;
};

// What the teacher's explanation to the director says (seed 001, 1.5): who
// asks, the date it is about, and why. Class, subject and the change itself
// come from the mark.
struct PeriodMarkExplanation {
  int64_t teacher_id = 0;
  std::string date;
  std::string reason;
};

// A teacher's remark or praise for a student at a lesson (R-LES-4); with
// to_parents the parents see it in the diary.
struct LessonComment {
  int64_t id = 0;
  int64_t lesson_id = 0;
  int64_t student_id = 0;
  std::string date;
  std::string kind;  // remark, praise, note
  std::string text;
  bool to_parents = false;
  int version = 1;
  Named author;
  int64_t created_at = 0;
};

// A file attached to a lesson's homework.
struct LessonFile {
  int64_t id = 0;
  int64_t lesson_id = 0;
  std::string name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;
  Named uploaded_by;
  int64_t uploaded_at = 0;
};

// A student's marks in a study period, subject by subject, with the averages
// and the forecast of the period mark (R-MARK-6): what the student and the
// parents see.
struct SubjectProgress {
  Named subject;
  std::vector<MarkView> marks;
  domain::Averages averages;
  std::optional<int> forecast;
  std::optional<std::string> period_mark;
};
struct StudentProgress {
  Named student;
  JournalPeriod period;
  std::vector<SubjectProgress> subjects;
};

struct GridAverage {
  int64_t student_id = 0;
  domain::Averages averages;
  std::optional<int> forecast;
};

struct JournalGrid {
  JournalSummary journal;
  std::string assessment;  // graded, pass_fail
  bool can_write = false;  // the actor teaches at least one of its lessons
  std::vector<GridStudent> students;
  std::vector<GridLesson> lessons;
  std::vector<MarkView> marks;
  std::vector<GridAverage> averages;
  std::vector<LessonRecord> records;
  std::vector<AttendanceView> attendance;
  std::vector<PeriodMarkView> period_marks;
  std::vector<LessonComment> comments;
  std::vector<LessonFile> files;
};

class JournalService {
 public:
  explicit JournalService(const Clock& clock) : clock_(clock) {}

  // The journals of the year containing `date` (default today) the actor may open.
  domain::Result<std::vector<JournalSummary>> List(storage::Connection& conn, const domain::Actor& actor,
                                                   int64_t school_id, const std::string& date);
  domain::Result<JournalGrid> Grid(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id);
  // The lesson must be one of the journal's.
  domain::Result<int64_t> LessonOf(storage::Connection& conn, const domain::Actor& actor, int64_t journal_id,
                                   int64_t lesson_id);

  // A period mark ("period"), or in the journal of the year's last period
  // the year's, exam's or final one: by a teacher of the journal in the last
  // week of the period (up to the school's late limit after it). Once set,
  // only a deputy changes it.
  domain::Result<PeriodMarkView> SetPeriodMark(storage::Connection& conn, const domain::Actor& actor,
                                               int64_t journal_id, int64_t student_id, const std::string& kind,
                                               const std::string& value, const std::optional<std::string>& document);
  domain::Result<PeriodMarkView> CorrectPeriodMark(storage::Connection& conn, const domain::Actor& actor,
                                                   int64_t period_mark_id, const std::string& value,
                                                   int expected_version, const PeriodMarkExplanation& why);
  domain::Result<std::pair<PeriodMarkView, std::vector<events::StoredEvent>>> PeriodMarkHistory(
      storage::Connection& conn, const domain::Actor& actor, int64_t period_mark_id);

  // The lesson's topic, work done and homework, by the teacher who teaches
  // it: in advance, on the day, or up to the school's limit after (flagged
  // or refused after it); homework is late after the school's hours past
  // the class's last lesson of the day.
  domain::Result<LessonRecord> SetRecord(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                         const LessonRecordChange& change);
  // Absent or late at a held lesson (kind "present" takes the mark back), by
  // its teacher.
  domain::Result<AttendanceView> MarkAttendance(storage::Connection& conn, const domain::Actor& actor,
                                                int64_t lesson_id, int64_t student_id, const std::string& kind);
  // The class teacher's reason for a student's absences from `from` to `to`:
  // every held lesson of those days the student missed gets it (lessons
  // nobody marked become absences with the reason). Returns how many.
  domain::Result<int> SetAbsenceReason(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                       const std::string& from, const std::string& to, const std::string& reason);
  // The student's marks of the study period containing `date` (default
  // today): for the student, the parents and the school's staff who see them.
  domain::Result<StudentProgress> Progress(storage::Connection& conn, const domain::Actor& actor, int64_t student_id,
                                           const std::string& date);
  // The lesson's record and every change of it (topic, homework), oldest
  // first: for whoever may open its journal.
  domain::Result<std::pair<LessonRecord, std::vector<events::StoredEvent>>> LessonHistory(
      storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id);
  // A file for the lesson's homework, by the lesson's teacher (in advance
  // too): up to 10 MiB, of a kind that is safe to open (libmagic decides by
  // the content, not the name).
  domain::Result<LessonFile> AttachFile(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                        const std::string& name, const std::string& bytes);
  domain::Result<LessonFile> RemoveFile(storage::Connection& conn, const domain::Actor& actor, int64_t file_id,
                                        const std::string& reason);
  // A file and its content: for whoever opens the journal, the lesson's
  // students and their parents.
  domain::Result<std::pair<LessonFile, std::string>> DownloadFile(storage::Connection& conn, const domain::Actor& actor,
                                                                  int64_t file_id);
  // A comment on a student of a held lesson, by the lesson's teacher.
  domain::Result<LessonComment> AddComment(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id,
                                           int64_t student_id, const std::string& kind, const std::string& text,
                                           bool to_parents);
  // Taken back with a reason; the row and its history stay.
  domain::Result<LessonComment> RemoveComment(storage::Connection& conn, const domain::Actor& actor,
                                              int64_t comment_id, const std::string& reason);

 private:
  const Clock& clock_;
};

namespace lesson_files {
// "SELECT <a file's columns, not its content> FROM lesson_files f JOIN lessons l ...": add a WHERE.
const char* SelectSql();
LessonFile Read(const storage::Row& row);
}  // namespace lesson_files

namespace comments {
// "SELECT <a comment's columns> FROM lesson_comments c JOIN lessons l ...": add a WHERE.
const char* SelectSql();
LessonComment Read(const storage::Row& row);
}  // namespace comments

namespace journals {
// Makes the journals every class and group with lessons in the year needs
// (one per subject and study period of its grade). Idempotent; runs in the
// caller's transaction after lessons change; `target`: only its journals.
void Ensure(storage::Connection& conn, int64_t year_id, std::optional<domain::LessonTarget> target = std::nullopt);
// Every year's journals, in a transaction of its own (after migrations:
// databases whose lessons predate the journals).
void EnsureAll(storage::Connection& conn);
}  // namespace journals

}  // namespace ej::service
