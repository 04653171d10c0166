// What the journal holds, as its services return it: the journal and its
// period, the grid's students and lessons, and the entries written into a
// lesson (record, attendance, comments, files) and into a period.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/marks.h"
#include "service/common/named.h"
#include "service/journal/mark_service.h"

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
  int version = 0;                       // 0: nothing written yet
  std::optional<int64_t> plan_topic_id;  // the plan's topic the lesson was given
};

struct AttendanceView {
  int64_t id = 0;
  int64_t lesson_id = 0;
  int64_t student_id = 0;
  std::string date;
  std::string kind;                   // absent, late
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

}  // namespace ej::service
