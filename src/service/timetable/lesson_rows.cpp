
#include "service/timetable/lesson_rows.h"

#include "service/common/lookup.h"
#include "service/common/principal.h"
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

struct GroupTargetColumns : storage::Columns {
  size_t school_id = Add("g.school_id");
  size_t year_id = Add("g.year_id");
  size_t name = Add("g.name");
  size_t class_id = Add("g.class_id");
  size_t kind = Add("g.kind");
  size_t shift = Add("g.shift");
  size_t grade = Add("c.grade");
};
const GroupTargetColumns kGroupTarget;

}  // namespace

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
  const GroupTargetColumns& k = kGroupTarget;
  auto g = conn.QueryOne(
      "SELECT " + k.List() + " FROM study_groups g LEFT JOIN classes c ON c.id = g.class_id WHERE g.id = $1",
      {Value{target.id}});
  if (!g) return std::nullopt;
  t.school_id = g->Int(k.school_id);
  t.year_id = g->Int(k.year_id);
  t.name = g->Text(k.name);
  t.class_id = g->OptInt(k.class_id);
  t.subgroup = g->Text(k.kind) == "subgroup";
  t.shift = static_cast<int>(g->Int(k.shift));
  if (!g->IsNull(k.grade)) {
    t.grades = {static_cast<int>(g->Int(k.grade))};
  } else {
    // A group across classes meets on the days any of its members' grades study.
    for (const auto& r :
         conn.Query("SELECT DISTINCT c.grade FROM group_members m JOIN enrolments e ON e.student_id = m.student_id"
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

std::string TargetColumn(LessonTarget target) {
  return target.kind == LessonTarget::Kind::kClass ? "class_id" : "group_id";
}

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
  for (const auto& r : conn.Query("SELECT u.id, u.last_name, u.first_name, u.middle_name FROM users u WHERE u.id IN"
                                  " (SELECT user_id FROM user_roles WHERE school_id = $1 AND role <> 'parent')",
                                  {Value{school_id}})) {
    n.people[r.Int(0)] = FullName(r.Text(1), r.Text(2), r.OptText(3));
  }
  return n;
}

namespace {

// --- Lessons as rows ---------------------------------------------------

// A lesson with the names of what it refers to (LessonView).
struct LessonColumns : storage::Columns {
  size_t id = Add("l.id");
  size_t date = Add("l.lesson_date");
  size_t number = Add("l.lesson_number");
  size_t starts_at = Add("l.starts_at");
  size_t ends_at = Add("l.ends_at");
  size_t subject_id = Add("l.subject_id");
  size_t subject = Add("s.name");
  size_t teacher_id = Add("l.teacher_id");
  size_t teacher_last = Add("tu.last_name");
  size_t teacher_first = Add("tu.first_name");
  size_t teacher_middle = Add("tu.middle_name");
  size_t substitute_id = Add("l.substitute_id");
  size_t substitute_last = Add("su.last_name");
  size_t substitute_first = Add("su.first_name");
  size_t substitute_middle = Add("su.middle_name");
  size_t room_id = Add("l.room_id");
  size_t room = Add("r.name");
  size_t class_id = Add("l.class_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t group_id = Add("l.group_id");
  size_t group = Add("g.name");
  size_t status = Add("l.status");
  size_t moved_to_id = Add("l.moved_to_id");
  size_t moved_to_date = Add("mt.lesson_date");
  size_t moved_to_number = Add("mt.lesson_number");
  size_t moved_from_id = Add("l.moved_from_id");
  size_t moved_from_date = Add("mf.lesson_date");
  size_t moved_from_number = Add("mf.lesson_number");
  size_t change_reason = Add("l.change_reason");
};
const LessonColumns kLesson;

const std::string kLessonSelect =
    "SELECT " + kLesson.List() +
    " FROM lessons l JOIN subjects s ON s.id = l.subject_id JOIN users tu ON tu.id = l.teacher_id"
    " LEFT JOIN users su ON su.id = l.substitute_id LEFT JOIN rooms r ON r.id = l.room_id"
    " LEFT JOIN classes c ON c.id = l.class_id LEFT JOIN study_groups g ON g.id = l.group_id"
    " LEFT JOIN lessons mt ON mt.id = l.moved_to_id LEFT JOIN lessons mf ON mf.id = l.moved_from_id";
constexpr std::string_view kLessonOrder = " ORDER BY l.lesson_date, l.starts_at, l.lesson_number, l.id";

LessonView ToLesson(const storage::Row& r) {
  const LessonColumns& k = kLesson;
  LessonView v;
  v.id = r.Int(k.id);
  v.date = r.Text(k.date);
  v.lesson_number = static_cast<int>(r.Int(k.number));
  v.starts_at = static_cast<int>(r.Int(k.starts_at));
  v.ends_at = static_cast<int>(r.Int(k.ends_at));
  v.subject = {r.Int(k.subject_id), r.Text(k.subject)};
  Named planned{r.Int(k.teacher_id),
                FullName(r.Text(k.teacher_last), r.Text(k.teacher_first), r.OptText(k.teacher_middle))};
  if (!r.IsNull(k.substitute_id)) {
    v.teacher = {r.Int(k.substitute_id),
                 FullName(r.Text(k.substitute_last), r.Text(k.substitute_first), r.OptText(k.substitute_middle))};
    v.planned_teacher = planned;
  } else {
    v.teacher = planned;
  }
  if (!r.IsNull(k.room_id)) v.room = Named{r.Int(k.room_id), r.Text(k.room)};
  if (!r.IsNull(k.class_id)) v.class_ = Named{r.Int(k.class_id), ClassName(r.Int(k.grade), r.Text(k.letter))};
  if (!r.IsNull(k.group_id)) v.group = Named{r.Int(k.group_id), r.Text(k.group)};
  v.status = domain::ParseLessonStatus(r.Text(k.status)).value_or(LessonStatus::kPlanned);
  if (!r.IsNull(k.moved_to_id)) {
    v.moved_to = LessonRef{r.Int(k.moved_to_id), r.Text(k.moved_to_date), static_cast<int>(r.Int(k.moved_to_number))};
  }
  if (!r.IsNull(k.moved_from_id)) {
    v.moved_from =
        LessonRef{r.Int(k.moved_from_id), r.Text(k.moved_from_date), static_cast<int>(r.Int(k.moved_from_number))};
  }
  v.change_reason = r.OptText(k.change_reason);
  return v;
}

// A live lesson as its changes need it (LessonRow).
struct LessonRowColumns : storage::Columns {
  size_t id = Add("id");
  size_t school_id = Add("school_id");
  size_t year_id = Add("year_id");
  size_t class_id = Add("class_id");
  size_t group_id = Add("group_id");
  size_t date = Add("lesson_date");
  size_t number = Add("lesson_number");
  size_t starts_at = Add("starts_at");
  size_t ends_at = Add("ends_at");
  size_t subject_id = Add("subject_id");
  size_t teacher_id = Add("teacher_id");
  size_t substitute_id = Add("substitute_id");
  size_t room_id = Add("room_id");
  size_t status = Add("status");
  size_t moved_to_id = Add("moved_to_id");
  size_t moved_from_id = Add("moved_from_id");
};
const LessonRowColumns kLessonRow;

// A change of a lesson, with who made it (LessonChangeView).
struct ChangeColumns : storage::Columns {
  size_t kind = Add("lc.kind");
  size_t detail = Add("lc.detail");
  size_t reason = Add("lc.reason");
  size_t by = Add("lc.changed_by");
  size_t by_last = Add("u.last_name");
  size_t by_first = Add("u.first_name");
  size_t by_middle = Add("u.middle_name");
  size_t at = Add("lc.changed_at");
};
const ChangeColumns kChange;

}  // namespace

std::vector<LessonView> QueryLessons(storage::Connection& conn, const std::string& where,
                                     std::initializer_list<Value> params) {
  std::vector<LessonView> out;
  for (const auto& r :
       conn.Query(kLessonSelect + " WHERE l.retired_at IS NULL AND " + where + std::string(kLessonOrder), params)) {
    out.push_back(ToLesson(r));
  }
  return out;
}

std::optional<LessonRow> FindLesson(storage::Connection& conn, int64_t lesson_id) {
  auto r = conn.QueryOne("SELECT " + kLessonRow.List() + " FROM lessons WHERE id = $1 AND retired_at IS NULL",
                         {Value{lesson_id}});
  if (!r) return std::nullopt;
  const LessonRowColumns& k = kLessonRow;
  LessonRow l;
  l.id = r->Int(k.id);
  l.school_id = r->Int(k.school_id);
  l.year_id = r->Int(k.year_id);
  l.target = r->IsNull(k.class_id) ? LessonTarget::Group(r->Int(k.group_id)) : LessonTarget::Class(r->Int(k.class_id));
  l.date = *domain::ParseDate(r->Text(k.date));
  l.lesson_number = static_cast<int>(r->Int(k.number));
  l.starts_at = static_cast<int>(r->Int(k.starts_at));
  l.ends_at = static_cast<int>(r->Int(k.ends_at));
  l.subject_id = r->Int(k.subject_id);
  l.teacher_id = r->Int(k.teacher_id);
  l.substitute_id = r->OptInt(k.substitute_id);
  l.room_id = r->OptInt(k.room_id);
  l.status = domain::ParseLessonStatus(r->Text(k.status)).value_or(LessonStatus::kPlanned);
  l.moved_to_id = r->OptInt(k.moved_to_id);
  l.moved_from_id = r->OptInt(k.moved_from_id);
  return l;
}

LessonDetail LoadDetail(storage::Connection& conn, int64_t lesson_id) {
  LessonDetail d;
  d.lesson = ToLesson(*conn.QueryOne(kLessonSelect + " WHERE l.id = $1", {Value{lesson_id}}));
  const ChangeColumns& k = kChange;
  for (const auto& r : conn.Query("SELECT " + k.List() +
                                      " FROM lesson_changes lc JOIN users u ON u.id = lc.changed_by"
                                      " WHERE lc.lesson_id = $1 ORDER BY lc.id",
                                  {Value{lesson_id}})) {
    d.changes.push_back({r.Text(k.kind),
                         r.Text(k.detail),
                         r.OptText(k.reason),
                         {r.Int(k.by), FullName(r.Text(k.by_last), r.Text(k.by_first), r.OptText(k.by_middle))},
                         r.Int(k.at)});
  }
  return d;
}

Error Invalid(const std::string& detail) { return Error::WithDetail(ErrorCode::kInvalidValue, detail); }

}  // namespace timetable

}  // namespace ej::service
