
#include "service/timetable/conflicts.h"

#include <algorithm>
#include <tuple>

#include "service/common/lookup.h"
#include "service/common/sql.h"
#include "service/timetable/lesson_rows.h"
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

struct PlacedColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t class_id = Add("l.class_id");
  size_t group_id = Add("l.group_id");
  size_t group_class_id = Add("g.class_id");
  size_t group_kind = Add("g.kind");
  size_t date = Add("l.lesson_date");
  size_t number = Add("l.lesson_number");
  size_t starts_at = Add("l.starts_at");
  size_t ends_at = Add("l.ends_at");
  size_t teacher_id = Add("COALESCE(l.substitute_id, l.teacher_id)");
  size_t room_id = Add("l.room_id");
};
const PlacedColumns kPlaced;

domain::PlacedLesson ReadPlaced(const storage::Row& r) {
  const PlacedColumns& k = kPlaced;
  domain::PlacedLesson p;
  p.id = r.Int(k.id);
  if (!r.IsNull(k.class_id)) {
    p.target = LessonTarget::Class(r.Int(k.class_id));
    p.class_id = r.Int(k.class_id);
  } else {
    p.target = LessonTarget::Group(r.Int(k.group_id));
    p.class_id = r.OptInt(k.group_class_id);
    p.subgroup = r.Text(k.group_kind) == "subgroup";
  }
  p.date = *domain::ParseDate(r.Text(k.date));
  p.lesson_number = static_cast<int>(r.Int(k.number));
  p.starts_at = static_cast<int>(r.Int(k.starts_at));
  p.ends_at = static_cast<int>(r.Int(k.ends_at));
  p.teacher_id = r.Int(k.teacher_id);
  p.room_id = r.OptInt(k.room_id);
  return p;
}

std::vector<domain::PlacedLesson> LoadPlaced(storage::Connection& conn, int64_t school_id, const std::string& from,
                                             const std::string& to, std::string_view extra_where,
                                             std::initializer_list<Value> extra) {
  std::vector<Value> params = {Value{school_id}, Value{from}, Value{to}};
  params.insert(params.end(), extra.begin(), extra.end());
  std::vector<domain::PlacedLesson> out;
  for (const auto& r : conn.Query("SELECT " + kPlaced.List() +
                                      " FROM lessons l LEFT JOIN study_groups g ON g.id = l.group_id"
                                      " WHERE l.school_id = $1 AND l.lesson_date >= $2 AND l.lesson_date <= $3 AND " +
                                      sql::HeldLesson("l") + std::string(extra_where),
                                  std::span<const Value>(params))) {
    out.push_back(ReadPlaced(r));
  }
  return out;
}

// A membership of a class or group: "<target>, student_id, starts_on, ends_on".
domain::Membership ReadMembership(const storage::Row& r) {
  enum Column : size_t { kTarget, kStudent, kStartsOn, kEndsOn };
  return {r.Int(kStudent), *domain::ParseDate(r.Text(kStartsOn)),
          r.IsNull(kEndsOn) ? std::nullopt : domain::ParseDate(r.Text(kEndsOn))};
}

domain::Rosters LoadRosters(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  domain::Rosters rosters;
  for (const auto& r : conn.Query("SELECT e.class_id, e.student_id, e.starts_on, e.ends_on FROM enrolments e"
                                  " JOIN classes c ON c.id = e.class_id WHERE c.school_id = $1 AND c.year_id = $2",
                                  {Value{school_id}, Value{year_id}})) {
    rosters.Add(LessonTarget::Class(r.Int(0)), ReadMembership(r));
  }
  for (const auto& r : conn.Query("SELECT m.group_id, m.student_id, m.starts_on, m.ends_on FROM group_members m"
                                  " JOIN study_groups g ON g.id = m.group_id WHERE g.school_id = $1 AND g.year_id = $2",
                                  {Value{school_id}, Value{year_id}})) {
    rosters.Add(LessonTarget::Group(r.Int(0)), ReadMembership(r));
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
Error ConflictError(storage::Connection& conn, const SchoolNames& names, const std::vector<domain::Conflict>& conflicts,
                    const std::vector<domain::PlacedLesson>& planned, const std::vector<domain::PlacedLesson>& existing,
                    const std::vector<int64_t>& planned_subjects) {
  std::set<std::tuple<int, unsigned, int, int64_t, int64_t>> seen;
  std::vector<std::string> messages;
  for (const auto& c : conflicts) {
    const auto& p = planned[c.planned];
    const auto& o = c.among_planned ? planned[c.other] : existing[c.other];
    const unsigned weekday = date::weekday{p.date}.iso_encoding();
    const auto key =
        std::make_tuple(static_cast<int>(c.kind), weekday, p.lesson_number,
                        o.target.kind == LessonTarget::Kind::kClass ? o.target.id : -o.target.id, c.student_id);
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

}  // namespace

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
std::vector<domain::PlacedLesson> PlacedLessons(storage::Connection& conn, int64_t school_id, const std::string& from,
                                                const std::string& to) {
  return LoadPlaced(conn, school_id, from, to, "", {});
}

domain::Rosters SchoolRosters(storage::Connection& conn, int64_t school_id, int64_t year_id) {
  return LoadRosters(conn, school_id, year_id);
}

}  // namespace timetable

}  // namespace ej::service
