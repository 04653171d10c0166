#include "service/timetable/lesson_generation.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "service/common/principal.h"
#include "service/journal/journal_service.h"
#include "service/school/calendar_service.h"
#include "service/school/facility_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Date;
using domain::Error;
using domain::ErrorCode;
using domain::LessonStatus;
using domain::LessonTarget;
using storage::TxMode;
using storage::Value;

namespace timetable {

namespace {

struct SlotColumns : storage::Columns {
  size_t id = Add("ts.id");
  size_t weekday = Add("ts.weekday");
  size_t lesson_number = Add("ts.lesson_number");
  size_t subject_id = Add("ts.subject_id");
  size_t subject = Add("s.name");
  size_t teacher_id = Add("ts.teacher_id");
  size_t last_name = Add("u.last_name");
  size_t first_name = Add("u.first_name");
  size_t middle_name = Add("u.middle_name");
  size_t room_id = Add("ts.room_id");
  size_t room = Add("rm.name");
  size_t valid_from = Add("ts.valid_from");
  size_t valid_to = Add("ts.valid_to");
};
const SlotColumns kSlot;

}  // namespace

std::vector<SlotView> LoadSlots(storage::Connection& conn, const TargetInfo& t, const std::string& day,
                                const std::vector<domain::BellSchedule>& bells) {
  const SlotColumns& k = kSlot;
  std::vector<SlotView> out;
  for (const auto& r :
       conn.Query("SELECT " + k.List() +
                      " FROM timetable_slots ts JOIN subjects s ON s.id = ts.subject_id"
                      " JOIN users u ON u.id = ts.teacher_id LEFT JOIN rooms rm ON rm.id = ts.room_id WHERE ts." +
                      TargetColumn(t.target) +
                      " = $1 AND ts.valid_from <= $2 AND (ts.valid_to IS NULL OR ts.valid_to >= $2)"
                      " ORDER BY ts.weekday, ts.lesson_number, ts.id",
                  {Value{t.target.id}, Value{day}})) {
    SlotView s;
    s.id = r.Int(k.id);
    s.weekday = static_cast<int>(r.Int(k.weekday));
    s.lesson_number = static_cast<int>(r.Int(k.lesson_number));
    if (auto bell = domain::FindBell(bells, t.shift, s.weekday, s.lesson_number)) {
      s.starts_at = bell->starts_at;
      s.ends_at = bell->ends_at;
    }
    s.subject = {r.Int(k.subject_id), r.Text(k.subject)};
    s.teacher = {r.Int(k.teacher_id), FullName(r.Text(k.last_name), r.Text(k.first_name), r.OptText(k.middle_name))};
    if (!r.IsNull(k.room_id)) s.room = Named{r.Int(k.room_id), r.Text(k.room)};
    s.valid_from = r.Text(k.valid_from);
    s.valid_to = r.OptText(k.valid_to);
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

// In few statements (storage::InsertRows).
void InsertLessons(storage::Connection& conn, const TargetInfo& t, const std::vector<NewLesson>& lessons) {
  constexpr size_t kColumns = 11;
  std::vector<Value> values;
  values.reserve(lessons.size() * kColumns);
  for (const NewLesson& l : lessons) {
    values.insert(values.end(), {Value{t.school_id}, Value{t.year_id}, Value{domain::FormatDate(l.placed.date)},
                                 Value{int64_t{l.placed.lesson_number}}, Value{int64_t{l.placed.starts_at}},
                                 Value{int64_t{l.placed.ends_at}}, Value{t.target.id}, Value{l.subject_id},
                                 Value{l.placed.teacher_id}, storage::OrNull(l.placed.room_id), Value{l.slot_id}});
  }
  storage::InsertRows(conn,
                      "lessons (school_id, year_id, lesson_date, lesson_number, starts_at, ends_at, " +
                          TargetColumn(t.target) + ", subject_id, teacher_id, room_id, slot_id)",
                      kColumns, values);
}

// A lesson made from a slot, as it stands.
struct GeneratedLesson {
  int64_t id = 0;
  int64_t slot_id = 0;
  std::string date;
  int number = 0;
  int64_t subject_id = 0;
  int starts_at = 0;
  int ends_at = 0;
  bool touched = false;
};

struct GeneratedColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t slot_id = Add("l.slot_id");
  size_t date = Add("l.lesson_date");
  size_t number = Add("l.lesson_number");
  size_t subject_id = Add("l.subject_id");
  size_t starts_at = Add("l.starts_at");
  size_t ends_at = Add("l.ends_at");
  size_t touched = Add(std::string("CASE WHEN ") + kTouched + " THEN 1 ELSE 0 END");
};
const GeneratedColumns kGenerated;

// The target's lessons made from its slots, from `from` on (not retired).
std::vector<GeneratedLesson> LoadGenerated(storage::Connection& conn, LessonTarget target, const std::string& from) {
  const GeneratedColumns& k = kGenerated;
  std::vector<GeneratedLesson> out;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM lessons l WHERE l." + TargetColumn(target) +
                      " = $1 AND l.lesson_date >= $2 AND l.slot_id IS NOT NULL AND l.retired_at IS NULL",
                  {Value{target.id}, Value{from}})) {
    out.push_back({r.Int(k.id), r.Int(k.slot_id), r.Text(k.date), static_cast<int>(r.Int(k.number)),
                   r.Int(k.subject_id), static_cast<int>(r.Int(k.starts_at)), static_cast<int>(r.Int(k.ends_at)),
                   r.Int(k.touched) != 0});
  }
  return out;
}

void DeleteLesson(storage::Connection& conn, int64_t id) {
  conn.Execute("DELETE FROM lessons WHERE id = $1", {Value{id}});
}
void RetireLesson(storage::Connection& conn, int64_t id, int64_t now) {
  conn.Execute("UPDATE lessons SET retired_at = $2, slot_id = NULL WHERE id = $1", {Value{id}, Value{now}});
}

// The old lessons under a new template: untouched ones go; a touched one is
// kept for the new lesson of its day, number and subject (returned as lesson
// id and candidate), else retired. Marks the candidates it kept in `taken`.
std::vector<std::pair<int64_t, size_t>> SettleOldLessons(storage::Connection& conn,
                                                         const std::vector<GeneratedLesson>& old,
                                                         const std::vector<Candidate>& candidates,
                                                         std::vector<bool>& taken, int64_t now, Outcome& outcome) {
  std::map<std::tuple<std::string, int, int64_t>, size_t> by_key;
  for (size_t i = 0; i < candidates.size(); ++i) {
    by_key[{domain::FormatDate(candidates[i].placed.date), candidates[i].placed.lesson_number,
            candidates[i].subject_id}] = i;
  }
  std::vector<std::pair<int64_t, size_t>> kept;
  for (const GeneratedLesson& o : old) {
    if (!o.touched) {
      DeleteLesson(conn, o.id);
      continue;
    }
    auto it = by_key.find({o.date, o.number, o.subject_id});
    if (it != by_key.end() && !taken[it->second]) {
      taken[it->second] = true;
      kept.emplace_back(o.id, it->second);
      conn.Execute("UPDATE lessons SET slot_id = NULL WHERE id = $1", {Value{o.id}});
    } else {
      RetireLesson(conn, o.id, now);
      ++outcome.retired;
    }
  }
  return kept;
}

// Slots that began before valid_from end the day before; later ones (a plan
// not yet begun) go; the new template's slots begin. Returns their ids.
std::vector<int64_t> ReplaceSlots(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
                                  int64_t user_id, int64_t now) {
  const std::string column = TargetColumn(t.target);
  const std::string day_before = domain::FormatDate(*domain::ParseDate(change.valid_from) - date::days{1});
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
  return slot_ids;
}

}  // namespace

Outcome Write(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
              std::vector<Candidate> candidates, int64_t user_id, int64_t now) {
  Outcome outcome;
  const auto old = LoadGenerated(conn, t.target, change.valid_from);
  std::vector<bool> taken(candidates.size(), false);
  const auto kept = SettleOldLessons(conn, old, candidates, taken, now, outcome);
  const auto slot_ids = ReplaceSlots(conn, t, change, user_id, now);
  for (const auto& [lesson_id, index] : kept) {
    const Candidate& c = candidates[index];
    conn.Execute("UPDATE lessons SET slot_id = $2, teacher_id = $3, starts_at = $4, ends_at = $5 WHERE id = $1",
                 {Value{lesson_id}, Value{slot_ids[c.slot]}, Value{c.placed.teacher_id},
                  Value{int64_t{c.placed.starts_at}}, Value{int64_t{c.placed.ends_at}}});
    ++outcome.kept;
  }
  std::vector<NewLesson> fresh;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!taken[i]) fresh.push_back({candidates[i].placed, candidates[i].subject_id, slot_ids[candidates[i].slot]});
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

namespace {

// A slot of the year's timetable, with the days it is valid.
struct YearSlot {
  int64_t id = 0;
  domain::TemplateSlot slot;
  Date valid_from;
  std::optional<Date> valid_to;
};

struct YearSlotColumns : storage::Columns {
  size_t id = Add("id");
  size_t class_id = Add("class_id");
  size_t group_id = Add("group_id");
  size_t weekday = Add("weekday");
  size_t lesson_number = Add("lesson_number");
  size_t subject_id = Add("subject_id");
  size_t teacher_id = Add("teacher_id");
  size_t room_id = Add("room_id");
  size_t valid_from = Add("valid_from");
  size_t valid_to = Add("valid_to");
};
const YearSlotColumns kYearSlot;

// The slots valid on `first` or later, by class or group.
std::map<LessonTarget, std::vector<YearSlot>> SlotsByTarget(storage::Connection& conn, int64_t year_id, Date first) {
  const YearSlotColumns& k = kYearSlot;
  std::map<LessonTarget, std::vector<YearSlot>> out;
  for (const auto& r :
       conn.Query("SELECT " + k.List() +
                      " FROM timetable_slots WHERE year_id = $1 AND (valid_to IS NULL OR valid_to >= $2)"
                      " ORDER BY id",
                  {Value{year_id}, Value{domain::FormatDate(first)}})) {
    const LessonTarget target =
        r.IsNull(k.class_id) ? LessonTarget::Group(r.Int(k.group_id)) : LessonTarget::Class(r.Int(k.class_id));
    out[target].push_back({r.Int(k.id),
                           {static_cast<int>(r.Int(k.weekday)), static_cast<int>(r.Int(k.lesson_number)),
                            r.Int(k.subject_id), r.Int(k.teacher_id), r.OptInt(k.room_id)},
                           *domain::ParseDate(r.Text(k.valid_from)),
                           r.IsNull(k.valid_to) ? std::nullopt : domain::ParseDate(r.Text(k.valid_to))});
  }
  return out;
}

// The lessons the calendar and the bells now give the slots, by slot and
// day; a slot whose lesson has no bell is a problem and places nothing.
std::map<std::pair<int64_t, Date>, domain::PlacedLesson> ExpectedLessons(
    const TargetInfo& t, const std::vector<YearSlot>& slots, const domain::YearCalendar& calendar,
    const std::vector<domain::BellSchedule>& bells, Date first, std::vector<std::string>& problems) {
  std::map<std::pair<int64_t, Date>, domain::PlacedLesson> expected;
  for (const YearSlot& s : slots) {
    const Date to = s.valid_to ? std::min(*s.valid_to, calendar.ends_on) : calendar.ends_on;
    for (Date day : domain::TeachingDays(calendar, t.grades, std::max(first, s.valid_from), to)) {
      if (static_cast<int>(date::weekday{day}.iso_encoding()) != s.slot.weekday) continue;
      auto bell = domain::FindBell(bells, t.shift, s.slot.weekday, s.slot.lesson_number);
      if (!bell) {
        problems.push_back(t.name + ": " + std::string(domain::WeekdayShort(s.slot.weekday)) + ", " +
                           std::to_string(s.slot.lesson_number) + "-й урок стоит в расписании, а в звонках " +
                           std::to_string(t.shift) + "-й смены его нет");
        break;
      }
      domain::PlacedLesson p;
      p.target = t.target;
      p.class_id = t.class_id;
      p.subgroup = t.subgroup;
      p.date = day;
      p.lesson_number = s.slot.lesson_number;
      p.starts_at = bell->starts_at;
      p.ends_at = bell->ends_at;
      p.teacher_id = s.slot.teacher_id;
      p.room_id = s.slot.room_id;
      expected[{s.id, day}] = p;
    }
  }
  return expected;
}

// Brings the target's lessons to what is expected: retimed, removed (or
// retired when touched), and the missing ones created.
void Reconcile(storage::Connection& conn, const TargetInfo& t, const std::vector<YearSlot>& slots, Date first,
               std::map<std::pair<int64_t, Date>, domain::PlacedLesson> expected, int64_t now, ResyncOutcome& out) {
  for (const GeneratedLesson& l : LoadGenerated(conn, t.target, domain::FormatDate(first))) {
    auto it = expected.find({l.slot_id, *domain::ParseDate(l.date)});
    if (it != expected.end()) {
      if (it->second.starts_at != l.starts_at || it->second.ends_at != l.ends_at) {
        conn.Execute("UPDATE lessons SET starts_at = $2, ends_at = $3 WHERE id = $1",
                     {Value{l.id}, Value{int64_t{it->second.starts_at}}, Value{int64_t{it->second.ends_at}}});
        ++out.retimed;
      }
      expected.erase(it);
    } else if (!l.touched) {
      DeleteLesson(conn, l.id);
      ++out.removed;
    } else {
      RetireLesson(conn, l.id, now);
      ++out.retired;
    }
  }
  std::map<int64_t, int64_t> subject_of;
  for (const YearSlot& s : slots) subject_of[s.id] = s.slot.subject_id;
  std::vector<NewLesson> fresh;
  for (const auto& [key, placed] : expected) fresh.push_back({placed, subject_of[key.first], key.first});
  InsertLessons(conn, t, fresh);
  out.created += static_cast<int>(fresh.size());
}

}  // namespace

ResyncOutcome Resync(storage::Connection& conn, int64_t year_id, const std::string& from, int64_t now) {
  ResyncOutcome out;
  auto year = calendar::Load(conn, year_id, from);
  const auto bells = facility::LoadBells(conn, year_id);
  const Date first = std::max(*domain::ParseDate(from), year->calendar.starts_on);
  for (const auto& [target, slots] : SlotsByTarget(conn, year_id, first)) {
    auto t = LoadTarget(conn, target);
    auto expected = ExpectedLessons(*t, slots, year->calendar, bells, first, out.problems);
    if (!out.problems.empty()) continue;
    Reconcile(conn, *t, slots, first, std::move(expected), now, out);
  }
  journals::Ensure(conn, year_id);
  return out;
}

}  // namespace timetable

}  // namespace ej::service
