#include "service/timetable_service.h"

#include "service/journal_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/calendar_service.h"
#include "service/facility_service.h"
#include "service/lookup.h"
#include "service/principal.h"

namespace ej::service {

using domain::Action;
using domain::Date;
using domain::Error;
using domain::ErrorCode;
using domain::LessonStatus;
using domain::LessonTarget;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

// A class or group with what the timetable needs to know about it.
struct TargetInfo {
  LessonTarget target;
  int64_t school_id = 0;
  int64_t year_id = 0;
  std::string name;
  std::optional<int64_t> class_id;  // the class, or a subgroup's class
  bool subgroup = false;
  int shift = 1;
  std::vector<int> grades;  // whose calendar the lessons follow
};

std::optional<TargetInfo> LoadTarget(storage::Connection& conn, LessonTarget target) {
  TargetInfo t;
  t.target = target;
  if (target.kind == LessonTarget::Kind::kClass) {
    auto cls = lookup::Class(conn, target.id);
    if (!cls) return std::nullopt;
    t.school_id = cls->school_id;
    t.year_id = cls->year_id;
    t.name = cls->name;
    t.class_id = cls->id;
    t.shift = cls->shift;
    t.grades = {cls->grade};
    return t;
  }
  auto g = conn.QueryOne(
      "SELECT g.school_id, g.year_id, g.name, g.class_id, g.kind, g.shift, c.grade FROM study_groups g"
      " LEFT JOIN classes c ON c.id = g.class_id WHERE g.id = $1",
      {Value{target.id}});
  if (!g) return std::nullopt;
  t.school_id = g->Int(0);
  t.year_id = g->Int(1);
  t.name = g->Text(2);
  t.class_id = g->OptInt(3);
  t.subgroup = g->Text(4) == "subgroup";
  t.shift = static_cast<int>(g->Int(5));
  if (!g->IsNull(6)) {
    t.grades = {static_cast<int>(g->Int(6))};
  } else {
    // A group across classes meets on the days any of its members' grades study.
    for (const auto& r : conn.Query(
             "SELECT DISTINCT c.grade FROM group_members m JOIN enrolments e ON e.student_id = m.student_id"
             " JOIN classes c ON c.id = e.class_id WHERE m.group_id = $1 AND c.year_id = $2",
             {Value{target.id}, Value{t.year_id}})) {
      t.grades.push_back(static_cast<int>(r.Int(0)));
    }
    if (t.grades.empty()) {
      for (int grade = domain::kMinGrade; grade <= domain::kMaxGrade; ++grade) t.grades.push_back(grade);
    }
  }
  return t;
}

// Names of everything a school's lessons refer to, for views and messages.
struct SchoolNames {
  std::map<int64_t, std::string> classes, groups, subjects, people, rooms;

  std::string Of(const std::map<int64_t, std::string>& names, int64_t id) const {
    auto it = names.find(id);
    return it == names.end() ? "#" + std::to_string(id) : it->second;
  }
  std::string Target(LessonTarget t) const {
    return t.kind == LessonTarget::Kind::kClass ? Of(classes, t.id) : "«" + Of(groups, t.id) + "»";
  }
};

SchoolNames LoadNames(storage::Connection& conn, int64_t school_id) {
  SchoolNames n;
  for (const auto& r : conn.Query("SELECT id, grade, letter FROM classes WHERE school_id = $1", {Value{school_id}})) {
    n.classes[r.Int(0)] = ClassName(r.Int(1), r.Text(2));
  }
  for (const auto& r : conn.Query("SELECT id, name FROM study_groups WHERE school_id = $1", {Value{school_id}})) {
    n.groups[r.Int(0)] = r.Text(1);
  }
  for (const auto& r : conn.Query("SELECT id, name FROM subjects WHERE school_id = $1", {Value{school_id}})) {
    n.subjects[r.Int(0)] = r.Text(1);
  }
  for (const auto& r : conn.Query("SELECT id, name FROM rooms WHERE school_id = $1", {Value{school_id}})) {
    n.rooms[r.Int(0)] = r.Text(1);
  }
  for (const auto& r : conn.Query(
           "SELECT u.id, u.last_name, u.first_name, u.middle_name FROM users u WHERE u.id IN"
           " (SELECT user_id FROM user_roles WHERE school_id = $1 AND role <> 'parent')",
           {Value{school_id}})) {
    n.people[r.Int(0)] = FullName(r.Text(1), r.Text(2), r.OptText(3));
  }
  return n;
}

// --- Lessons as rows ---------------------------------------------------

constexpr std::string_view kLessonSelect =
    "SELECT l.id, l.lesson_date, l.lesson_number, l.starts_at, l.ends_at, l.subject_id, s.name,"
    " l.teacher_id, tu.last_name, tu.first_name, tu.middle_name,"
    " l.substitute_id, su.last_name, su.first_name, su.middle_name,"
    " l.room_id, r.name, l.class_id, c.grade, c.letter, l.group_id, g.name, l.status,"
    " l.moved_to_id, mt.lesson_date, mt.lesson_number, l.moved_from_id, mf.lesson_date, mf.lesson_number,"
    " l.change_reason, l.school_id"
    " FROM lessons l JOIN subjects s ON s.id = l.subject_id JOIN users tu ON tu.id = l.teacher_id"
    " LEFT JOIN users su ON su.id = l.substitute_id LEFT JOIN rooms r ON r.id = l.room_id"
    " LEFT JOIN classes c ON c.id = l.class_id LEFT JOIN study_groups g ON g.id = l.group_id"
    " LEFT JOIN lessons mt ON mt.id = l.moved_to_id LEFT JOIN lessons mf ON mf.id = l.moved_from_id";
constexpr std::string_view kLessonOrder = " ORDER BY l.lesson_date, l.starts_at, l.lesson_number, l.id";

LessonView ToLesson(const storage::Row& r) {
  LessonView v;
  v.id = r.Int(0);
  v.date = r.Text(1);
  v.lesson_number = static_cast<int>(r.Int(2));
  v.starts_at = static_cast<int>(r.Int(3));
  v.ends_at = static_cast<int>(r.Int(4));
  v.subject = {r.Int(5), r.Text(6)};
  Named planned{r.Int(7), FullName(r.Text(8), r.Text(9), r.OptText(10))};
  if (!r.IsNull(11)) {
    v.teacher = {r.Int(11), FullName(r.Text(12), r.Text(13), r.OptText(14))};
    v.planned_teacher = planned;
  } else {
    v.teacher = planned;
  }
  if (!r.IsNull(15)) v.room = Named{r.Int(15), r.Text(16)};
  if (!r.IsNull(17)) v.class_ = Named{r.Int(17), ClassName(r.Int(18), r.Text(19))};
  if (!r.IsNull(20)) v.group = Named{r.Int(20), r.Text(21)};
  v.status = domain::ParseLessonStatus(r.Text(22)).value_or(LessonStatus::kPlanned);
  if (!r.IsNull(23)) v.moved_to = LessonRef{r.Int(23), r.Text(24), static_cast<int>(r.Int(25))};
  if (!r.IsNull(26)) v.moved_from = LessonRef{r.Int(26), r.Text(27), static_cast<int>(r.Int(28))};
  v.change_reason = r.OptText(29);
  return v;
}

std::vector<LessonView> QueryLessons(storage::Connection& conn, const std::string& where,
                                     std::initializer_list<Value> params) {
  std::vector<LessonView> out;
  for (const auto& r : conn.Query(std::string(kLessonSelect) + " WHERE l.retired_at IS NULL AND " + where +
                                      std::string(kLessonOrder),
                                  params)) {
    out.push_back(ToLesson(r));
  }
  return out;
}

struct LessonRow {
  int64_t id = 0;
  int64_t school_id = 0;
  int64_t year_id = 0;
  LessonTarget target;
  Date date;
  int lesson_number = 0;
  int starts_at = 0;
  int ends_at = 0;
  int64_t subject_id = 0;
  int64_t teacher_id = 0;
  std::optional<int64_t> substitute_id;
  std::optional<int64_t> room_id;
  LessonStatus status = LessonStatus::kPlanned;
  std::optional<int64_t> moved_to_id;
  std::optional<int64_t> moved_from_id;
};

std::optional<LessonRow> FindLesson(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne(
      "SELECT id, school_id, year_id, class_id, group_id, lesson_date, lesson_number, starts_at, ends_at, subject_id,"
      " teacher_id, substitute_id, room_id, status, moved_to_id, moved_from_id FROM lessons"
      " WHERE id = $1 AND retired_at IS NULL",
      {Value{lesson_id}});
  if (!r) return std::nullopt;
  LessonRow l;
  l.id = r->Int(0);
  l.school_id = r->Int(1);
  l.year_id = r->Int(2);
  l.target = r->IsNull(3) ? LessonTarget::Group(r->Int(4)) : LessonTarget::Class(r->Int(3));
  l.date = *domain::ParseDate(r->Text(5));
  l.lesson_number = static_cast<int>(r->Int(6));
  l.starts_at = static_cast<int>(r->Int(7));
  l.ends_at = static_cast<int>(r->Int(8));
  l.subject_id = r->Int(9);
  l.teacher_id = r->Int(10);
  l.substitute_id = r->OptInt(11);
  l.room_id = r->OptInt(12);
  l.status = domain::ParseLessonStatus(r->Text(13)).value_or(LessonStatus::kPlanned);
  l.moved_to_id = r->OptInt(14);
  l.moved_from_id = r->OptInt(15);
  return l;
}

// --- Conflicts -----------------------------------------------------------

std::vector<domain::PlacedLesson> LoadPlaced(storage::Connection& conn, int64_t school_id, const std::string& from,
                                             const std::string& to, std::string_view extra_where,
                                             std::initializer_list<Value> extra) {
  std::vector<Value> params = {Value{school_id}, Value{from}, Value{to}};
  params.insert(params.end(), extra.begin(), extra.end());
  std::vector<domain::PlacedLesson> out;
  for (const auto& r : conn.Query(
           "SELECT l.id, l.class_id, l.group_id, g.class_id, g.kind, l.lesson_date, l.lesson_number, l.starts_at,"
           " l.ends_at, COALESCE(l.substitute_id, l.teacher_id), l.room_id"
           " FROM lessons l LEFT JOIN study_groups g ON g.id = l.group_id"
           " WHERE l.school_id = $1 AND l.lesson_date >= $2 AND l.lesson_date <= $3 AND l.retired_at IS NULL"
           " AND l.status IN ('planned', 'substituted')" +
               std::string(extra_where),
           std::span<const Value>(params))) {
    domain::PlacedLesson p;
    p.id = r.Int(0);
    if (!r.IsNull(1)) {
      p.target = LessonTarget::Class(r.Int(1));
      p.class_id = r.Int(1);
    } else {
      p.target = LessonTarget::Group(r.Int(2));
      p.class_id = r.OptInt(3);
      p.subgroup = r.Text(4) == "subgroup";
    }
    p.date = *domain::ParseDate(r.Text(5));
    p.lesson_number = static_cast<int>(r.Int(6));
    p.starts_at = static_cast<int>(r.Int(7));
    p.ends_at = static_cast<int>(r.Int(8));
    p.teacher_id = r.Int(9);
    p.room_id = r.OptInt(10);
    out.push_back(p);
  }
  return out;
}

domain::Rosters LoadRosters(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  domain::Rosters rosters;
  for (const auto& r : conn.Query(
           "SELECT e.class_id, e.student_id, e.starts_on, e.ends_on FROM enrolments e JOIN classes c ON c.id = e.class_id"
           " WHERE c.school_id = $1 AND c.year_id = $2",
           {Value{school_id}, Value{year_id}})) {
    rosters.Add(LessonTarget::Class(r.Int(0)),
                {r.Int(1), *domain::ParseDate(r.Text(2)),
                 r.IsNull(3) ? std::nullopt : domain::ParseDate(r.Text(3))});
  }
  for (const auto& r : conn.Query(
           "SELECT m.group_id, m.student_id, m.starts_on, m.ends_on FROM group_members m"
           " JOIN study_groups g ON g.id = m.group_id WHERE g.school_id = $1 AND g.year_id = $2",
           {Value{school_id}, Value{year_id}})) {
    rosters.Add(LessonTarget::Group(r.Int(0)),
                {r.Int(1), *domain::ParseDate(r.Text(2)),
                 r.IsNull(3) ? std::nullopt : domain::ParseDate(r.Text(3))});
  }
  return rosters;
}

// What the other lesson is, for a message: «6В, Математика».
std::string DescribeOther(storage::Connection& conn, const SchoolNames& names, int64_t lesson_id) {
  auto r = conn.QueryOne("SELECT class_id, group_id, subject_id FROM lessons WHERE id = $1", {Value{lesson_id}});
  if (!r) return "другой урок";
  const LessonTarget t = r->IsNull(0) ? LessonTarget::Group(r->Int(1)) : LessonTarget::Class(r->Int(0));
  return names.Target(t) + ", " + names.Of(names.subjects, r->Int(2));
}

// One message per distinct clash (the same clash repeats every week: the
// first date is named), at most a few, in Russian.
Error ConflictError(storage::Connection& conn, const SchoolNames& names,
                    const std::vector<domain::Conflict>& conflicts, const std::vector<domain::PlacedLesson>& planned,
                    const std::vector<domain::PlacedLesson>& existing, const std::vector<int64_t>& planned_subjects) {
  std::set<std::tuple<int, unsigned, int, int64_t, int64_t>> seen;
  std::vector<std::string> messages;
  for (const auto& c : conflicts) {
    const auto& p = planned[c.planned];
    const auto& o = c.among_planned ? planned[c.other] : existing[c.other];
    const unsigned weekday = date::weekday{p.date}.iso_encoding();
    const auto key = std::make_tuple(static_cast<int>(c.kind), weekday, p.lesson_number,
                                     o.target.kind == LessonTarget::Kind::kClass ? o.target.id : -o.target.id,
                                     c.student_id);
    if (!seen.insert(key).second) continue;
    const std::string when = std::string(domain::WeekdayShort(static_cast<int>(weekday))) + ", " +
                             std::to_string(p.lesson_number) + "-й урок, " + domain::FormatDateRu(p.date);
    const std::string other = c.among_planned
                                  ? names.Target(o.target) + ", " + names.Of(names.subjects, planned_subjects[c.other])
                                  : DescribeOther(conn, names, o.id);
    std::string m;
    switch (c.kind) {
      case domain::ConflictKind::kTeacher:
        m = "учитель " + names.Of(names.people, p.teacher_id) + " в это время ведёт другой урок (" + other + ")";
        break;
      case domain::ConflictKind::kRoom:
        m = "кабинет " + names.Of(names.rooms, *p.room_id) + " в это время занят (" + other + ")";
        break;
      case domain::ConflictKind::kClass:
        m = names.Target(p.target) + ": в это время уже есть урок (" + other + ")";
        break;
      case domain::ConflictKind::kStudent:
        m = "ученик " + lookup::FullNameOf(conn, c.student_id) + " в это время на другом уроке (" + other + ")";
        break;
    }
    messages.push_back(when + ": " + m);
    if (messages.size() == 3) break;
  }
  std::string detail;
  for (const auto& m : messages) detail += (detail.empty() ? "" : "; ") + m;
  return Error::WithDetail(ErrorCode::kTimetableConflict, detail);
}

// Conflicts of `planned` with the school's other live lessons (excluding
// the ids in `except`); an error naming them, or Ok.
domain::Status CheckConflicts(storage::Connection& conn, int64_t school_id, int64_t year_id,
                              const std::vector<domain::PlacedLesson>& planned,
                              const std::vector<int64_t>& planned_subjects, const std::set<int64_t>& except) {
  if (planned.empty()) return domain::Ok{};
  Date first = planned.front().date;
  Date last = first;
  for (const auto& p : planned) {
    first = std::min(first, p.date);
    last = std::max(last, p.date);
  }
  auto existing = LoadPlaced(conn, school_id, domain::FormatDate(first), domain::FormatDate(last), "", {});
  std::erase_if(existing, [&](const domain::PlacedLesson& l) { return except.count(l.id) > 0; });
  const domain::Rosters rosters = LoadRosters(conn, school_id, year_id);
  auto conflicts = domain::FindConflicts(planned, existing, rosters, 200);
  if (conflicts.empty()) return domain::Ok{};
  return ConflictError(conn, LoadNames(conn, school_id), conflicts, planned, existing, planned_subjects);
}

// --- The template --------------------------------------------------------

std::vector<SlotView> LoadSlots(storage::Connection& conn, const TargetInfo& t, const std::string& day,
                                const std::vector<domain::BellSchedule>& bells) {
  const std::string column = t.target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
  std::vector<SlotView> out;
  for (const auto& r : conn.Query(
           "SELECT ts.id, ts.weekday, ts.lesson_number, ts.subject_id, s.name, ts.teacher_id, u.last_name, u.first_name,"
           " u.middle_name, ts.room_id, rm.name, ts.valid_from, ts.valid_to"
           " FROM timetable_slots ts JOIN subjects s ON s.id = ts.subject_id JOIN users u ON u.id = ts.teacher_id"
           " LEFT JOIN rooms rm ON rm.id = ts.room_id"
           " WHERE ts." + column + " = $1 AND ts.valid_from <= $2 AND (ts.valid_to IS NULL OR ts.valid_to >= $2)"
           " ORDER BY ts.weekday, ts.lesson_number, ts.id",
           {Value{t.target.id}, Value{day}})) {
    SlotView s;
    s.id = r.Int(0);
    s.weekday = static_cast<int>(r.Int(1));
    s.lesson_number = static_cast<int>(r.Int(2));
    if (auto bell = domain::FindBell(bells, t.shift, s.weekday, s.lesson_number)) {
      s.starts_at = bell->starts_at;
      s.ends_at = bell->ends_at;
    }
    s.subject = {r.Int(3), r.Text(4)};
    s.teacher = {r.Int(5), FullName(r.Text(6), r.Text(7), r.OptText(8))};
    if (!r.IsNull(9)) s.room = Named{r.Int(9), r.Text(10)};
    s.valid_from = r.Text(11);
    s.valid_to = r.OptText(12);
    out.push_back(std::move(s));
  }
  return out;
}

struct Candidate {
  domain::PlacedLesson placed;
  size_t slot = 0;  // index into the change's slots
  int64_t subject_id = 0;
};

std::vector<Candidate> Generate(const TargetInfo& t, const TemplateChange& change,
                                const domain::YearCalendar& calendar, const std::vector<domain::BellSchedule>& bells) {
  std::vector<Candidate> out;
  const Date from = *domain::ParseDate(change.valid_from);
  for (Date day : domain::TeachingDays(calendar, t.grades, from, calendar.ends_on)) {
    const int weekday = static_cast<int>(date::weekday{day}.iso_encoding());
    for (size_t i = 0; i < change.slots.size(); ++i) {
      const auto& s = change.slots[i];
      if (s.weekday != weekday) continue;
      auto bell = domain::FindBell(bells, t.shift, weekday, s.lesson_number);
      if (!bell) continue;  // CheckTemplate refused it already
      Candidate c;
      c.placed.target = t.target;
      c.placed.class_id = t.class_id;
      c.placed.subgroup = t.subgroup;
      c.placed.date = day;
      c.placed.lesson_number = s.lesson_number;
      c.placed.starts_at = bell->starts_at;
      c.placed.ends_at = bell->ends_at;
      c.placed.teacher_id = s.teacher_id;
      c.placed.room_id = s.room_id;
      c.slot = i;
      c.subject_id = s.subject_id;
      out.push_back(c);
    }
  }
  return out;
}

// A lesson someone has changed or written into is never deleted by a new
// template or calendar: it is kept, or retired with its record.
constexpr const char* kTouched =
    "(l.status <> 'planned' OR EXISTS (SELECT 1 FROM lesson_changes lc WHERE lc.lesson_id = l.id)"
    " OR EXISTS (SELECT 1 FROM marks m WHERE m.lesson_id = l.id))";

// A lesson to insert, generated from a slot.
struct NewLesson {
  domain::PlacedLesson placed;
  int64_t subject_id = 0;
  int64_t slot_id = 0;
};

// In batches: one statement per few hundred lessons.
void InsertLessons(storage::Connection& conn, const TargetInfo& t, const std::vector<NewLesson>& lessons) {
  const std::string column = t.target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
  constexpr size_t kBatch = 400;
  constexpr size_t kColumns = 11;
  for (size_t start = 0; start < lessons.size(); start += kBatch) {
    const size_t n = std::min(kBatch, lessons.size() - start);
    std::string sql =
        "INSERT INTO lessons (school_id, year_id, lesson_date, lesson_number, starts_at, ends_at, " + column +
        ", subject_id, teacher_id, room_id, slot_id) VALUES ";
    std::vector<Value> params;
    params.reserve(n * kColumns);
    for (size_t k = 0; k < n; ++k) {
      const NewLesson& l = lessons[start + k];
      sql += k ? ", (" : "(";
      for (size_t col = 0; col < kColumns; ++col) {
        sql += (col ? ", $" : "$") + std::to_string(k * kColumns + col + 1);
      }
      sql += ")";
      params.insert(params.end(),
                    {Value{t.school_id}, Value{t.year_id}, Value{domain::FormatDate(l.placed.date)},
                     Value{int64_t{l.placed.lesson_number}}, Value{int64_t{l.placed.starts_at}},
                     Value{int64_t{l.placed.ends_at}}, Value{t.target.id}, Value{l.subject_id},
                     Value{l.placed.teacher_id}, storage::OrNull(l.placed.room_id), Value{l.slot_id}});
    }
    conn.Query(sql, std::span<const Value>(params));
  }
}

struct Outcome {
  int created = 0;
  int kept = 0;
  int retired = 0;
};

// Writes the change: closes the slots that held, opens the new ones, and
// replaces the target's lessons from valid_from on. Lessons with a history
// that still fit a new lesson are kept; those that don't are retired.
Outcome Write(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
              std::vector<Candidate> candidates, int64_t user_id, int64_t now) {
  const std::string column = t.target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
  const Date from = *domain::ParseDate(change.valid_from);
  const std::string day_before = domain::FormatDate(from - date::days{1});
  Outcome outcome;

  // The target's lessons from the template on and after valid_from.
  struct Old {
    int64_t id;
    std::string date;
    int number;
    int64_t subject;
    bool touched;
  };
  std::vector<Old> old;
  for (const auto& r : conn.Query(
           "SELECT l.id, l.lesson_date, l.lesson_number, l.subject_id,"
           " CASE WHEN " + std::string(kTouched) + " THEN 1 ELSE 0 END"
           " FROM lessons l WHERE l." + column + " = $1 AND l.lesson_date >= $2 AND l.slot_id IS NOT NULL"
           " AND l.retired_at IS NULL",
           {Value{t.target.id}, Value{change.valid_from}})) {
    old.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.Int(3), r.Int(4) != 0});
  }

  // Match touched lessons to new ones by day, number and subject.
  std::map<std::tuple<std::string, int, int64_t>, size_t> by_key;
  for (size_t i = 0; i < candidates.size(); ++i) {
    by_key[{domain::FormatDate(candidates[i].placed.date), candidates[i].placed.lesson_number,
            candidates[i].subject_id}] = i;
  }
  std::vector<bool> taken(candidates.size(), false);
  std::vector<std::pair<int64_t, size_t>> kept;  // lesson id, candidate
  for (const Old& o : old) {
    if (!o.touched) {
      conn.Execute("DELETE FROM lessons WHERE id = $1", {Value{o.id}});
      continue;
    }
    auto it = by_key.find({o.date, o.number, o.subject});
    if (it != by_key.end() && !taken[it->second]) {
      taken[it->second] = true;
      kept.emplace_back(o.id, it->second);
      conn.Execute("UPDATE lessons SET slot_id = NULL WHERE id = $1", {Value{o.id}});
    } else {
      conn.Execute("UPDATE lessons SET retired_at = $2, slot_id = NULL WHERE id = $1", {Value{o.id}, Value{now}});
      ++outcome.retired;
    }
  }

  // Slots: those that began before valid_from end the day before; later
  // ones (a plan not yet begun) go.
  conn.Execute("DELETE FROM timetable_slots WHERE " + column + " = $1 AND valid_from >= $2",
               {Value{t.target.id}, Value{change.valid_from}});
  conn.Execute("UPDATE timetable_slots SET valid_to = $3 WHERE " + column +
                   " = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2)",
               {Value{t.target.id}, Value{change.valid_from}, Value{day_before}});
  std::vector<int64_t> slot_ids;
  for (const auto& s : change.slots) {
    auto r = conn.QueryOne(
        "INSERT INTO timetable_slots (school_id, year_id, " + column +
            ", weekday, lesson_number, subject_id, teacher_id, room_id, valid_from, created_by, created_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        {Value{t.school_id}, Value{t.year_id}, Value{t.target.id}, Value{int64_t{s.weekday}},
         Value{int64_t{s.lesson_number}}, Value{s.subject_id}, Value{s.teacher_id}, storage::OrNull(s.room_id),
         Value{change.valid_from}, Value{user_id}, Value{now}});
    slot_ids.push_back(r->Int(0));
  }
  for (const auto& [lesson_id, index] : kept) {
    const Candidate& c = candidates[index];
    conn.Execute("UPDATE lessons SET slot_id = $2, teacher_id = $3, starts_at = $4, ends_at = $5 WHERE id = $1",
                 {Value{lesson_id}, Value{slot_ids[c.slot]}, Value{c.placed.teacher_id},
                  Value{int64_t{c.placed.starts_at}}, Value{int64_t{c.placed.ends_at}}});
    ++outcome.kept;
  }

  // New lessons.
  std::vector<NewLesson> fresh;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (taken[i]) continue;
    const Candidate& c = candidates[i];
    fresh.push_back({c.placed, c.subject_id, slot_ids[c.slot]});
  }
  InsertLessons(conn, t, fresh);
  outcome.created += static_cast<int>(fresh.size());
  journals::Ensure(conn, t.year_id, t.target);
  return outcome;
}

// --- Changes of one lesson -------------------------------------------------

std::optional<std::string> CleanReason(const std::optional<std::string>& reason) {
  if (!reason) return std::nullopt;
  std::string r(domain::Trim(*reason));
  if (r.empty()) return std::nullopt;
  return r;
}

void KeepLessonChange(storage::Connection& conn, const LessonRow& l, std::string_view kind, const std::string& detail,
                  const std::optional<std::string>& reason, int64_t user_id, int64_t now) {
  conn.Execute(
      "INSERT INTO lesson_changes (school_id, lesson_id, kind, detail, reason, changed_by, changed_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {Value{l.school_id}, Value{l.id}, Value{std::string(kind)}, Value{detail}, storage::OrNull(reason),
       Value{user_id}, Value{now}});
}

LessonDetail LoadDetail(storage::Connection& conn, int64_t lesson_id) {
  LessonDetail d;
  d.lesson = ToLesson(*conn.QueryOne(std::string(kLessonSelect) + " WHERE l.id = $1", {Value{lesson_id}}));
  for (const auto& r : conn.Query(
           "SELECT lc.kind, lc.detail, lc.reason, lc.changed_by, u.last_name, u.first_name, u.middle_name, lc.changed_at"
           " FROM lesson_changes lc JOIN users u ON u.id = lc.changed_by WHERE lc.lesson_id = $1 ORDER BY lc.id",
           {Value{lesson_id}})) {
    d.changes.push_back(
        {r.Text(0), r.Text(1), r.OptText(2), {r.Int(3), FullName(r.Text(4), r.Text(5), r.OptText(6))}, r.Int(7)});
  }
  return d;
}

domain::PlacedLesson Placed(storage::Connection& conn, const LessonRow& l, int64_t teacher_id) {
  domain::PlacedLesson p;
  p.id = l.id;
  p.target = l.target;
  if (l.target.kind == LessonTarget::Kind::kClass) {
    p.class_id = l.target.id;
  } else {
    auto g = conn.QueryOne("SELECT class_id, kind FROM study_groups WHERE id = $1", {Value{l.target.id}});
    p.class_id = g->OptInt(0);
    p.subgroup = g->Text(1) == "subgroup";
  }
  p.date = l.date;
  p.lesson_number = l.lesson_number;
  p.starts_at = l.starts_at;
  p.ends_at = l.ends_at;
  p.teacher_id = teacher_id;
  p.room_id = l.room_id;
  return p;
}

Error Invalid(const std::string& detail) { return Error::WithDetail(ErrorCode::kInvalidValue, detail); }

domain::Status CheckSpan(const std::string& from, const std::string& to) {
  auto f = domain::ParseDate(from);
  auto t = domain::ParseDate(to);
  if (!f) return Invalid("from (ожидается ГГГГ-ММ-ДД)");
  if (!t) return Invalid("to (ожидается ГГГГ-ММ-ДД)");
  if (*t < *f) return Invalid("to раньше from");
  if ((*t - *f).count() >= kMaxViewDays) {
    return Invalid("за один раз показывается не больше " + std::to_string(kMaxViewDays) + " дней");
  }
  return domain::Ok{};
}

}  // namespace

// --- Public --------------------------------------------------------------

namespace timetable {

void SaveTemplateUnchecked(storage::Connection& conn, int64_t user_id, int64_t now, const TemplateChange& change) {
  auto t = LoadTarget(conn, change.target);
  auto year = calendar::Load(conn, t->year_id, domain::FormatDate(*domain::ParseDate(change.valid_from)));
  const auto bells = facility::LoadBells(conn, t->year_id);
  Write(conn, *t, change, Generate(*t, change, year->calendar, bells), user_id, now);
}

std::vector<int> TargetGrades(storage::Connection& conn, domain::LessonTarget target) {
  auto t = LoadTarget(conn, target);
  if (!t) return {};
  std::vector<int> grades = t->grades;
  std::sort(grades.begin(), grades.end());
  return grades;
}

std::vector<domain::PlacedLesson> PlacedLessons(storage::Connection& conn, int64_t school_id, const std::string& from,
                                                const std::string& to) {
  return LoadPlaced(conn, school_id, from, to, "", {});
}

domain::Rosters SchoolRosters(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  return LoadRosters(conn, school_id, year_id);
}

ResyncOutcome Resync(storage::Connection& conn, int64_t year_id, const std::string& from, int64_t now) {
  ResyncOutcome out;
  auto year = calendar::Load(conn, year_id, from);
  const auto bells = facility::LoadBells(conn, year_id);
  const Date first = std::max(*domain::ParseDate(from), year->calendar.starts_on);
  struct Slot {
    int64_t id;
    LessonTarget target;
    domain::TemplateSlot slot;
    Date valid_from;
    std::optional<Date> valid_to;
  };
  std::map<LessonTarget, std::vector<Slot>> by_target;
  for (const auto& r : conn.Query(
           "SELECT id, class_id, group_id, weekday, lesson_number, subject_id, teacher_id, room_id, valid_from, valid_to"
           " FROM timetable_slots WHERE year_id = $1 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY id",
           {Value{year_id}, Value{domain::FormatDate(first)}})) {
    const LessonTarget target = r.IsNull(1) ? LessonTarget::Group(r.Int(2)) : LessonTarget::Class(r.Int(1));
    by_target[target].push_back(
        {r.Int(0), target,
         {static_cast<int>(r.Int(3)), static_cast<int>(r.Int(4)), r.Int(5), r.Int(6), r.OptInt(7)},
         *domain::ParseDate(r.Text(8)), r.IsNull(9) ? std::nullopt : domain::ParseDate(r.Text(9))});
  }
  for (const auto& [target, slots] : by_target) {
    auto t = LoadTarget(conn, target);
    // What the calendar and the bells now say.
    std::map<std::pair<int64_t, Date>, domain::PlacedLesson> expected;
    std::map<int64_t, int64_t> subject_of;
    for (const Slot& s : slots) {
      subject_of[s.id] = s.slot.subject_id;
      const Date to = s.valid_to ? std::min(*s.valid_to, year->calendar.ends_on) : year->calendar.ends_on;
      for (Date day : domain::TeachingDays(year->calendar, t->grades, std::max(first, s.valid_from), to)) {
        if (static_cast<int>(date::weekday{day}.iso_encoding()) != s.slot.weekday) continue;
        auto bell = domain::FindBell(bells, t->shift, s.slot.weekday, s.slot.lesson_number);
        if (!bell) {
          out.problems.push_back(t->name + ": " + std::string(domain::WeekdayShort(s.slot.weekday)) + ", " +
                                 std::to_string(s.slot.lesson_number) + "-й урок стоит в расписании, а в звонках " +
                                 std::to_string(t->shift) + "-й смены его нет");
          break;
        }
        domain::PlacedLesson p;
        p.target = target;
        p.class_id = t->class_id;
        p.subgroup = t->subgroup;
        p.date = day;
        p.lesson_number = s.slot.lesson_number;
        p.starts_at = bell->starts_at;
        p.ends_at = bell->ends_at;
        p.teacher_id = s.slot.teacher_id;
        p.room_id = s.slot.room_id;
        expected[{s.id, day}] = p;
      }
    }
    if (!out.problems.empty()) continue;
    const std::string column = target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
    for (const auto& r : conn.Query(
             "SELECT l.id, l.slot_id, l.lesson_date, l.starts_at, l.ends_at,"
             " CASE WHEN " + std::string(kTouched) + " THEN 1 ELSE 0 END"
             " FROM lessons l WHERE l." + column + " = $1 AND l.lesson_date >= $2 AND l.slot_id IS NOT NULL"
             " AND l.retired_at IS NULL",
             {Value{target.id}, Value{domain::FormatDate(first)}})) {
      auto it = expected.find({r.Int(1), *domain::ParseDate(r.Text(2))});
      if (it != expected.end()) {
        if (it->second.starts_at != r.Int(3) || it->second.ends_at != r.Int(4)) {
          conn.Execute("UPDATE lessons SET starts_at = $2, ends_at = $3 WHERE id = $1",
                       {Value{r.Int(0)}, Value{int64_t{it->second.starts_at}}, Value{int64_t{it->second.ends_at}}});
          ++out.retimed;
        }
        expected.erase(it);
      } else if (r.Int(5) == 0) {
        conn.Execute("DELETE FROM lessons WHERE id = $1", {Value{r.Int(0)}});
        ++out.removed;
      } else {
        conn.Execute("UPDATE lessons SET retired_at = $2, slot_id = NULL WHERE id = $1", {Value{r.Int(0)}, Value{now}});
        ++out.retired;
      }
    }
    std::vector<NewLesson> fresh;
    for (const auto& [key, placed] : expected) fresh.push_back({placed, subject_of[key.first], key.first});
    InsertLessons(conn, *t, fresh);
    out.created += static_cast<int>(fresh.size());
  }
  journals::Ensure(conn, year_id);
  return out;
}

}  // namespace timetable

domain::Result<TemplateView> TimetableService::GetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                                           LessonTarget target, std::optional<std::string> day) {
  const std::string on = day.value_or(clock_.Today());
  if (!domain::ParseDate(on)) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kRead);
  auto t = LoadTarget(conn, target);
  const bool visible =
      t && (domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(t->school_id)) ||
            (t->class_id && target.kind == LessonTarget::Kind::kClass &&
             domain::Allowed(actor, Action::kViewClass, Resource::OfClass(t->school_id, *t->class_id))));
  if (!visible) return Error::Of(ErrorCode::kNotFound);
  TemplateView view{target, t->name, on, LoadSlots(conn, *t, on, facility::LoadBells(conn, t->year_id))};
  tx.Commit();
  return view;
}

domain::Result<TemplateSaved> TimetableService::SetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                                            const TemplateChange& change) {
  if (!domain::ParseDate(change.valid_from)) return Invalid("validFrom (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto saved = timetable::SetTemplateIn(conn, actor, clock_.Today(), clock_.Now(), change);
  if (!saved) return saved.error();
  tx.Commit();
  return saved;
}

namespace timetable {

domain::Result<TemplateSaved> SetTemplateIn(storage::Connection& conn, const domain::Actor& actor,
                                            const std::string& today, int64_t now, const TemplateChange& change) {
  auto from = domain::ParseDate(change.valid_from);
  if (!from) return Invalid("validFrom (ожидается ГГГГ-ММ-ДД)");
  auto t = LoadTarget(conn, change.target);
  if (!t || !domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(t->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageTimetable, Resource::OfSchool(t->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  auto year = calendar::Load(conn, t->year_id, today);
  if (*from < year->calendar.starts_on || *from > year->calendar.ends_on) {
    return Invalid("validFrom: дата вне учебного года " + year->name);
  }
  // The past is not rewritten: a change may start earlier than today only
  // where the target has no lessons yet (a timetable entered late).
  if (change.valid_from < today) {
    const std::string column = t->target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
    if (conn.QueryOne("SELECT 1 FROM lessons WHERE " + column +
                          " = $1 AND lesson_date >= $2 AND lesson_date < $3 AND retired_at IS NULL LIMIT 1",
                      {Value{t->target.id}, Value{change.valid_from}, Value{today}})) {
      return Error::WithDetail(ErrorCode::kInvalidTimetable,
                               "прошедшие уроки не переписываются: изменение может действовать с сегодняшнего дня (" +
                                   domain::FormatDateRu(*domain::ParseDate(today)) + ") или позже");
    }
  }
  const auto bells = facility::LoadBells(conn, t->year_id);
  std::vector<std::string> problems = domain::CheckTemplate(change.slots, year->calendar.working_days, t->shift, bells);
  for (const auto& s : change.slots) {
    if (!lookup::IsSubjectOf(conn, t->school_id, s.subject_id)) {
      problems.push_back("предмет " + std::to_string(s.subject_id) + " не относится к этой школе");
    }
    if (!lookup::IsTeacherOf(conn, t->school_id, s.teacher_id)) {
      problems.push_back("пользователь " + std::to_string(s.teacher_id) + " не учитель этой школы");
    }
    if (s.room_id && !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2",
                                    {Value{*s.room_id}, Value{t->school_id}})) {
      problems.push_back("кабинета " + std::to_string(*s.room_id) + " нет в этой школе");
    }
  }
  if (!problems.empty()) {
    std::string detail = t->name + ": " + problems.front();
    if (problems.size() > 1) detail += " (и ещё " + std::to_string(problems.size() - 1) + ")";
    return Error::WithDetail(ErrorCode::kInvalidTimetable, detail);
  }
  auto candidates = Generate(*t, change, year->calendar, bells);
  {
    // The target's own lessons from valid_from are being replaced.
    const std::string column = t->target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
    std::set<int64_t> replaced;
    for (const auto& r : conn.Query("SELECT id FROM lessons WHERE " + column +
                                        " = $1 AND lesson_date >= $2 AND slot_id IS NOT NULL AND retired_at IS NULL",
                                    {Value{t->target.id}, Value{change.valid_from}})) {
      replaced.insert(r.Int(0));
    }
    std::vector<domain::PlacedLesson> planned;
    std::vector<int64_t> subjects;
    for (const auto& c : candidates) {
      planned.push_back(c.placed);
      subjects.push_back(c.subject_id);
    }
    if (auto ok = CheckConflicts(conn, t->school_id, t->year_id, planned, subjects, replaced); !ok) {
      return ok.error();
    }
  }
  const Outcome outcome = Write(conn, *t, change, std::move(candidates), actor.user_id, now);
  TemplateSaved saved;
  saved.template_ = {change.target, t->name, change.valid_from, LoadSlots(conn, *t, change.valid_from, bells)};
  saved.lessons_created = outcome.created;
  saved.lessons_kept = outcome.kept;
  saved.lessons_retired = outcome.retired;
  return saved;
}

}  // namespace timetable

domain::Result<std::vector<LessonView>> TimetableService::ListLessons(storage::Connection& conn,
                                                                      const domain::Actor& actor, int64_t school_id,
                                                                      const LessonQuery& q) {
  if (auto ok = CheckSpan(q.from, q.to); !ok) return ok.error();
  const int filters = (q.class_id ? 1 : 0) + (q.group_id ? 1 : 0) + (q.teacher_id ? 1 : 0) + (q.room_id ? 1 : 0);
  if (filters > 1) return Invalid("укажите что-то одно: classId, groupId, teacherId или roomId");
  storage::Transaction tx(conn, TxMode::kRead);
  const bool school_wide = domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(school_id));
  std::vector<LessonView> out;
  const Value s{school_id};
  const Value f{q.from};
  const Value t{q.to};
  const std::string span = "l.school_id = $1 AND l.lesson_date >= $2 AND l.lesson_date <= $3";
  if (q.class_id) {
    if (!domain::Allowed(actor, Action::kViewClass, Resource::OfClass(school_id, *q.class_id))) {
      return Error::Of(ErrorCode::kForbidden);
    }
    out = QueryLessons(conn,
                       span + " AND (l.class_id = $4 OR l.group_id IN (SELECT id FROM study_groups WHERE class_id = $4"
                              " AND kind = 'subgroup'))",
                       {s, f, t, Value{*q.class_id}});
  } else if (!school_wide) {
    return Error::Of(ErrorCode::kForbidden);
  } else if (q.group_id) {
    out = QueryLessons(conn, span + " AND l.group_id = $4", {s, f, t, Value{*q.group_id}});
  } else if (q.teacher_id) {
    out = QueryLessons(conn, span + " AND (l.teacher_id = $4 OR l.substitute_id = $4)", {s, f, t, Value{*q.teacher_id}});
  } else if (q.room_id) {
    out = QueryLessons(conn, span + " AND l.room_id = $4", {s, f, t, Value{*q.room_id}});
  } else {
    out = QueryLessons(conn, span, {s, f, t});
  }
  tx.Commit();
  return out;
}

domain::Result<std::vector<LessonView>> TimetableService::MyTimetable(storage::Connection& conn,
                                                                      const domain::Actor& actor,
                                                                      const std::string& from, const std::string& to,
                                                                      std::optional<int64_t> student_id) {
  if (auto ok = CheckSpan(from, to); !ok) return ok.error();
  const bool is_student = std::any_of(actor.grants.begin(), actor.grants.end(),
                                      [](const domain::RoleGrant& g) { return g.role == domain::Role::kStudent; });
  if (!student_id && !actor.children.empty() && !is_student &&
      std::none_of(actor.grants.begin(), actor.grants.end(),
                   [](const domain::RoleGrant& g) { return g.role == domain::Role::kTeacher; })) {
    if (actor.children.size() > 1) {
      return Error::WithDetail(ErrorCode::kMissingField, "studentId (у вас несколько детей: укажите, чьё расписание)");
    }
    student_id = actor.children.front();
  }
  if (student_id && *student_id != actor.user_id &&
      std::find(actor.children.begin(), actor.children.end(), *student_id) == actor.children.end()) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!student_id && is_student) student_id = actor.user_id;
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<LessonView> out;
  if (student_id) {
    out = QueryLessons(
        conn,
        "l.lesson_date >= $2 AND l.lesson_date <= $3 AND ("
        "(l.class_id IS NOT NULL AND EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = $1"
        "  AND e.class_id = l.class_id AND e.starts_on <= l.lesson_date AND (e.ends_on IS NULL OR e.ends_on >= l.lesson_date)))"
        " OR (l.group_id IS NOT NULL AND EXISTS (SELECT 1 FROM group_members m WHERE m.student_id = $1"
        "  AND m.group_id = l.group_id AND m.starts_on <= l.lesson_date AND (m.ends_on IS NULL OR m.ends_on >= l.lesson_date))))",
        {Value{*student_id}, Value{from}, Value{to}});
  } else {
    out = QueryLessons(conn,
                       "l.lesson_date >= $2 AND l.lesson_date <= $3 AND (l.teacher_id = $1 OR l.substitute_id = $1)",
                       {Value{actor.user_id}, Value{from}, Value{to}});
  }
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> TimetableService::GetLesson(storage::Connection& conn, const domain::Actor& actor,
                                                         int64_t lesson_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  auto l = conn.QueryOne("SELECT school_id, class_id, group_id, teacher_id, substitute_id FROM lessons WHERE id = $1",
                         {Value{lesson_id}});
  if (!l) return Error::Of(ErrorCode::kNotFound);
  const int64_t school = l->Int(0);
  bool visible = domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(school));
  if (!visible && !l->IsNull(1)) {
    visible = domain::Allowed(actor, Action::kViewClass, Resource::OfClass(school, l->Int(1)));
  }
  if (!visible && !l->IsNull(2)) {
    // A member of the group (or a parent of one) sees its lessons.
    std::vector<int64_t> who = actor.children;
    who.push_back(actor.user_id);
    for (int64_t id : who) {
      if (conn.QueryOne("SELECT 1 FROM group_members WHERE group_id = $1 AND student_id = $2 LIMIT 1",
                        {Value{l->Int(2)}, Value{id}})) {
        visible = true;
        break;
      }
    }
  }
  if (!visible) return Error::Of(ErrorCode::kNotFound);
  auto detail = LoadDetail(conn, lesson_id);
  tx.Commit();
  return detail;
}

namespace {

// The lesson, found and changeable by the actor; or the error to return.
domain::Result<LessonRow> Changeable(storage::Connection& conn, const domain::Actor& actor, int64_t lesson_id) {
  auto l = FindLesson(conn, lesson_id);
  if (!l || !domain::Allowed(actor, Action::kViewSchoolTimetable, Resource::OfSchool(l->school_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageTimetable, Resource::OfSchool(l->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  return *l;
}

void Stamp(storage::Connection& conn, int64_t lesson_id, int64_t user_id, int64_t now,
           const std::optional<std::string>& reason) {
  conn.Execute("UPDATE lessons SET changed_by = $2, changed_at = $3, change_reason = $4 WHERE id = $1",
               {Value{lesson_id}, Value{user_id}, Value{now}, storage::OrNull(reason)});
}

std::string When(const LessonRow& l) {
  return domain::FormatDateRu(l.date) + ", " + std::to_string(l.lesson_number) + "-й урок";
}

}  // namespace

domain::Result<LessonDetail> TimetableService::Substitute(storage::Connection& conn, const domain::Actor& actor,
                                                          int64_t lesson_id, int64_t teacher_id,
                                                          std::optional<int64_t> room_id,
                                                          const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled || l->status == LessonStatus::kMoved) {
    return Invalid("урок отменён или перенесён: сначала верните его в расписание");
  }
  if (teacher_id == l->teacher_id) return Invalid("teacherId: это учитель по расписанию; замену отменяют restore");
  if (!lookup::IsTeacherOf(conn, l->school_id, teacher_id)) return Invalid("teacherId: это не учитель этой школы");
  if (room_id && !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2",
                                {Value{*room_id}, Value{l->school_id}})) {
    return Invalid("roomId: нет такого кабинета в школе");
  }
  LessonRow changed = *l;
  if (room_id) changed.room_id = room_id;
  auto placed = Placed(conn, changed, teacher_id);
  if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
    return ok.error();
  }
  conn.Execute("UPDATE lessons SET status = 'substituted', substitute_id = $2, room_id = $3 WHERE id = $1",
               {Value{lesson_id}, Value{teacher_id}, storage::OrNull(changed.room_id)});
  std::string detail = When(*l) + ": замена, ведёт " + lookup::FullNameOf(conn, teacher_id) + " вместо " +
                       lookup::FullNameOf(conn, l->teacher_id);
  if (room_id && room_id != l->room_id) detail += ", другой кабинет";
  KeepLessonChange(conn, *l, "substitute", detail, reason, actor.user_id, clock_.Now());
  Stamp(conn, lesson_id, actor.user_id, clock_.Now(), reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> TimetableService::Cancel(storage::Connection& conn, const domain::Actor& actor,
                                                      int64_t lesson_id, const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled) return Invalid("урок уже отменён");
  if (l->status == LessonStatus::kMoved) return Invalid("урок перенесён: отменяют урок на новом месте");
  conn.Execute("UPDATE lessons SET status = 'cancelled' WHERE id = $1", {Value{lesson_id}});
  KeepLessonChange(conn, *l, "cancel", When(*l) + ": урок отменён", reason, actor.user_id, clock_.Now());
  Stamp(conn, lesson_id, actor.user_id, clock_.Now(), reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> TimetableService::Move(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t lesson_id, const std::string& date_text,
                                                    int lesson_number, std::optional<int64_t> room_id,
                                                    const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  auto day = domain::ParseDate(date_text);
  if (!day) return Invalid("date (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  if (l->status == LessonStatus::kCancelled || l->status == LessonStatus::kMoved) {
    return Invalid("урок отменён или уже перенесён");
  }
  if (*day == l->date && lesson_number == l->lesson_number) return Invalid("урок и так стоит в это время");
  auto t = LoadTarget(conn, l->target);
  auto year = calendar::Load(conn, l->year_id, clock_.Today());
  if (*day < year->calendar.starts_on || *day > year->calendar.ends_on) return Invalid("date: вне учебного года");
  const int weekday = static_cast<int>(date::weekday{*day}.iso_encoding());
  auto bell = domain::FindBell(facility::LoadBells(conn, l->year_id), t->shift, weekday, lesson_number);
  if (!bell) {
    return Invalid("lessonNumber: в расписании звонков " + std::to_string(t->shift) + "-й смены нет " +
                   std::to_string(lesson_number) + "-го урока на " + std::string(domain::WeekdayShort(weekday)));
  }
  const auto room = room_id ? room_id : l->room_id;
  if (room_id && !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2",
                                {Value{*room_id}, Value{l->school_id}})) {
    return Invalid("roomId: нет такого кабинета в школе");
  }
  LessonRow target = *l;
  target.id = 0;
  target.date = *day;
  target.lesson_number = lesson_number;
  target.starts_at = bell->starts_at;
  target.ends_at = bell->ends_at;
  target.room_id = room;
  auto placed = Placed(conn, target, l->substitute_id.value_or(l->teacher_id));
  placed.id = 0;
  if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
    return ok.error();
  }
  const std::string column = l->target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
  const int64_t now = clock_.Now();
  auto created = conn.QueryOne(
      "INSERT INTO lessons (school_id, year_id, lesson_date, lesson_number, starts_at, ends_at, " + column +
          ", subject_id, teacher_id, room_id, status, substitute_id, moved_from_id, changed_by, changed_at,"
          " change_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
      {Value{l->school_id}, Value{l->year_id}, Value{domain::FormatDate(*day)}, Value{int64_t{lesson_number}},
       Value{int64_t{bell->starts_at}}, Value{int64_t{bell->ends_at}}, Value{l->target.id}, Value{l->subject_id},
       Value{l->teacher_id}, storage::OrNull(room),
       Value{std::string(l->substitute_id ? "substituted" : "planned")}, storage::OrNull(l->substitute_id),
       Value{l->id}, Value{actor.user_id}, Value{now}, storage::OrNull(reason)});
  conn.Execute("UPDATE lessons SET status = 'moved', moved_to_id = $2 WHERE id = $1",
               {Value{lesson_id}, Value{created->Int(0)}});
  KeepLessonChange(conn, *l, "move",
               When(*l) + ": перенесён на " + domain::FormatDateRu(*day) + ", " + std::to_string(lesson_number) +
                   "-й урок",
               reason, actor.user_id, now);
  Stamp(conn, lesson_id, actor.user_id, now, reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

domain::Result<LessonDetail> TimetableService::Restore(storage::Connection& conn, const domain::Actor& actor,
                                                       int64_t lesson_id, const std::optional<std::string>& reason_in) {
  const auto reason = CleanReason(reason_in);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto l = Changeable(conn, actor, lesson_id);
  if (!l) return l.error();
  const int64_t now = clock_.Now();
  std::string detail = When(*l) + ": возвращён в расписание";
  switch (l->status) {
    case LessonStatus::kPlanned:
      return Invalid("урок и так идёт по расписанию");
    case LessonStatus::kSubstituted:
      detail = When(*l) + ": замена отменена, ведёт " + lookup::FullNameOf(conn, l->teacher_id);
      conn.Execute("UPDATE lessons SET status = 'planned', substitute_id = NULL WHERE id = $1", {Value{lesson_id}});
      break;
    case LessonStatus::kCancelled: {
      // Back in its place only if the place is still free.
      auto placed = Placed(conn, *l, l->substitute_id.value_or(l->teacher_id));
      if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
        return ok.error();
      }
      conn.Execute("UPDATE lessons SET status = $2 WHERE id = $1",
                   {Value{lesson_id}, Value{std::string(l->substitute_id ? "substituted" : "planned")}});
      break;
    }
    case LessonStatus::kMoved: {
      auto moved = FindLesson(conn, *l->moved_to_id);
      if (moved) {
        if (conn.QueryOne("SELECT 1 FROM lesson_changes WHERE lesson_id = $1 LIMIT 1", {Value{moved->id}})) {
          return Invalid("урок на новом месте уже менялся: сначала верните его");
        }
        conn.Execute("UPDATE lessons SET moved_to_id = NULL WHERE id = $1", {Value{lesson_id}});
        conn.Execute("UPDATE lessons SET retired_at = $2 WHERE id = $1", {Value{moved->id}, Value{now}});
      }
      auto placed = Placed(conn, *l, l->substitute_id.value_or(l->teacher_id));
      if (auto ok = CheckConflicts(conn, l->school_id, l->year_id, {placed}, {l->subject_id}, {l->id}); !ok) {
        return ok.error();
      }
      conn.Execute("UPDATE lessons SET status = $2, moved_to_id = NULL WHERE id = $1",
                   {Value{lesson_id}, Value{std::string(l->substitute_id ? "substituted" : "planned")}});
      detail = When(*l) + ": перенос отменён";
      break;
    }
  }
  KeepLessonChange(conn, *l, "restore", detail, reason, actor.user_id, now);
  Stamp(conn, lesson_id, actor.user_id, now, reason);
  auto out = LoadDetail(conn, lesson_id);
  tx.Commit();
  return out;
}

}  // namespace ej::service
