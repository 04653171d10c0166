#include "service/timetable/timetable_service.h"

#include <algorithm>

#include "domain/rights.h"
#include "service/common/sql.h"
#include "service/timetable/lesson_rows.h"

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

using timetable::Invalid;
using timetable::LoadDetail;
using timetable::QueryLessons;

namespace {

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
                       span +
                           " AND (l.class_id = $4 OR l.group_id IN (SELECT id FROM study_groups WHERE class_id = $4"
                           " AND kind = 'subgroup'))",
                       {s, f, t, Value{*q.class_id}});
  } else if (!school_wide) {
    return Error::Of(ErrorCode::kForbidden);
  } else if (q.group_id) {
    out = QueryLessons(conn, span + " AND l.group_id = $4", {s, f, t, Value{*q.group_id}});
  } else if (q.teacher_id) {
    out =
        QueryLessons(conn, span + " AND (l.teacher_id = $4 OR l.substitute_id = $4)", {s, f, t, Value{*q.teacher_id}});
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
    out =
        QueryLessons(conn,
                     "l.lesson_date >= $2 AND l.lesson_date <= $3 AND ("
                     "(l.class_id IS NOT NULL AND EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = $1"
                     "  AND e.class_id = l.class_id AND " +
                         sql::ActiveOn("e", "l.lesson_date") +
                         "))"
                         " OR (l.group_id IS NOT NULL AND EXISTS (SELECT 1 FROM group_members m WHERE m.student_id = $1"
                         "  AND m.group_id = l.group_id AND " +
                         sql::ActiveOn("m", "l.lesson_date") + ")))",
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

}  // namespace ej::service
