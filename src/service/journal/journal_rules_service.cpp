#include "service/journal/journal_rules_service.h"

#include "domain/rights.h"
#include "domain/utf8.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

std::vector<domain::GradeDeadline> LoadByGrade(storage::Connection& conn, int64_t type_id) {
  std::vector<domain::GradeDeadline> out;
  for (const auto& r :
       conn.Query("SELECT grade_from, grade_to, deadline_days FROM work_type_deadlines WHERE work_type_id = $1"
                  " ORDER BY grade_from, id",
                  {Value{type_id}})) {
    out.push_back({static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2))});
  }
  return out;
}

domain::Status CheckWorkType(const WorkTypeInput& t) {
  const auto text = [](const std::string& s, const char* field, size_t max) -> domain::Status {
    if (domain::Trim(s).empty()) return Error::WithDetail(ErrorCode::kMissingField, field);
    if (domain::Utf8Length(s) > max) return Error::WithDetail(ErrorCode::kInvalidValue, field);
    return domain::Ok{};
  };
  if (auto ok = text(t.name, "name", 100); !ok) return ok;
  if (auto ok = text(t.short_name, "shortName", 10); !ok) return ok;
  if (t.weight < 1 || t.weight > 10) return Error::WithDetail(ErrorCode::kInvalidValue, "weight (1–10)");
  if (t.deadline_days < 0 || t.deadline_days > 30)
    return Error::WithDetail(ErrorCode::kInvalidValue, "deadlineDays (0–30)");
  for (const auto& g : t.by_grade) {
    if (g.grade_from < 1 || g.grade_to > 11 || g.grade_from > g.grade_to || g.days < 0 || g.days > 30) {
      return Error::WithDetail(ErrorCode::kInvalidValue, "byGrade (классы 1–11, дни 0–30)");
    }
  }
  if (t.by_grade.size() > 11) return Error::WithDetail(ErrorCode::kInvalidValue, "byGrade");
  return domain::Ok{};
}

void SaveByGrade(storage::Connection& conn, int64_t school_id, int64_t type_id,
                 const std::vector<domain::GradeDeadline>& by_grade) {
  conn.Query("DELETE FROM work_type_deadlines WHERE work_type_id = $1", {Value{type_id}});
  for (const auto& g : by_grade) {
    conn.Query(
        "INSERT INTO work_type_deadlines (school_id, work_type_id, grade_from, grade_to, deadline_days)"
        " VALUES ($1, $2, $3, $4, $5)",
        {Value{school_id}, Value{type_id}, Value{int64_t{g.grade_from}}, Value{int64_t{g.grade_to}},
         Value{int64_t{g.days}}});
  }
}

}  // namespace

namespace journal_rules {

void SeedWorkTypes(storage::Connection& conn, int64_t school_id) {
  conn.Query(
      "INSERT INTO work_types (school_id, code, name, short_name, weight, deadline_days, position)"
      " SELECT $1, code, name, short_name, weight, deadline_days, position FROM default_work_types",
      {Value{school_id}});
}

JournalSettings LoadSettings(storage::Connection& conn, int64_t school_id) {
  JournalSettings s;
  if (auto r = conn.QueryOne("SELECT late_policy, lesson_late_days, homework_hours, rounding_from FROM journal_settings"
                             " WHERE school_id = $1",
                             {Value{school_id}})) {
    s = {r->Text(0), static_cast<int>(r->Int(1)), static_cast<int>(r->Int(2)), static_cast<int>(r->Int(3))};
  }
  return s;
}

namespace {

struct WorkTypeColumns : storage::Columns {
  size_t id = Add("id");
  size_t code = Add("code");
  size_t name = Add("name");
  size_t short_name = Add("short_name");
  size_t weight = Add("weight");
  size_t deadline_days = Add("deadline_days");
  size_t active = Add("active");
};
const WorkTypeColumns kWorkType;

// "SELECT <a work type's columns> FROM work_types": add a WHERE.
const std::string kWorkTypeSelect = "SELECT " + kWorkType.List() + " FROM work_types";

// The work type of a row, without its bands by grade.
WorkType ReadWorkType(const storage::Row& r) {
  const WorkTypeColumns& k = kWorkType;
  return WorkType{r.Int(k.id),
                  r.Text(k.code),
                  r.Text(k.name),
                  r.Text(k.short_name),
                  static_cast<int>(r.Int(k.weight)),
                  static_cast<int>(r.Int(k.deadline_days)),
                  r.Int(k.active) != 0,
                  {}};
}

}  // namespace

std::optional<WorkType> LoadWorkType(storage::Connection& conn, int64_t school_id, int64_t id) {
  auto r = conn.QueryOne(kWorkTypeSelect + " WHERE id = $1 AND school_id = $2", {Value{id}, Value{school_id}});
  if (!r) return std::nullopt;
  WorkType t = ReadWorkType(*r);
  t.by_grade = LoadByGrade(conn, id);
  return t;
}

}  // namespace journal_rules

domain::Result<WorkType> JournalRulesService::CreateWorkType(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t school_id, const WorkTypeInput& input) {
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (auto ok = CheckWorkType(input); !ok) return ok.error();
  if (input.code.empty() || input.code.size() > 32 ||
      input.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "code (латинские строчные буквы, цифры, _)");
  }
  storage::Transaction tx(conn, TxMode::kWrite);
  if (conn.QueryOne("SELECT 1 FROM work_types WHERE school_id = $1 AND code = $2",
                    {Value{school_id}, Value{input.code}})) {
    return Error::WithDetail(ErrorCode::kConflict, "вид работы с кодом «" + input.code + "» уже есть");
  }
  auto position =
      conn.QueryOne("SELECT COALESCE(MAX(position), 0) + 1 FROM work_types WHERE school_id = $1", {Value{school_id}});
  auto inserted = conn.QueryOne(
      "INSERT INTO work_types (school_id, code, name, short_name, weight, deadline_days, position, active)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {Value{school_id}, Value{input.code}, Value{std::string(domain::Trim(input.name))},
       Value{std::string(domain::Trim(input.short_name))}, Value{int64_t{input.weight}},
       Value{int64_t{input.deadline_days}}, Value{position->Int(0)}, Value{int64_t{input.active ? 1 : 0}}});
  const int64_t id = inserted->Int(0);
  SaveByGrade(conn, school_id, id, input.by_grade);
  auto saved = journal_rules::LoadWorkType(conn, school_id, id);
  tx.Commit();
  return *saved;
}

domain::Result<WorkType> JournalRulesService::UpdateWorkType(storage::Connection& conn, const domain::Actor& actor,
                                                             int64_t id, const WorkTypeInput& input) {
  if (auto ok = CheckWorkType(input); !ok) return ok.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  auto school = conn.QueryOne("SELECT school_id FROM work_types WHERE id = $1", {Value{id}});
  if (!school || !actor.HasAnyIn(school->Int(0))) return Error::Of(ErrorCode::kNotFound);
  const int64_t school_id = school->Int(0);
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  conn.Query(
      "UPDATE work_types SET name = $2, short_name = $3, weight = $4, deadline_days = $5, active = $6"
      " WHERE id = $1",
      {Value{id}, Value{std::string(domain::Trim(input.name))}, Value{std::string(domain::Trim(input.short_name))},
       Value{int64_t{input.weight}}, Value{int64_t{input.deadline_days}}, Value{int64_t{input.active ? 1 : 0}}});
  SaveByGrade(conn, school_id, id, input.by_grade);
  auto saved = journal_rules::LoadWorkType(conn, school_id, id);
  tx.Commit();
  return *saved;
}

domain::Result<JournalSettings> JournalRulesService::Settings(storage::Connection& conn, const domain::Actor& actor,
                                                              int64_t school_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  storage::Transaction tx(conn, TxMode::kRead);
  JournalSettings s = journal_rules::LoadSettings(conn, school_id);
  tx.Commit();
  return s;
}

domain::Result<JournalSettings> JournalRulesService::SaveSettings(storage::Connection& conn, const domain::Actor& actor,
                                                                  int64_t school_id, const JournalSettings& s) {
  if (!domain::Allowed(actor, Action::kManageJournalRules, Resource::OfSchool(school_id))) {
    return Error::Of(ErrorCode::kForbidden);
  }
  if (!domain::ParseLatePolicy(s.late_policy)) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "latePolicy (flag или refuse)");
  }
  if (s.lesson_late_days < 0 || s.lesson_late_days > 30) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "lessonLateDays (0–30)");
  }
  if (s.homework_hours < 0 || s.homework_hours > 24)
    return Error::WithDetail(ErrorCode::kInvalidValue, "homeworkHours (0–24)");
  if (s.rounding_from < 1 || s.rounding_from > 99)
    return Error::WithDetail(ErrorCode::kInvalidValue, "roundingFrom (1–99)");
  storage::Transaction tx(conn, TxMode::kWrite);
  conn.Query(
      "INSERT INTO journal_settings (school_id, late_policy, lesson_late_days, homework_hours, rounding_from)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (school_id) DO UPDATE SET late_policy = excluded.late_policy,"
      " lesson_late_days = excluded.lesson_late_days, homework_hours = excluded.homework_hours,"
      " rounding_from = excluded.rounding_from",
      {Value{school_id}, Value{s.late_policy}, Value{int64_t{s.lesson_late_days}}, Value{int64_t{s.homework_hours}},
       Value{int64_t{s.rounding_from}}});
  tx.Commit();
  return s;
}

domain::Result<std::vector<WorkType>> JournalRulesService::WorkTypes(storage::Connection& conn,
                                                                     const domain::Actor& actor, int64_t school_id) {
  if (!actor.HasAnyIn(school_id)) return Error::Of(ErrorCode::kForbidden);
  storage::Transaction tx(conn, TxMode::kRead);
  std::vector<WorkType> out;
  for (const auto& r :
       conn.Query(journal_rules::kWorkTypeSelect + " WHERE school_id = $1 ORDER BY position, id", {Value{school_id}})) {
    out.push_back(journal_rules::ReadWorkType(r));
  }
  for (auto& t : out) t.by_grade = LoadByGrade(conn, t.id);
  tx.Commit();
  return out;
}

}  // namespace ej::service
