#include "service/school/class_service.h"

#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/insert_statement.h"
#include "service/common/lookup.h"
#include "service/common/principal.h"
#include "service/common/sql.h"
#include "service/school/school_statements.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::Value;

namespace {

struct ClassColumns : storage::Columns {
  size_t id = Add("c.id");
  size_t school_id = Add("c.school_id");
  size_t year_id = Add("c.year_id");
  size_t grade = Add("c.grade");
  size_t letter = Add("c.letter");
  size_t class_teacher_id = Add("c.class_teacher_id");
  size_t teacher_last = Add("u.last_name");
  size_t teacher_first = Add("u.first_name");
  size_t teacher_middle = Add("u.middle_name");
  // $1 is the day the students are counted on.
  size_t students =
      Add("(SELECT COUNT(*) FROM enrolments e WHERE e.class_id = c.id AND " + sql::ActiveOn("e", "$1") + ")");
  size_t shift = Add("c.shift");
};
const ClassColumns kClass;
const std::string kClassSelect =
    "SELECT " + kClass.List() + " FROM classes c LEFT JOIN users u ON u.id = c.class_teacher_id";

ClassView ToClass(const storage::Row& r) {
  const ClassColumns& k = kClass;
  ClassView v;
  v.id = r.Int(k.id);
  v.school_id = r.Int(k.school_id);
  v.year_id = r.Int(k.year_id);
  v.grade = static_cast<int>(r.Int(k.grade));
  v.letter = r.Text(k.letter);
  v.name = ClassName(v.grade, v.letter);
  v.class_teacher_id = r.OptInt(k.class_teacher_id);
  if (v.class_teacher_id) {
    v.class_teacher_name = FullName(r.Text(k.teacher_last), r.Text(k.teacher_first), r.OptText(k.teacher_middle));
  }
  v.students = r.Int(k.students);
  v.shift = static_cast<int>(r.Int(k.shift));
  return v;
}

ClassView LoadClass(storage::Connection& conn, int64_t class_id, const std::string& today) {
  return ToClass(*conn.QueryOne(std::string(kClassSelect) + " WHERE c.id = $2", {Value{today}, Value{class_id}}));
}

struct LedClassColumns : storage::Columns {
  size_t grade = Add("grade");
  size_t letter = Add("letter");
};
const LedClassColumns kLedClass;

// A class teacher must teach at the school and lead no other class of the year.
domain::Status CheckClassTeacher(storage::Connection& conn, int64_t school_id, int64_t year_id, int64_t teacher_id,
                                 std::optional<int64_t> this_class) {
  if (!lookup::IsTeacherOf(conn, school_id, teacher_id)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "classTeacherId: это не учитель этой школы");
  }
  auto other = conn.QueryOne(
      "SELECT " + kLedClass.List() + " FROM classes WHERE year_id = $1 AND class_teacher_id = $2 AND id <> $3",
      {Value{year_id}, Value{teacher_id}, Value{this_class.value_or(0)}});
  if (other) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             "classTeacherId: " + lookup::FullNameOf(conn, teacher_id) + " уже классный руководитель " +
                                 ClassName(other->Int(kLedClass.grade), other->Text(kLedClass.letter)));
  }
  return domain::Ok{};
}

}  // namespace

domain::Result<std::vector<ClassView>> ClassService::ListClasses(storage::Connection& conn, const domain::Actor& actor,
                                                                 int64_t school_id, std::optional<int64_t> year_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, storage::TxMode::kRead);
  if (!year_id) {
    year_id = lookup::YearOn(conn, school_id, today);
    if (!year_id) {
      tx.Commit();
      return std::vector<ClassView>{};  // between years: no classes yet
    }
  }
  auto rows =
      conn.Query(std::string(kClassSelect) + " WHERE c.school_id = $2 AND c.year_id = $3 ORDER BY c.grade, c.letter",
                 {Value{today}, Value{school_id}, Value{*year_id}});
  tx.Commit();
  std::vector<ClassView> out;
  for (const auto& r : rows) {
    if (!domain::Allowed(actor, Action::kViewClass, Resource::OfClass(school_id, r.Int(kClass.id)))) continue;
    out.push_back(ToClass(r));
  }
  return out;
}

domain::Result<ClassView> ClassService::CreateClass(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t school_id, const NewClass& in) {
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (in.grade < domain::kMinGrade || in.grade > domain::kMaxGrade) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "grade (от 1 до 11)");
  }
  const std::string letter(domain::Trim(in.letter));
  if (letter.empty() || domain::Utf8Length(letter) > 8 || domain::HasControlCharacters(letter)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "letter (буква класса, до 8 символов)");
  }
  if (in.shift != 1 && in.shift != 2) return Error::WithDetail(ErrorCode::kInvalidValue, "shift (1 или 2)");
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, storage::TxMode::kWrite);
  std::optional<int64_t> year_id = in.year_id;
  if (!year_id) {
    year_id = lookup::YearOn(conn, school_id, today);
    if (!year_id)
      return Error::WithDetail(ErrorCode::kInvalidValue, "yearId: сегодня не идёт учебный год, укажите год");
  } else if (!lookup::IsYearOf(conn, school_id, *year_id)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "yearId: нет такого учебного года в школе");
  }
  if (conn.QueryOne("SELECT 1 FROM classes WHERE year_id = $1 AND grade = $2 AND letter = $3",
                    {Value{*year_id}, Value{int64_t{in.grade}}, Value{letter}})) {
    return Error::WithDetail(ErrorCode::kConflict, "класс " + ClassName(in.grade, letter) + " уже есть в этом году");
  }
  if (in.class_teacher_id) {
    if (auto ok = CheckClassTeacher(conn, school_id, *year_id, *in.class_teacher_id, std::nullopt); !ok) {
      return ok.error();
    }
  }
  auto id = conn.QueryOne(sql::InsertOne(kClassInto) + " RETURNING id",
                          {Value{school_id}, Value{*year_id}, Value{int64_t{in.grade}}, Value{letter},
                           storage::OrNull(in.class_teacher_id), Value{int64_t{in.shift}}});
  ClassView view = LoadClass(conn, id->Int(0), today);
  tx.Commit();
  return view;
}

domain::Result<ClassView> ClassService::UpdateClass(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t class_id, const ClassChange& change) {
  if (change.shift && *change.shift != 1 && *change.shift != 2) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "shift (1 или 2)");
  }
  const std::string today = clock_.Today();
  storage::Transaction tx(conn, storage::TxMode::kWrite);
  auto cls = lookup::Class(conn, class_id);
  if (!cls || !domain::Allowed(actor, Action::kViewClass, Resource::OfClass(cls->school_id, class_id))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kManageSchoolStructure, Resource::OfSchool(cls->school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (change.set_class_teacher) {
    if (change.class_teacher_id) {
      if (auto ok = CheckClassTeacher(conn, cls->school_id, cls->year_id, *change.class_teacher_id, class_id); !ok) {
        return ok.error();
      }
    }
    conn.Execute("UPDATE classes SET class_teacher_id = $2 WHERE id = $1",
                 {Value{class_id}, storage::OrNull(change.class_teacher_id)});
  }
  if (change.shift && *change.shift != cls->shift) {
    // Lesson times come from the shift's bells: a class with a timetable
    // would silently move; the timetable is changed first.
    if (conn.QueryOne("SELECT 1 FROM timetable_slots WHERE class_id = $1 LIMIT 1", {Value{class_id}})) {
      return Error::WithDetail(ErrorCode::kInvalidValue,
                               "shift: у класса уже есть расписание; смену меняют вместе с расписанием");
    }
    conn.Execute("UPDATE classes SET shift = $2 WHERE id = $1", {Value{class_id}, Value{int64_t{*change.shift}}});
  }
  ClassView view = LoadClass(conn, class_id, today);
  tx.Commit();
  return view;
}

}  // namespace ej::service
