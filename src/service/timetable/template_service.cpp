#include "service/timetable/template_service.h"

#include <set>

#include "domain/rights.h"
#include "service/common/lookup.h"
#include "service/school/calendar_service.h"
#include "service/school/facility_service.h"
#include "service/timetable/conflicts.h"
#include "service/timetable/lesson_generation.h"
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
using timetable::LoadSlots;
using timetable::LoadTarget;

domain::Result<TemplateView> TemplateService::GetTemplate(storage::Connection& conn, const domain::Actor& actor,
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

domain::Result<TemplateSaved> TemplateService::SetTemplate(storage::Connection& conn, const domain::Actor& actor,
                                                           const TemplateChange& change) {
  if (!domain::ParseDate(change.valid_from)) return Invalid("validFrom (ожидается ГГГГ-ММ-ДД)");
  storage::Transaction tx(conn, TxMode::kWrite);
  auto saved = timetable::SetTemplateIn(conn, actor, clock_.Today(), clock_.Now(), change);
  if (!saved) return saved.error();
  tx.Commit();
  return saved;
}

namespace timetable {

namespace {

// The past is not rewritten: a change may start earlier than today only
// where the target has no lessons yet (a timetable entered late).
domain::Status CheckNotRewritingPast(storage::Connection& conn, const TargetInfo& t, const std::string& valid_from,
                                     const std::string& today) {
  if (valid_from >= today) return domain::Ok{};
  if (conn.QueryOne("SELECT 1 FROM lessons WHERE " + TargetColumn(t.target) +
                        " = $1 AND lesson_date >= $2 AND lesson_date < $3 AND retired_at IS NULL LIMIT 1",
                    {Value{t.target.id}, Value{valid_from}, Value{today}})) {
    return Error::WithDetail(ErrorCode::kInvalidTimetable,
                             "прошедшие уроки не переписываются: изменение может действовать с сегодняшнего дня (" +
                                 domain::FormatDateRu(*domain::ParseDate(today)) + ") или позже");
  }
  return domain::Ok{};
}

// The week itself (days, bells, one lesson per place) and that its subjects,
// teachers and rooms are the school's.
domain::Status CheckSlots(storage::Connection& conn, const TargetInfo& t, const TemplateChange& change,
                          const domain::YearCalendar& calendar, const std::vector<domain::BellSchedule>& bells) {
  std::vector<std::string> problems = domain::CheckTemplate(change.slots, calendar.working_days, t.shift, bells);
  for (const auto& s : change.slots) {
    if (!lookup::IsSubjectOf(conn, t.school_id, s.subject_id)) {
      problems.push_back("предмет " + std::to_string(s.subject_id) + " не относится к этой школе");
    }
    if (!lookup::IsTeacherOf(conn, t.school_id, s.teacher_id)) {
      problems.push_back("пользователь " + std::to_string(s.teacher_id) + " не учитель этой школы");
    }
    if (s.room_id && !conn.QueryOne("SELECT 1 FROM rooms WHERE id = $1 AND school_id = $2",
                                    {Value{*s.room_id}, Value{t.school_id}})) {
      problems.push_back("кабинета " + std::to_string(*s.room_id) + " нет в этой школе");
    }
  }
  if (problems.empty()) return domain::Ok{};
  std::string detail = t.name + ": " + problems.front();
  if (problems.size() > 1) detail += " (и ещё " + std::to_string(problems.size() - 1) + ")";
  return Error::WithDetail(ErrorCode::kInvalidTimetable, detail);
}

// The new lessons against everyone else's: the target's own lessons from
// valid_from are being replaced.
domain::Status CheckCandidates(storage::Connection& conn, const TargetInfo& t, const std::string& valid_from,
                               const std::vector<Candidate>& candidates) {
  std::set<int64_t> replaced;
  for (const auto& r : conn.Query("SELECT id FROM lessons WHERE " + TargetColumn(t.target) +
                                      " = $1 AND lesson_date >= $2 AND slot_id IS NOT NULL AND retired_at IS NULL",
                                  {Value{t.target.id}, Value{valid_from}})) {
    replaced.insert(r.Int(0));
  }
  std::vector<domain::PlacedLesson> planned;
  std::vector<int64_t> subjects;
  for (const auto& c : candidates) {
    planned.push_back(c.placed);
    subjects.push_back(c.subject_id);
  }
  return CheckConflicts(conn, t.school_id, t.year_id, planned, subjects, replaced);
}

}  // namespace

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
  if (auto ok = CheckNotRewritingPast(conn, *t, change.valid_from, today); !ok) return ok.error();
  const auto bells = facility::LoadBells(conn, t->year_id);
  if (auto ok = CheckSlots(conn, *t, change, year->calendar, bells); !ok) return ok.error();
  auto candidates = Generate(*t, change, year->calendar, bells);
  if (auto ok = CheckCandidates(conn, *t, change.valid_from, candidates); !ok) return ok.error();
  const Outcome outcome = Write(conn, *t, change, std::move(candidates), actor.user_id, now);
  TemplateSaved saved;
  saved.template_ = {change.target, t->name, change.valid_from, LoadSlots(conn, *t, change.valid_from, bells)};
  saved.lessons_created = outcome.created;
  saved.lessons_kept = outcome.kept;
  saved.lessons_retired = outcome.retired;
  return saved;
}

}  // namespace timetable

}  // namespace ej::service
