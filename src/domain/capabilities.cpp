#include "domain/capabilities.h"

#include <algorithm>
#include <utility>

namespace ej::domain {
namespace {

// Actions about a school's people, classes and journals; those about one's
// own account (profile, password) and about one named person are not
// capabilities.
constexpr std::pair<Action, std::string_view> kNamed[] = {
    {Action::kListPeople, "listPeople"},
    {Action::kManageAccounts, "manageAccounts"},
    {Action::kViewSchoolCalendar, "viewSchoolCalendar"},
    {Action::kManageSchoolStructure, "manageSchoolStructure"},
    {Action::kViewClass, "viewClass"},
    {Action::kManageRoster, "manageRoster"},
    {Action::kKeepPersonData, "keepPersonData"},
    {Action::kViewSchoolTimetable, "viewSchoolTimetable"},
    {Action::kManageTimetable, "manageTimetable"},
    {Action::kIssueCredentials, "issueCredentials"},
    {Action::kViewActivation, "viewActivation"},
    {Action::kViewClassRoster, "viewClassRoster"},
    {Action::kKeepClassData, "keepClassData"},
    {Action::kWriteLesson, "writeLesson"},
    {Action::kCorrectPeriodMark, "correctPeriodMark"},
    {Action::kExcuseAbsence, "excuseAbsence"},
    {Action::kReadJournal, "readJournal"},
    {Action::kManageJournalRules, "manageJournalRules"},
    {Action::kReviewChanges, "reviewChanges"},
    {Action::kWritePlan, "writePlan"},
};

// A class id no class has: "any class of the school" for the rules that
// ask about one, without the user leading or teaching it.
constexpr int64_t kAnyClass = -1;

std::vector<Action> AllowedOn(const Actor& actor, const Resource& resource) {
  std::vector<Action> out;
  for (const auto& [action, name] : kNamed) {
    if (Allowed(actor, action, resource)) out.push_back(action);
  }
  return out;
}

// A student of `class_id` (or of no class the user has to do with) in the school.
PersonRef StudentOf(int64_t school_id, std::optional<int64_t> class_id) {
  return PersonRef{0, {RoleGrant{Role::kStudent, school_id, class_id}}, {}};
}

}  // namespace

std::vector<SchoolCapabilities> CapabilitiesOf(const Actor& actor) {
  std::vector<SchoolCapabilities> out;
  for (const RoleGrant& g : actor.grants) {
    if (std::any_of(out.begin(), out.end(), [&](const auto& s) { return s.school_id == g.school_id; })) continue;
    SchoolCapabilities school;
    school.school_id = g.school_id;
    Resource anywhere = Resource::OfClass(g.school_id, kAnyClass);
    anywhere.person = StudentOf(g.school_id, kAnyClass);
    anywhere.teacher_id = actor.user_id;
    school.actions = AllowedOn(actor, anywhere);
    for (const RoleGrant& led : actor.grants) {
      if (led.role != Role::kClassTeacher || led.school_id != g.school_id || !led.class_id) continue;
      Resource there = Resource::OfClass(g.school_id, *led.class_id);
      there.person = StudentOf(g.school_id, led.class_id);
      school.classes.push_back({*led.class_id, AllowedOn(actor, there)});
    }
    out.push_back(std::move(school));
  }
  return out;
}

std::string_view ActionName(Action action) {
  for (const auto& [a, name] : kNamed) {
    if (a == action) return name;
  }
  return {};
}

std::optional<Action> ParseActionName(std::string_view name) {
  for (const auto& [a, n] : kNamed) {
    if (n == name) return a;
  }
  return std::nullopt;
}

}  // namespace ej::domain
