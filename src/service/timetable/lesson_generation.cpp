#include "service/timetable/lesson_generation.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "service/common/principal.h"
#include "service/journal/journal_service.h"
#include "service/school/calendar_service.h"
#include "service/school/facility_service.h"

namespace ej::service {

using domain::Date;
using domain::Error;
using domain::ErrorCode;
using domain::LessonStatus;
using domain::LessonTarget;
using storage::TxMode;
using storage::Value;

namespace timetable {

std::vector<SlotView> LoadSlots(storage::Connection& conn, const TargetInfo& t, const std::string& day,
                                const std::vector<domain::BellSchedule>& bells) {
  const std::string column = TargetColumn(t.target);
  std::vector<SlotView> out;
  for (const auto& r : conn.Query(
           "SELECT ts.id, ts.weekday, ts.lesson_number, ts.subject_id, s.name, ts.teacher_id, u.last_name, "
           "u.first_name,"
           " u.middle_name, ts.room_id, rm.name, ts.valid_from, ts.valid_to"
           " FROM timetable_slots ts JOIN subjects s ON s.id = ts.subject_id JOIN users u ON u.id = ts.teacher_id"
           " LEFT JOIN rooms rm ON rm.id = ts.room_id"
           " WHERE ts." +
               column +
               " = $1 AND ts.valid_from <= $2 AND (ts.valid_to IS NULL OR ts.valid_to >= $2)"
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

std::vector<Candidate> Generate(const TargetInfo& t, const TemplateChange& change, const domain::YearCalendar& calendar,
                                const std::vector<domain::BellSchedule>& bells) {
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

namespace {

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
  const std::string column = TargetColumn(t.target);
  constexpr size_t kBatch = 400;
  constexpr size_t kColumns = 11;
  for (size_t start = 0; start < lessons.size(); start += kBatch) {
    const size_t n = std::min(kBatch, lessons.size() - start);
    std::string sql = "INSERT INTO lessons (school_id, year_id, lesson_date, lesson_number, starts_at, ends_at, " +
                      column + ", subject_id, teacher_id, room_id, slot_id) VALUES ";
    std::vector<Value> params;
    params.reserve(n * kColumns);
    for (size_t k = 0; k < n; ++k) {
      const NewLesson& l = lessons[start + k];
      sql += k ? ", (" : "(";
      for (size_t col = 0; col < kColumns; ++col) {
        sql += (col ? ", $" : "$") + std::to_string(k * kColumns + col + 1);
      }
      sql += ")";
      params.insert(params.end(), {Value{t.school_id}, Value{t.year_id}, Value{domain::FormatDate(l.placed.date)},
                                   Value{int64_t{l.placed.lesson_number}}, Value{int64_t{l.placed.starts_at}},
                                   Value{int64_t{l.placed.ends_at}}, Value{t.target.id}, Value{l.subject_id},
                                   Value{l.placed.teacher_id}, storage::OrNull(l.placed.room_id), Value{l.slot_id}});
    }
    conn.Query(sql, std::span<const Value>(params));
  }
}
}  // namespace

Outcome Write(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
              std::vector<Candidate> candidates, int64_t user_id, int64_t now) {
  const std::string column = TargetColumn(t.target);
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
  for (const auto& r : conn.Query("SELECT l.id, l.lesson_date, l.lesson_number, l.subject_id,"
                                  " CASE WHEN " +
                                      std::string(kTouched) +
                                      " THEN 1 ELSE 0 END"
                                      " FROM lessons l WHERE l." +
                                      column +
                                      " = $1 AND l.lesson_date >= $2 AND l.slot_id IS NOT NULL"
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
  for (const auto& r :
       conn.Query("SELECT id, class_id, group_id, weekday, lesson_number, subject_id, teacher_id, room_id, valid_from, "
                  "valid_to"
                  " FROM timetable_slots WHERE year_id = $1 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY id",
                  {Value{year_id}, Value{domain::FormatDate(first)}})) {
    const LessonTarget target = r.IsNull(1) ? LessonTarget::Group(r.Int(2)) : LessonTarget::Class(r.Int(1));
    by_target[target].push_back(
        {r.Int(0),
         target,
         {static_cast<int>(r.Int(3)), static_cast<int>(r.Int(4)), r.Int(5), r.Int(6), r.OptInt(7)},
         *domain::ParseDate(r.Text(8)),
         r.IsNull(9) ? std::nullopt : domain::ParseDate(r.Text(9))});
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
    const std::string column = TargetColumn(target);
    for (const auto& r : conn.Query("SELECT l.id, l.slot_id, l.lesson_date, l.starts_at, l.ends_at,"
                                    " CASE WHEN " +
                                        std::string(kTouched) +
                                        " THEN 1 ELSE 0 END"
                                        " FROM lessons l WHERE l." +
                                        column +
                                        " = $1 AND l.lesson_date >= $2 AND l.slot_id IS NOT NULL"
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

}  // namespace ej::service
