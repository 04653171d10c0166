// Draws the demo school's journal up to yesterday from what the school
// already holds (its lessons, classes and groups): topics and homework,
// absences and marks, the marks of periods already over; then writes it
// (demo_journal_write.cpp). The dice are thrown in a fixed order: reordering
// the draws changes the journal.
#include "demo/demo_journal.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "demo/demo_journal_rows.h"
#include "demo/demo_random.h"
#include "demo/demo_tables.h"
#include "domain/calendar.h"
#include "domain/marks.h"
#include "service/common/sql.h"

namespace ej::service::demo {

using storage::Value;

namespace {

using Dice = Random;

// Unix time of a local date and minute of the day (the server's zone, as "today").
int64_t LocalTime(const std::string& date, int minutes) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  tm.tm_hour = minutes / 60;
  tm.tm_min = minutes % 60;
  tm.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&tm));
}

std::string PlusDays(const std::string& date, int days) {
  return domain::FormatDate(*domain::ParseDate(date) + date::days{days});
}

struct Lesson {
  int64_t id = 0;
  std::string date;
  int ends_at = 0;
  std::string target;  // c<id> / g<id>
  int64_t subject_id = 0;
  std::string subject;
  bool pass_fail = false;
  int grade = 0;
  int64_t writer = 0;
};

// A student's usual marks: the weak, the average, the good and the excellent.
const char* MarkFor(Dice& dice, int ability, bool control) {
  static constexpr int kOdds[4][4] = {{15, 55, 25, 5}, {3, 30, 50, 17}, {0, 10, 45, 45}, {0, 2, 15, 83}};
  int level = ability;
  if (control && level > 0 && dice.Below(4) == 0) --level;  // a control work goes a bit worse
  int roll = dice.Below(100);
  static constexpr const char* kValues[4] = {"2", "3", "4", "5"};
  for (int i = 0; i < 4; ++i) {
    if (roll < kOdds[level][i]) return kValues[i];
    roll -= kOdds[level][i];
  }
  return "5";
}

// One lesson as its teacher wrote it: the facts every student's entry needs.
struct LessonDraw {
  const Lesson& lesson;
  int number = 0;  // in its series of the class or group and subject
  bool control = false;
  bool independent = false;
  bool gave_before = false;  // the previous lesson of the series gave homework
  int64_t written = 0;
  std::string next_day;
  bool reasons_given = false;
};

// The journal of one school, drawn lesson by lesson.
class JournalDraw {
 public:
  JournalDraw(storage::Connection& conn, int64_t school_id, const std::string& today, int64_t demo_teacher,
              uint64_t seed)
      : conn_(conn),
        school_id_(school_id),
        today_(today),
        week_ago_(PlusDays(today, -7)),
        demo_teacher_(demo_teacher),
        dice_(seed) {}

  JournalRows Draw();

 private:
  void LoadWorkTypes();
  void LoadMembers();
  void LoadLessons();
  void DrawStudents();
  void NumberSeries();
  void DrawLesson(size_t i);
  bool DrawRecord(size_t i, int k, bool control, int64_t written);
  void DrawStudent(const LessonDraw& d, int64_t student);
  const char* DrawWorkType(const LessonDraw& d);
  void DrawPeriodMarks();
  void DrawPeriodMarksOf(const storage::Row& journal, const std::map<int64_t, const Lesson*>& lesson_of,
                         const std::vector<const MarkRow*>& marks);

  storage::Connection& conn_;
  const int64_t school_id_;
  const std::string today_;
  const std::string week_ago_;
  const int64_t demo_teacher_;
  Dice dice_;

  std::map<std::string, int64_t> type_id_;
  std::map<int64_t, int> type_weight_;
  std::map<std::string, std::vector<int64_t>> members_;  // of "c<id>" / "g<id>"
  std::map<int64_t, int64_t> class_teacher_of_;          // by student
  std::vector<Lesson> lessons_;
  std::set<std::pair<int64_t, std::string>> ill_;  // student, day
  std::map<int64_t, int> ability_;                 // 0 weak .. 3 excellent
  std::vector<int> number_in_series_;
  std::vector<std::optional<std::string>> next_date_;             // of the series' next lesson
  std::map<std::pair<std::string, int64_t>, bool> homework_set_;  // the series' previous lesson gave homework
  int mark_number_ = 0;
  JournalRows rows_;
};

JournalRows JournalDraw::Draw() {
  LoadWorkTypes();
  LoadMembers();
  LoadLessons();
  DrawStudents();
  NumberSeries();
  for (size_t i = 0; i < lessons_.size(); ++i) DrawLesson(i);
  DrawPeriodMarks();
  return std::move(rows_);
}

void JournalDraw::LoadWorkTypes() {
  for (const auto& r :
       conn_.Query("SELECT id, code, weight FROM work_types WHERE school_id = $1", {Value{school_id_}})) {
    type_id_[r.Text(1)] = r.Int(0);
    type_weight_[r.Int(0)] = static_cast<int>(r.Int(2));
  }
}

// Who learns where, and who leads each student's class.
void JournalDraw::LoadMembers() {
  for (const auto& r : conn_.Query(
           "SELECT e.class_id, e.student_id, c.class_teacher_id FROM enrolments e JOIN classes c ON c.id = e.class_id"
           " WHERE c.school_id = $1 AND e.ends_on IS NULL ORDER BY e.student_id",
           {Value{school_id_}})) {
    members_["c" + std::to_string(r.Int(0))].push_back(r.Int(1));
    if (!r.IsNull(2)) class_teacher_of_[r.Int(1)] = r.Int(2);
  }
  for (const auto& r :
       conn_.Query("SELECT group_id, student_id FROM group_members WHERE school_id = $1 AND ends_on IS NULL"
                   " ORDER BY student_id",
                   {Value{school_id_}})) {
    members_["g" + std::to_string(r.Int(0))].push_back(r.Int(1));
  }
}

// The lessons held before today, but clubs and the after-school group.
void JournalDraw::LoadLessons() {
  for (const auto& r : conn_.Query(
           "SELECT l.id, l.lesson_date, l.ends_at, l.class_id, l.group_id, l.subject_id, s.name, s.assessment,"
           " COALESCE(c.grade, gc.grade, (SELECT MIN(c2.grade) FROM group_members m JOIN enrolments e"
           " ON e.student_id = m.student_id JOIN classes c2 ON c2.id = e.class_id WHERE m.group_id = l.group_id)),"
           " COALESCE(l.substitute_id, l.teacher_id) FROM lessons l JOIN subjects s ON s.id = l.subject_id"
           " LEFT JOIN classes c ON c.id = l.class_id LEFT JOIN study_groups g ON g.id = l.group_id"
           " LEFT JOIN classes gc ON gc.id = g.class_id WHERE l.school_id = $1 AND l.lesson_date < $2"
           " AND " +
               sql::HeldLesson("l") +
               " AND (g.kind IS NULL OR g.kind NOT IN ('extracurricular', 'after_school'))"
               " ORDER BY l.lesson_date, l.starts_at, l.id",
           {Value{school_id_}, Value{today_}})) {
    Lesson l;
    l.id = r.Int(0);
    l.date = r.Text(1);
    l.ends_at = static_cast<int>(r.Int(2));
    l.target = r.IsNull(3) ? "g" + std::to_string(r.Int(4)) : "c" + std::to_string(r.Int(3));
    l.subject_id = r.Int(5);
    l.subject = r.Text(6);
    l.pass_fail = r.Text(7) == "pass_fail";
    l.grade = r.IsNull(8) ? 10 : static_cast<int>(r.Int(8));
    l.writer = r.Int(9);
    lessons_.push_back(std::move(l));
  }
}

// Each student's ability, and illnesses: a few school days in a row, now and then.
void JournalDraw::DrawStudents() {
  std::vector<std::string> days;
  for (const auto& l : lessons_) {
    if (days.empty() || days.back() != l.date) days.push_back(l.date);
  }
  for (const auto& [target, students] : members_) {
    if (target[0] != 'c') continue;
    for (int64_t s : students) {
      const int roll = dice_.Below(100);
      ability_[s] = roll < 15 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3;
      for (size_t d = 0; d < days.size(); ++d) {
        if (!dice_.Permille(7)) continue;
        const size_t length = 2 + static_cast<size_t>(dice_.Below(5));
        for (size_t k = d; k < std::min(days.size(), d + length); ++k) ill_.insert({s, days[k]});
        d += length;
      }
    }
  }
}

// The lessons of each class or group and subject in order: the topic's
// place in the programme and the homework's due date.
void JournalDraw::NumberSeries() {
  std::map<std::pair<std::string, int64_t>, std::vector<size_t>> series;
  for (size_t i = 0; i < lessons_.size(); ++i) series[{lessons_[i].target, lessons_[i].subject_id}].push_back(i);
  number_in_series_.assign(lessons_.size(), 0);
  next_date_.assign(lessons_.size(), std::nullopt);
  for (const auto& [key, list] : series) {
    for (size_t k = 0; k < list.size(); ++k) {
      number_in_series_[list[k]] = static_cast<int>(k) + 1;
      if (k + 1 < list.size()) next_date_[list[k]] = lessons_[list[k + 1]].date;
    }
  }
}

void JournalDraw::DrawLesson(size_t i) {
  const Lesson& l = lessons_[i];
  // The demo teacher has not filled in the last week yet.
  if (l.writer == demo_teacher_ && l.date >= week_ago_) return;
  const int k = number_in_series_[i];
  const bool control = l.grade >= 2 && k % 12 == 0;
  const bool independent = l.grade >= 2 && k % 7 == 4;
  const int64_t written = LocalTime(l.date, l.ends_at + 5 + dice_.Below(120));
  const bool gave_before = DrawRecord(i, k, control, written);
  // The class teacher gives the reasons the next morning; yesterday's are not given yet.
  const std::string next_day = PlusDays(l.date, 1);
  const LessonDraw d{l, k, control, independent, gave_before, written, next_day, next_day < today_};
  for (int64_t s : members_[l.target]) DrawStudent(d, s);
}

// The lesson's topic and homework; returns whether the series' previous
// lesson gave homework (to be checked today).
bool JournalDraw::DrawRecord(size_t i, int k, bool control, int64_t written) {
  const Lesson& l = lessons_[i];
  const auto sections = SectionsOf(l.subject);
  const std::string section(sections[std::min(sections.size() - 1, static_cast<size_t>((k - 1) / 8))]);
  RecordRow rec{
      l.id,
      control ? "Контрольная работа по теме «" + section + "»" : section + ". Урок " + std::to_string((k - 1) % 8 + 1),
      std::nullopt,
      std::nullopt,
      false,
      l.writer,
      written};
  const auto key = std::make_pair(l.target, l.subject_id);
  const bool gave_before = homework_set_[key];
  homework_set_[key] = false;
  if (l.grade >= 2 && !control && dice_.Below(100) < 80 && next_date_[i]) {
    const bool exercises = l.subject == "Математика" || l.subject == "Алгебра" || l.subject == "Геометрия";
    const int from = 1 + dice_.Below(300);
    rec.homework = exercises ? "№ " + std::to_string(from) + "–" + std::to_string(from + 3)
                             : "§ " + std::to_string(k / 2 + 1) + ", вопросы 1–" + std::to_string(3 + dice_.Below(4));
    rec.due = next_date_[i];
    homework_set_[key] = true;
  }
  // Now and then a topic entered a week or more late (but before today): the control reports show it.
  if (const std::string later = PlusDays(l.date, 8 + dice_.Below(5)); dice_.Permille(40) && later < today_) {
    rec.late = true;
    rec.at = LocalTime(later, 16 * 60 + dice_.Below(180));
  }
  rows_.records.push_back(rec);
  return gave_before;
}

// A student at a lesson: absent (ill for days, or now and then), late, or
// present and perhaps marked (never in the first grade).
void JournalDraw::DrawStudent(const LessonDraw& d, int64_t s) {
  const Lesson& l = d.lesson;
  const int64_t lead = class_teacher_of_.count(s) ? class_teacher_of_[s] : l.writer;
  const bool sick = ill_.count({s, l.date}) > 0;
  if (sick || dice_.Permille(8)) {
    const char* reason = sick ? "ill" : dice_.Below(2) == 0 ? "excused" : "unexcused";
    rows_.absences.push_back({l.id, s, "absent", d.reasons_given ? std::optional<std::string>(reason) : std::nullopt,
                              l.writer, d.written, lead, LocalTime(d.next_day, 9 * 60 + dice_.Below(240))});
    return;
  }
  if (dice_.Permille(15)) rows_.absences.push_back({l.id, s, "late", std::nullopt, l.writer, d.written, 0, 0});
  if (l.grade < 2) return;
  const char* type = DrawWorkType(d);
  if (!type) return;
  const int64_t t = type_id_.at(type);
  const std::string value = l.pass_fail ? (dice_.Below(100) < 95 ? "зач" : "незач")
                                        : MarkFor(dice_, ability_.count(s) ? ability_[s] : 1, d.control);
  rows_.marks.push_back({l.id, s, t, value, type_weight_[t], l.writer, d.written,
                         "demo-" + std::to_string(school_id_) + "-" + std::to_string(++mark_number_)});
}

// The kind of work a student is marked for at the lesson, or none.
const char* JournalDraw::DrawWorkType(const LessonDraw& d) {
  if (d.control) return d.lesson.subject == "Русский язык" && d.number % 24 == 0 ? "dictation" : "control";
  if (d.independent && dice_.Below(100) < 60) return "independent";
  if (dice_.Below(100) < 20) {
    const int roll = dice_.Below(100);
    return roll < 50 ? "oral" : roll < 75 || !d.gave_before ? "classwork" : "homework";
  }
  return nullptr;
}

// The marks of the study periods already over, from the period's marks.
void JournalDraw::DrawPeriodMarks() {
  std::map<int64_t, const Lesson*> lesson_of;
  for (const auto& l : lessons_) lesson_of[l.id] = &l;
  std::map<std::pair<std::string, int64_t>, std::vector<const MarkRow*>> marks_of;
  for (const auto& m : rows_.marks) {
    const Lesson* l = lesson_of[m.lesson];
    marks_of[{l->target, l->subject_id}].push_back(&m);
  }
  for (const auto& r : conn_.Query(
           "SELECT j.id, j.target_key, j.subject_id, p.starts_on, p.ends_on, j.grade FROM journals j"
           " JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind AND p.number = j.period_number"
           " AND p.grade_from <= j.grade AND p.grade_to >= j.grade WHERE j.school_id = $1 AND p.ends_on < $2"
           " ORDER BY j.id",
           {Value{school_id_}, Value{today_}})) {
    if (r.Int(5) < 2) continue;
    DrawPeriodMarksOf(r, lesson_of, marks_of[{r.Text(1), r.Int(2)}]);
  }
}

// One journal's period marks: the forecast from the period's marks (pass/fail
// subjects: "зач" unless every mark was "незач"), set by the last marker.
void JournalDraw::DrawPeriodMarksOf(const storage::Row& journal, const std::map<int64_t, const Lesson*>& lesson_of,
                                    const std::vector<const MarkRow*>& marks) {
  const std::string from = journal.Text(3), to = journal.Text(4);
  std::map<int64_t, std::vector<domain::WeightedMark>> by_student;
  int64_t teacher = 0;
  for (const MarkRow* m : marks) {
    const Lesson* l = lesson_of.at(m->lesson);
    if (l->date < from || l->date > to) continue;
    by_student[m->student].push_back({m->value, m->weight});
    teacher = m->by;
  }
  for (const auto& [student, list] : by_student) {
    std::string value;
    if (list.front().value == "зач" || list.front().value == "незач") {
      value = std::all_of(list.begin(), list.end(), [](const auto& w) { return w.value == "незач"; }) ? "незач" : "зач";
    } else if (auto forecast = domain::Forecast(domain::ComputeAverages(list), 50)) {
      value = std::to_string(*forecast);
    } else {
      continue;
    }
    rows_.period_marks.push_back({journal.Int(0), student, value, teacher, LocalTime(to, 15 * 60 + dice_.Below(120))});
  }
}

}  // namespace

JournalStats FillJournal(storage::Connection& conn, int64_t school_id, const std::string& today, int64_t demo_teacher,
                         uint64_t seed) {
  const JournalRows rows = JournalDraw(conn, school_id, today, demo_teacher, seed).Draw();
  JournalStats stats;
  stats.events = WriteJournal(conn, school_id, rows);
  stats.records = static_cast<int>(rows.records.size());
  stats.marks = static_cast<int>(rows.marks.size());
  stats.absences = static_cast<int>(rows.absences.size());
  stats.period_marks = static_cast<int>(rows.period_marks.size());
  return stats;
}

}  // namespace ej::service::demo
