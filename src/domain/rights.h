// The one function that decides whether an actor may do an action on a
// resource. Pure: everything it needs is in its arguments. Every service call
// asks it before touching data.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/roles.h"

namespace ej::domain {

enum class Action {
  kViewOwnProfile,         // GET /me
  kChangeOwnPassword,      // POST /me/password
  kViewPerson,             // a person's card: name, roles, class, contacts
  kListPeople,             // the people of a school (directory, rosters)
  kManageAccounts,         // create staff accounts, lock/unlock, reset passwords
  kViewSchoolCalendar,     // years, periods, holidays: everybody of the school
  kManageSchoolStructure,  // years, periods, classes, curriculum: administration
  kViewClass,              // a class: its staff, its students, their parents
  kViewTeacherLoad,        // a teacher's classes, subjects and hours (person = the teacher)
  kManageRoster,           // admit, transfer, dismiss students by order (school)
  kKeepPersonData,         // record a person's data and consents (person, school)
  kViewSchoolTimetable,    // every class's, teacher's and room's timetable, groups (school)
  kManageTimetable,        // the weekly template, substitutions, cancellations, moves (school)
  kIssueCredentials,       // logins and activation codes for a person (person, school)
  kViewActivation,         // who has taken up their account (school, or school and class)
  kViewClassRoster,        // the students of a class by name (school and class): its staff
  kKeepClassData,          // their birth dates, parents, contacts, consents (school and class)
  kWriteLesson,            // marks (and the lesson's record) of a lesson (school and who teaches it)
  kCorrectPeriodMark,      // change a period or final mark once set: a deputy director (school)
  kExcuseAbsence,          // the reason of a student's absences (school and the student's class)
  kReadJournal,            // a journal (school; its class; teacher_id = the actor when they teach in it)
  kManageJournalRules,     // work types and their weights, deadlines, rounding (school)
  kReviewChanges,          // confirm or revert the changes of a compromised account (school)
  kWritePlan,              // a calendar-thematic plan (school; teacher_id = the teacher who teaches it)
};

// A person as the rights function sees them: where they belong and how.
struct PersonRef {
  int64_t user_id = 0;
  std::vector<RoleGrant> grants;  // the person's own roles (student grants carry the class)
  // If a parent: the student grants of their children (school and class).
  std::vector<RoleGrant> children_grants;
};

// What an action is done to. Exactly the fields the action needs are set.
struct Resource {
  std::optional<int64_t> school_id;   // kListPeople, kManageAccounts
  std::optional<PersonRef> person;    // kViewPerson, kManageAccounts on a person
  std::optional<int64_t> class_id;    // kViewClass (with school_id)
  std::optional<int64_t> teacher_id;  // kWriteLesson: who teaches the lesson (the substitute, if any)

  static Resource OfSchool(int64_t school_id) {
    Resource r;
    r.school_id = school_id;
    return r;
  }
  static Resource OfPerson(PersonRef person, std::optional<int64_t> school_id = std::nullopt) {
    Resource r;
    r.school_id = school_id;
    r.person = std::move(person);
    return r;
  }
  static Resource OfLesson(int64_t school_id, int64_t teacher_id) {
    Resource r;
    r.school_id = school_id;
    r.teacher_id = teacher_id;
    return r;
  }
  static Resource OfClass(int64_t school_id, int64_t class_id) {
    Resource r;
    r.school_id = school_id;
    r.class_id = class_id;
    return r;
  }
};

enum class Decision { kAllow, kDeny };

Decision Decide(const Actor& actor, Action action, const Resource& resource);

inline bool Allowed(const Actor& actor, Action action, const Resource& resource) {
  return Decide(actor, action, resource) == Decision::kAllow;
}

}  // namespace ej::domain
