#include "demo/demo_journal.h"
#include "service/common/sql.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/marks.h"
#include "demo/demo_random.h"
#include "service/journal/journal_events.h"

namespace ej::service::demo {

using storage::Value;

namespace {

namespace json = boost::json;

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

// Sections of a subject's programme, for the lessons' topics.
std::vector<std::string_view> SectionsOf(std::string_view subject) {
  if (subject == "Русский язык") {
    return {"Повторение изученного", "Фонетика и орфоэпия", "Морфемика и словообразование", "Лексикология",
            "Имя существительное", "Имя прилагательное", "Глагол", "Синтаксис и пунктуация"};
  }
  if (subject == "Математика" || subject == "Алгебра") {
    return {"Повторение", "Натуральные числа", "Делимость чисел", "Обыкновенные дроби", "Десятичные дроби",
            "Уравнения", "Линейная функция", "Степень с натуральным показателем"};
  }
  if (subject == "Геометрия") {
    return {"Начальные геометрические сведения", "Треугольники", "Параллельные прямые",
            "Соотношения между сторонами и углами треугольника"};
  }
  if (subject == "Литература" || subject == "Литературное чтение") {
    return {"Устное народное творчество", "Басни", "А. С. Пушкин", "М. Ю. Лермонтов", "Н. В. Гоголь",
            "Русская литература XIX века"};
  }
  if (subject == "Английский язык") {
    return {"Повторение: Present Simple", "My family", "School life", "Past Simple", "Holidays and travelling"};
  }
  if (subject == "История") return {"Древний мир", "Средние века", "Русь в IX–XII веках", "Раздробленность Руси"};
  if (subject == "Физика") return {"Введение", "Строение вещества", "Движение и взаимодействие тел", "Давление"};
  if (subject == "Биология") return {"Введение в биологию", "Клетка", "Ткани", "Органы и системы органов"};
  if (subject == "География") return {"Земля во Вселенной", "Литосфера", "Гидросфера", "Атмосфера"};
  if (subject == "Химия") return {"Первоначальные химические понятия", "Кислород", "Водород", "Вода. Растворы"};
  return {"Введение", "Основные понятия", "Практикум", "Обобщение и систематизация"};
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
  std::optional<std::string> reason;
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

}  // namespace

JournalStats FillJournal(storage::Connection& conn, int64_t school_id, const std::string& today,
                         int64_t demo_teacher, uint64_t seed) {
  Dice dice(seed);
  JournalStats stats;
  const std::string week_ago = PlusDays(today, -7);

  std::map<std::string, int64_t> type_id;
  std::map<int64_t, int> type_weight;
  for (const auto& r : conn.Query("SELECT id, code, weight FROM work_types WHERE school_id = $1", {Value{school_id}})) {
    type_id[r.Text(1)] = r.Int(0);
    type_weight[r.Int(0)] = static_cast<int>(r.Int(2));
  }
  // Who learns where, and who leads each student's class.
  std::map<std::string, std::vector<int64_t>> members;
  std::map<int64_t, int64_t> class_teacher_of;
  for (const auto& r : conn.Query(
           "SELECT e.class_id, e.student_id, c.class_teacher_id FROM enrolments e JOIN classes c ON c.id = e.class_id"
           " WHERE c.school_id = $1 AND e.ends_on IS NULL ORDER BY e.student_id",
           {Value{school_id}})) {
    members["c" + std::to_string(r.Int(0))].push_back(r.Int(1));
    if (!r.IsNull(2)) class_teacher_of[r.Int(1)] = r.Int(2);
  }
  for (const auto& r : conn.Query("SELECT group_id, student_id FROM group_members WHERE school_id = $1 AND ends_on IS NULL"
                                  " ORDER BY student_id",
                                  {Value{school_id}})) {
    members["g" + std::to_string(r.Int(0))].push_back(r.Int(1));
  }
  // The lessons held before today, but clubs and the after-school group.
  std::vector<Lesson> lessons;
  for (const auto& r : conn.Query(
           "SELECT l.id, l.lesson_date, l.ends_at, l.class_id, l.group_id, l.subject_id, s.name, s.assessment,"
           " COALESCE(c.grade, gc.grade, (SELECT MIN(c2.grade) FROM group_members m JOIN enrolments e"
           " ON e.student_id = m.student_id JOIN classes c2 ON c2.id = e.class_id WHERE m.group_id = l.group_id)),"
           " COALESCE(l.substitute_id, l.teacher_id) FROM lessons l JOIN subjects s ON s.id = l.subject_id"
           " LEFT JOIN classes c ON c.id = l.class_id LEFT JOIN study_groups g ON g.id = l.group_id"
           " LEFT JOIN classes gc ON gc.id = g.class_id WHERE l.school_id = $1 AND l.lesson_date < $2"
           " AND " + sql::HeldLesson("l") +
           " AND (g.kind IS NULL OR g.kind NOT IN ('extracurricular', 'after_school'))"
           " ORDER BY l.lesson_date, l.starts_at, l.id",
           {Value{school_id}, Value{today}})) {
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
    lessons.push_back(std::move(l));
  }

  // Illnesses: a few school days in a row, now and then.
  std::vector<std::string> days;
  for (const auto& l : lessons) {
    if (days.empty() || days.back() != l.date) days.push_back(l.date);
  }
  std::set<std::pair<int64_t, std::string>> ill;
  std::map<int64_t, int> ability;
  for (const auto& [target, students] : members) {
    if (target[0] != 'c') continue;
    for (int64_t s : students) {
      const int roll = dice.Below(100);
      ability[s] = roll < 15 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3;
      for (size_t d = 0; d < days.size(); ++d) {
        if (!dice.Permille(7)) continue;
        const size_t length = 2 + static_cast<size_t>(dice.Below(5));
        for (size_t k = d; k < std::min(days.size(), d + length); ++k) ill.insert({s, days[k]});
        d += length;
      }
    }
  }

  // The lessons of each class or group and subject in order: the topic's
  // place in the programme and the homework's due date.
  std::map<std::pair<std::string, int64_t>, std::vector<size_t>> series;
  for (size_t i = 0; i < lessons.size(); ++i) series[{lessons[i].target, lessons[i].subject_id}].push_back(i);
  std::vector<int> number_in_series(lessons.size());
  std::vector<std::optional<std::string>> next_date(lessons.size());
  for (const auto& [key, list] : series) {
    for (size_t k = 0; k < list.size(); ++k) {
      number_in_series[list[k]] = static_cast<int>(k) + 1;
      if (k + 1 < list.size()) next_date[list[k]] = lessons[list[k + 1]].date;
    }
  }

  std::vector<RecordRow> records;
  std::vector<MarkRow> marks;
  std::vector<AbsenceRow> absences;
  std::map<std::pair<std::string, int64_t>, bool> homework_set;  // the previous lesson gave homework
  int mark_number = 0;
  for (size_t i = 0; i < lessons.size(); ++i) {
    const Lesson& l = lessons[i];
    // The demo teacher has not filled in the last week yet.
    if (l.writer == demo_teacher && l.date >= week_ago) continue;
    const int k = number_in_series[i];
    const auto sections = SectionsOf(l.subject);
    const std::string section(sections[std::min(sections.size() - 1, static_cast<size_t>((k - 1) / 8))]);
    const bool control = l.grade >= 2 && k % 12 == 0;
    const bool independent = l.grade >= 2 && k % 7 == 4;
    const int64_t written = LocalTime(l.date, l.ends_at + 5 + dice.Below(120));
    RecordRow rec{l.id, control ? "Контрольная работа по теме «" + section + "»" : section + ". Урок " + std::to_string((k - 1) % 8 + 1),
                  std::nullopt, std::nullopt, false, l.writer, written};
    const auto key = std::make_pair(l.target, l.subject_id);
    const bool gave_before = homework_set[key];
    homework_set[key] = false;
    if (l.grade >= 2 && !control && dice.Below(100) < 80 && next_date[i]) {
      const bool exercises = l.subject == "Математика" || l.subject == "Алгебра" || l.subject == "Геометрия";
      const int from = 1 + dice.Below(300);
      rec.homework = exercises ? "№ " + std::to_string(from) + "–" + std::to_string(from + 3)
                               : "§ " + std::to_string(k / 2 + 1) + ", вопросы 1–" + std::to_string(3 + dice.Below(4));
      rec.due = next_date[i];
      homework_set[key] = true;
    }
    // Now and then a topic entered a week or more late (but before today): the control reports show it.
    if (const std::string later = PlusDays(l.date, 8 + dice.Below(5)); dice.Permille(40) && later < today) {
      rec.late = true;
      rec.at = LocalTime(later, 16 * 60 + dice.Below(180));
    }
    records.push_back(rec);

    // The class teacher gives the reasons the next morning; yesterday's are not given yet.
    const std::string next_day = PlusDays(l.date, 1);
    const bool reasons_given = next_day < today;
    for (int64_t s : members[l.target]) {
      const int64_t lead = class_teacher_of.count(s) ? class_teacher_of[s] : l.writer;
      const bool sick = ill.count({s, l.date}) > 0;
      if (sick || dice.Permille(8)) {
        const char* reason = sick ? "ill" : dice.Below(2) == 0 ? "excused" : "unexcused";
        absences.push_back({l.id, s, "absent", reasons_given ? std::optional<std::string>(reason) : std::nullopt, l.writer,
                            written, lead, LocalTime(next_day, 9 * 60 + dice.Below(240))});
        continue;
      }
      if (dice.Permille(15)) absences.push_back({l.id, s, "late", std::nullopt, l.writer, written, 0, 0});
      if (l.grade < 2) continue;  // no marks in the first grade
      std::string type;
      if (control) {
        type = l.subject == "Русский язык" && k % 24 == 0 ? "dictation" : "control";
      } else if (independent && dice.Below(100) < 60) {
        type = "independent";
      } else if (dice.Below(100) < 20) {
        const int roll = dice.Below(100);
        type = roll < 50 ? "oral" : roll < 75 || !gave_before ? "classwork" : "homework";
      } else {
        continue;
      }
      const int64_t t = type_id.at(type);
      const std::string value = l.pass_fail ? (dice.Below(100) < 95 ? "зач" : "незач")
                                            : MarkFor(dice, ability.count(s) ? ability[s] : 1, control);
      marks.push_back({l.id, s, t, value, type_weight[t], l.writer, written,
                       "demo-" + std::to_string(school_id) + "-" + std::to_string(++mark_number)});
    }
  }

  // The marks of the study periods already over, from the period's marks.
  std::vector<PeriodMarkRow> period_marks;
  {
    std::map<int64_t, const Lesson*> lesson_of;
    for (const auto& l : lessons) lesson_of[l.id] = &l;
    std::map<std::pair<std::string, int64_t>, std::vector<const MarkRow*>> marks_of;
    for (const auto& m : marks) {
      const Lesson* l = lesson_of[m.lesson];
      marks_of[{l->target, l->subject_id}].push_back(&m);
    }
    for (const auto& r : conn.Query(
             "SELECT j.id, j.target_key, j.subject_id, p.starts_on, p.ends_on, j.grade FROM journals j"
             " JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind AND p.number = j.period_number"
             " AND p.grade_from <= j.grade AND p.grade_to >= j.grade WHERE j.school_id = $1 AND p.ends_on < $2"
             " ORDER BY j.id",
             {Value{school_id}, Value{today}})) {
      if (r.Int(5) < 2) continue;
      const std::string from = r.Text(3), to = r.Text(4);
      std::map<int64_t, std::vector<domain::WeightedMark>> by_student;
      int64_t teacher = 0;
      for (const MarkRow* m : marks_of[{r.Text(1), r.Int(2)}]) {
        const Lesson* l = lesson_of[m->lesson];
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
        period_marks.push_back({r.Int(0), student, value, teacher, LocalTime(to, 15 * 60 + dice.Below(120))});
      }
    }
  }

  // Written as the teachers would have: the rows, then their events in time order.
  std::vector<Value> rows;
  for (const auto& r : records) {
    const Value row[] = {Value{r.lesson}, Value{school_id}, Value{r.topic}, Value{}, storage::OrNull(r.homework),
                         storage::OrNull(r.due), Value{int64_t{r.late ? 1 : 0}}, Value{int64_t{r.late && r.homework ? 1 : 0}},
                         Value{int64_t{1}}, Value{r.by}, Value{r.at}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  storage::InsertRows(conn,
                      "lesson_records (lesson_id, school_id, topic, work_done, homework, homework_due, topic_late,"
                      " homework_late, version, updated_by, updated_at)",
                      11, rows);
  rows.clear();
  for (const auto& m : marks) {
    const Value row[] = {Value{school_id}, Value{m.lesson}, Value{m.student}, Value{m.type}, Value{m.value},
                         Value{int64_t{m.weight}}, Value{m.client_id}, Value{m.by}, Value{m.at}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  storage::InsertRows(conn,
                      "marks (school_id, lesson_id, student_id, work_type_id, value, weight, client_id, created_by,"
                      " created_at)",
                      9, rows);
  rows.clear();
  for (const auto& a : absences) {
    const bool reasoned = a.reason.has_value();
    const Value row[] = {Value{school_id}, Value{a.lesson}, Value{a.student}, Value{a.kind}, storage::OrNull(a.reason),
                         Value{int64_t{reasoned ? 2 : 1}}, Value{a.by}, Value{a.at},
                         reasoned ? Value{a.reason_by} : Value{}, reasoned ? Value{a.reason_at} : Value{}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  storage::InsertRows(conn,
                      "attendance (school_id, lesson_id, student_id, kind, reason, version, marked_by, marked_at,"
                      " reason_by, reason_at)",
                      10, rows);
  rows.clear();
  for (const auto& p : period_marks) {
    const Value row[] = {Value{school_id}, Value{p.journal}, Value{p.student}, Value{std::string("period")},
                         Value{p.value}, Value{p.by}, Value{p.at}};
    rows.insert(rows.end(), std::begin(row), std::end(row));
  }
  storage::InsertRows(conn, "period_marks (school_id, journal_id, student_id, kind, value, set_by, set_at)", 7, rows);
  rows.clear();

  std::map<std::string, int64_t> mark_ids;
  for (const auto& r : conn.Query("SELECT client_id, id FROM marks WHERE school_id = $1 AND client_id LIKE 'demo-%'",
                                  {Value{school_id}})) {
    mark_ids[r.Text(0)] = r.Int(1);
  }
  std::map<std::pair<int64_t, int64_t>, int64_t> absence_ids, period_mark_ids;
  for (const auto& r : conn.Query("SELECT lesson_id, student_id, id FROM attendance WHERE school_id = $1", {Value{school_id}})) {
    absence_ids[{r.Int(0), r.Int(1)}] = r.Int(2);
  }
  for (const auto& r : conn.Query("SELECT journal_id, student_id, id FROM period_marks WHERE school_id = $1",
                                  {Value{school_id}})) {
    period_mark_ids[{r.Int(0), r.Int(1)}] = r.Int(2);
  }

  struct Timed {
    int64_t at;
    events::NewEvent event;
  };
  std::vector<Timed> timed;
  for (const auto& r : records) {
    json::object after{{"lessonId", r.lesson}, {"version", 1}, {"topic", r.topic}};
    if (r.homework) after["homework"] = *r.homework;
    if (r.due) after["homeworkDue"] = *r.due;
    if (r.late) after["topicLate"] = true;
    if (r.late && r.homework) after["homeworkLate"] = true;
    timed.push_back({r.at, {school_id, r.by, "lesson.record", "lesson", r.lesson, std::nullopt, json::serialize(after), std::nullopt}});
  }
  for (const auto& m : marks) {
    const json::object after{{"lessonId", m.lesson}, {"studentId", m.student}, {"value", m.value}, {"workTypeId", m.type},
                             {"weight", m.weight},   {"version", 1},          {"late", false}};
    timed.push_back({m.at, {school_id, m.by, "mark.create", "mark", mark_ids.at(m.client_id), std::nullopt,
                            json::serialize(after), std::nullopt}});
  }
  for (const auto& a : absences) {
    const int64_t id = absence_ids.at({a.lesson, a.student});
    const json::object marked{{"lessonId", a.lesson}, {"studentId", a.student}, {"kind", a.kind}, {"version", 1}};
    timed.push_back({a.at, {school_id, a.by, "attendance.mark", "attendance", id, std::nullopt, json::serialize(marked), std::nullopt}});
    if (a.reason) {
      json::object reasoned = marked;
      reasoned["version"] = 2;
      reasoned["reason"] = *a.reason;
      timed.push_back({a.reason_at, {school_id, a.reason_by, "attendance.reason", "attendance", id, json::serialize(marked),
                                     json::serialize(reasoned), std::nullopt}});
    }
  }
  for (const auto& p : period_marks) {
    const json::object after{{"journalId", p.journal}, {"studentId", p.student}, {"kind", "period"}, {"value", p.value},
                             {"version", 1}};
    timed.push_back({p.at, {school_id, p.by, "period_mark.set", "period_mark", period_mark_ids.at({p.journal, p.student}),
                            std::nullopt, json::serialize(after), std::nullopt}});
  }
  std::stable_sort(timed.begin(), timed.end(), [](const Timed& a, const Timed& b) { return a.at < b.at; });
  events::BatchAppender appender(conn, school_id);
  for (const auto& t : timed) appender.Add(t.event, t.at);
  stats.events = appender.Finish();
  stats.records = static_cast<int>(records.size());
  stats.marks = static_cast<int>(marks.size());
  stats.absences = static_cast<int>(absences.size());
  stats.period_marks = static_cast<int>(period_marks.size());
  return stats;
}

}  // namespace ej::service::demo
