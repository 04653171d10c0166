#include "domain/rights.h"

#include <algorithm>

namespace ej::domain {
namespace {

bool Contains(const std::vector<int64_t>& ids, int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Director, deputy, administrator and secretary see every person of their school.
bool IsSchoolWideReader(const Actor& actor, int64_t school_id) {
  return actor.Has(Role::kAdministrator, school_id) || actor.Has(Role::kDirector, school_id) ||
         actor.Has(Role::kDeputy, school_id) || actor.Has(Role::kSecretary, school_id);
}

bool LeadsClass(const Actor& actor, int64_t school_id, int64_t class_id) {
  return std::any_of(actor.grants.begin(), actor.grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kClassTeacher && g.school_id == school_id && g.class_id == class_id;
  });
}

bool TeachesClass(const Actor& actor, int64_t school_id, int64_t class_id) {
  return std::any_of(actor.teaching.begin(), actor.teaching.end(),
                     [&](const TeachingScope& t) { return t.school_id == school_id && t.class_id == class_id; });
}

// A student grant of `person` in a class the actor leads (or, if
// `teaching_counts`, teaches).
bool IsStudentOfActor(const Actor& actor, const PersonRef& person, bool teaching_counts) {
  return std::any_of(person.grants.begin(), person.grants.end(), [&](const RoleGrant& g) {
    if (g.role != Role::kStudent || !g.class_id) return false;
    return LeadsClass(actor, g.school_id, *g.class_id) ||
           (teaching_counts && TeachesClass(actor, g.school_id, *g.class_id));
  });
}

// The person is a student of a class the actor leads in `school`, or a
// parent of one (the class teacher's people).
bool OfLedClass(const Actor& actor, int64_t school, const PersonRef& p) {
  auto led = [&](const RoleGrant& g) {
    return g.role == Role::kStudent && g.school_id == school && g.class_id && LeadsClass(actor, school, *g.class_id);
  };
  return std::any_of(p.grants.begin(), p.grants.end(), led) ||
         std::any_of(p.children_grants.begin(), p.children_grants.end(), led);
}

bool BelongsTo(const PersonRef& p, int64_t school) {
  return std::any_of(p.grants.begin(), p.grants.end(), [&](const RoleGrant& g) { return g.school_id == school; });
}

bool CanViewPerson(const Actor& actor, const PersonRef& person) {
  if (person.user_id == actor.user_id) return true;
  for (const RoleGrant& g : person.grants) {
    if (IsSchoolWideReader(actor, g.school_id)) return true;
    // Staff see each other (the staff room directory), never students by this rule.
    if (IsStaffRole(g.role) && actor.IsStaffIn(g.school_id)) return true;
  }
  // A parent sees their own children.
  if (Contains(actor.children, person.user_id)) return true;
  // Class teachers see the students of their class; subject teachers the
  // students of the classes they teach.
  if (IsStudentOfActor(actor, person, /*teaching_counts=*/true)) return true;
  // Class teachers keep the parent data of their class (R-ROLE).
  return std::any_of(person.children_grants.begin(), person.children_grants.end(), [&](const RoleGrant& g) {
    return g.role == Role::kStudent && g.class_id && LeadsClass(actor, g.school_id, *g.class_id);
  });
}

// Staff see every class of their school (timetables, substitutions); a
// student their own class; a parent the classes of their children.
bool CanViewClass(const Actor& actor, int64_t school_id, int64_t class_id) {
  if (actor.IsStaffIn(school_id)) return true;
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [&](const RoleGrant& g) {
                       return g.role == Role::kStudent && g.school_id == school_id && g.class_id == class_id;
                     }) ||
         std::any_of(actor.children_classes.begin(), actor.children_classes.end(),
                     [&](const RoleGrant& g) { return g.school_id == school_id && g.class_id == class_id; });
}

}  // namespace

Decision Decide(const Actor& actor, Action action, const Resource& resource) {
  switch (action) {
    case Action::kViewOwnProfile:
    case Action::kChangeOwnPassword:
      return actor.user_id != 0 ? Decision::kAllow : Decision::kDeny;
    case Action::kViewPerson:
      if (!resource.person) return Decision::kDeny;
      return CanViewPerson(actor, *resource.person) ? Decision::kAllow : Decision::kDeny;
    case Action::kListPeople:
      if (!resource.school_id) return Decision::kDeny;
      return IsSchoolWideReader(actor, *resource.school_id) ? Decision::kAllow : Decision::kDeny;
    case Action::kManageAccounts:
      if (!resource.school_id) return Decision::kDeny;
      if (!actor.Has(Role::kAdministrator, *resource.school_id)) return Decision::kDeny;
      // An administrator manages accounts of their own school only: the
      // person, if given, must belong to that school.
      if (resource.person && !BelongsTo(*resource.person, *resource.school_id)) return Decision::kDeny;
      return Decision::kAllow;
    case Action::kViewSchoolCalendar:
      if (!resource.school_id) return Decision::kDeny;
      return actor.HasAnyIn(*resource.school_id) ? Decision::kAllow : Decision::kDeny;
    case Action::kViewSchoolTimetable:
      // Staff: the teachers' room timetable, substitutions, free rooms.
      if (!resource.school_id) return Decision::kDeny;
      return actor.IsStaffIn(*resource.school_id) ? Decision::kAllow : Decision::kDeny;
    case Action::kManageSchoolStructure:
    case Action::kManageTimetable:
      if (!resource.school_id) return Decision::kDeny;
      return actor.Has(Role::kAdministrator, *resource.school_id) || actor.Has(Role::kDirector, *resource.school_id) ||
                     actor.Has(Role::kDeputy, *resource.school_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kViewTeacherLoad: {
      // The teacher and the school's administration (who approve the load).
      if (!resource.person || !resource.school_id) return Decision::kDeny;
      if (resource.person->user_id == actor.user_id) return Decision::kAllow;
      const int64_t school = *resource.school_id;
      return actor.Has(Role::kAdministrator, school) || actor.Has(Role::kDirector, school) ||
                     actor.Has(Role::kDeputy, school)
                 ? Decision::kAllow
                 : Decision::kDeny;
    }
    case Action::kManageRoster:
      if (!resource.school_id) return Decision::kDeny;
      return IsSchoolWideReader(actor, *resource.school_id) ? Decision::kAllow : Decision::kDeny;
    case Action::kKeepPersonData: {
      // The school's administration and secretary; the class teacher for the
      // students of the class and their parents (R-ROLE).
      if (!resource.person || !resource.school_id) return Decision::kDeny;
      const int64_t school = *resource.school_id;
      if (!BelongsTo(*resource.person, school)) return Decision::kDeny;
      return IsSchoolWideReader(actor, school) || OfLedClass(actor, school, *resource.person) ? Decision::kAllow
                                                                                              : Decision::kDeny;
    }
    case Action::kIssueCredentials: {
      // The administrator for anybody of the school; the class teacher for
      // the students of the class and their parents (R-ACC-1).
      if (!resource.person || !resource.school_id) return Decision::kDeny;
      const int64_t school = *resource.school_id;
      if (!BelongsTo(*resource.person, school)) return Decision::kDeny;
      return actor.Has(Role::kAdministrator, school) || OfLedClass(actor, school, *resource.person) ? Decision::kAllow
                                                                                                    : Decision::kDeny;
    }
    case Action::kViewActivation: {
      if (!resource.school_id) return Decision::kDeny;
      const int64_t school = *resource.school_id;
      if (actor.Has(Role::kAdministrator, school) || actor.Has(Role::kDirector, school) ||
          actor.Has(Role::kDeputy, school)) {
        return Decision::kAllow;
      }
      return resource.class_id && LeadsClass(actor, school, *resource.class_id) ? Decision::kAllow : Decision::kDeny;
    }
    case Action::kViewClassRoster:
      // Who works with the class: the administration and secretary, its
      // class teacher, the teachers who teach it.
      if (!resource.school_id || !resource.class_id) return Decision::kDeny;
      return IsSchoolWideReader(actor, *resource.school_id) ||
                     LeadsClass(actor, *resource.school_id, *resource.class_id) ||
                     TeachesClass(actor, *resource.school_id, *resource.class_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kKeepClassData:
      // Who keeps the personal data (R-ROLE): the administration and
      // secretary, the class teacher.
      if (!resource.school_id || !resource.class_id) return Decision::kDeny;
      return IsSchoolWideReader(actor, *resource.school_id) ||
                     LeadsClass(actor, *resource.school_id, *resource.class_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kWriteLesson:
      // Only the teacher who teaches it, a substitute for that lesson: nobody
      // else writes into a teacher's journal, the administration included
      // (a period mark is corrected by a deputy, by its own rule).
      if (!resource.school_id || !resource.teacher_id) return Decision::kDeny;
      return actor.user_id == *resource.teacher_id && (actor.Has(Role::kTeacher, *resource.school_id) ||
                                                       actor.Has(Role::kClassTeacher, *resource.school_id))
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kCorrectPeriodMark:
      // Only a deputy director, on the teacher's written explanation (R-MARK-7).
      if (!resource.school_id) return Decision::kDeny;
      return actor.Has(Role::kDeputy, *resource.school_id) ? Decision::kAllow : Decision::kDeny;
    case Action::kReviewChanges:
      // The director and deputies decide what a compromised account's changes
      // become (seed 001, 5.4).
      if (!resource.school_id) return Decision::kDeny;
      return actor.Has(Role::kDirector, *resource.school_id) || actor.Has(Role::kDeputy, *resource.school_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kWritePlan:
      // The teacher who teaches the subject there, and the deputies who
      // oversee the plans.
      if (!resource.school_id) return Decision::kDeny;
      if (actor.Has(Role::kDeputy, *resource.school_id)) return Decision::kAllow;
      return resource.teacher_id && actor.user_id == *resource.teacher_id &&
                     (actor.Has(Role::kTeacher, *resource.school_id) ||
                      actor.Has(Role::kClassTeacher, *resource.school_id))
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kExcuseAbsence:
      // The class teacher (R-ATT-1), and the director and deputies.
      if (!resource.school_id || !resource.class_id) return Decision::kDeny;
      return LeadsClass(actor, *resource.school_id, *resource.class_id) ||
                     actor.Has(Role::kDirector, *resource.school_id) || actor.Has(Role::kDeputy, *resource.school_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kReadJournal: {
      // The director and deputies read every journal (and the administrator
      // who runs the system); the class teacher all of the class; a teacher
      // the journals they teach in. Not students and parents: their diary.
      if (!resource.school_id) return Decision::kDeny;
      const int64_t school = *resource.school_id;
      if (actor.Has(Role::kAdministrator, school) || actor.Has(Role::kDirector, school) ||
          actor.Has(Role::kDeputy, school)) {
        return Decision::kAllow;
      }
      if (resource.class_id && LeadsClass(actor, school, *resource.class_id)) return Decision::kAllow;
      const bool teacher = actor.Has(Role::kTeacher, school) || actor.Has(Role::kClassTeacher, school);
      return teacher && resource.teacher_id == actor.user_id ? Decision::kAllow : Decision::kDeny;
    }
    case Action::kManageJournalRules:
      if (!resource.school_id) return Decision::kDeny;
      return actor.Has(Role::kAdministrator, *resource.school_id) || actor.Has(Role::kDirector, *resource.school_id) ||
                     actor.Has(Role::kDeputy, *resource.school_id)
                 ? Decision::kAllow
                 : Decision::kDeny;
    case Action::kViewClass:
      if (!resource.school_id || !resource.class_id) return Decision::kDeny;
      return CanViewClass(actor, *resource.school_id, *resource.class_id) ? Decision::kAllow : Decision::kDeny;
  }
  return Decision::kDeny;
}

}  // namespace ej::domain
