// The rights function, role by role, on own and on someone else's data.
#include "domain/rights.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

constexpr int64_t kSchool = 1;
constexpr int64_t kOtherSchool = 2;
constexpr int64_t kClass = 10;       // the class of "our" student
constexpr int64_t kOtherClass = 11;  // a class nobody here leads or teaches

constexpr int64_t kStudentId = 100;
constexpr int64_t kOtherStudentId = 101;
constexpr int64_t kParentId = 200;
constexpr int64_t kOtherParentId = 201;
constexpr int64_t kTeacherId = 300;
constexpr int64_t kOtherSchoolTeacherId = 301;

PersonRef Student(int64_t id, int64_t class_id, int64_t school = kSchool) {
  return {id, {{Role::kStudent, school, class_id}}, {}};
}
PersonRef Parent(int64_t id, int64_t child_class, int64_t school = kSchool) {
  return {id, {{Role::kParent, school, std::nullopt}}, {{Role::kStudent, school, child_class}}};
}
PersonRef Teacher(int64_t id, int64_t school) { return {id, {{Role::kTeacher, school, std::nullopt}}, {}}; }

Actor MakeActor(Role role, int64_t school = kSchool) {
  Actor a;
  a.user_id = 1;
  switch (role) {
    case Role::kClassTeacher:
      a.grants = {{Role::kTeacher, school, std::nullopt}, {Role::kClassTeacher, school, kClass}};
      a.teaching = {{school, kClass, 5}};
      break;
    case Role::kTeacher:
      a.grants = {{Role::kTeacher, school, std::nullopt}};
      a.teaching = {{school, kClass, 6}};
      break;
    case Role::kStudent:
      a.user_id = kStudentId;
      a.grants = {{Role::kStudent, school, kClass}};
      break;
    case Role::kParent:
      a.user_id = kParentId;
      a.grants = {{Role::kParent, school, std::nullopt}};
      a.children = {kStudentId};
      break;
    default:
      a.grants = {{role, school, std::nullopt}};
  }
  return a;
}

struct Case {
  Role role;
  Action action;
  const char* what;
  PersonRef person;
  std::optional<int64_t> school;
  Decision expected;
};

const Decision A = Decision::kAllow;
const Decision D = Decision::kDeny;

TEST(RightsTest, EveryRoleOnOwnAndOthersData) {
  const Case kCases[] = {
      // Viewing a student of class kClass.
      {Role::kAdministrator, Action::kViewPerson, "student", Student(kStudentId, kClass), {}, A},
      {Role::kDirector, Action::kViewPerson, "student", Student(kStudentId, kClass), {}, A},
      {Role::kDeputy, Action::kViewPerson, "student", Student(kStudentId, kClass), {}, A},
      {Role::kSecretary, Action::kViewPerson, "student", Student(kStudentId, kClass), {}, A},
      {Role::kClassTeacher, Action::kViewPerson, "student of own class", Student(kStudentId, kClass), {}, A},
      {Role::kTeacher, Action::kViewPerson, "student of a taught class", Student(kStudentId, kClass), {}, A},
      {Role::kParent, Action::kViewPerson, "own child", Student(kStudentId, kClass), {}, A},
      {Role::kStudent, Action::kViewPerson, "self", Student(kStudentId, kClass), {}, A},
      // Someone else's student.
      {Role::kClassTeacher,
       Action::kViewPerson,
       "student of another class",
       Student(kOtherStudentId, kOtherClass),
       {},
       D},
      {Role::kTeacher,
       Action::kViewPerson,
       "student of an untaught class",
       Student(kOtherStudentId, kOtherClass),
       {},
       D},
      {Role::kParent, Action::kViewPerson, "another child", Student(kOtherStudentId, kClass), {}, D},
      {Role::kStudent, Action::kViewPerson, "a classmate", Student(kOtherStudentId, kClass), {}, D},
      {Role::kAdministrator,
       Action::kViewPerson,
       "student of another school",
       Student(kOtherStudentId, kClass, kOtherSchool),
       {},
       D},
      {Role::kDirector,
       Action::kViewPerson,
       "student of another school",
       Student(kOtherStudentId, kClass, kOtherSchool),
       {},
       D},
      // Parents.
      {Role::kClassTeacher, Action::kViewPerson, "parent of own class", Parent(kOtherParentId, kClass), {}, A},
      {Role::kClassTeacher, Action::kViewPerson, "parent of another class", Parent(kOtherParentId, kOtherClass), {}, D},
      {Role::kTeacher, Action::kViewPerson, "parent of a taught class", Parent(kOtherParentId, kClass), {}, D},
      {Role::kParent, Action::kViewPerson, "another parent", Parent(kOtherParentId, kClass), {}, D},
      {Role::kStudent, Action::kViewPerson, "a parent", Parent(kOtherParentId, kClass), {}, D},
      {Role::kSecretary, Action::kViewPerson, "parent", Parent(kOtherParentId, kOtherClass), {}, A},
      // Staff.
      {Role::kTeacher, Action::kViewPerson, "colleague", Teacher(kTeacherId, kSchool), {}, A},
      {Role::kTeacher,
       Action::kViewPerson,
       "teacher of another school",
       Teacher(kOtherSchoolTeacherId, kOtherSchool),
       {},
       D},
      {Role::kStudent, Action::kViewPerson, "a teacher", Teacher(kTeacherId, kSchool), {}, D},
      {Role::kParent, Action::kViewPerson, "a teacher", Teacher(kTeacherId, kSchool), {}, D},
      // Listing people of a school.
      {Role::kAdministrator, Action::kListPeople, "own school", {}, kSchool, A},
      {Role::kDirector, Action::kListPeople, "own school", {}, kSchool, A},
      {Role::kDeputy, Action::kListPeople, "own school", {}, kSchool, A},
      {Role::kSecretary, Action::kListPeople, "own school", {}, kSchool, A},
      {Role::kTeacher, Action::kListPeople, "own school", {}, kSchool, D},
      {Role::kClassTeacher, Action::kListPeople, "own school", {}, kSchool, D},
      {Role::kStudent, Action::kListPeople, "own school", {}, kSchool, D},
      {Role::kParent, Action::kListPeople, "own school", {}, kSchool, D},
      {Role::kAdministrator, Action::kListPeople, "another school", {}, kOtherSchool, D},
      // Managing accounts.
      {Role::kAdministrator, Action::kManageAccounts, "own school", {}, kSchool, A},
      {Role::kAdministrator, Action::kManageAccounts, "teacher of own school", Teacher(kTeacherId, kSchool), kSchool,
       A},
      {Role::kAdministrator, Action::kManageAccounts, "teacher of another school",
       Teacher(kOtherSchoolTeacherId, kOtherSchool), kSchool, D},
      {Role::kAdministrator, Action::kManageAccounts, "another school", {}, kOtherSchool, D},
      {Role::kDirector, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kDeputy, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kSecretary, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kTeacher, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kClassTeacher, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kStudent, Action::kManageAccounts, "own school", {}, kSchool, D},
      {Role::kParent, Action::kManageAccounts, "own school", {}, kSchool, D},
  };
  for (const Case& c : kCases) {
    Actor actor = MakeActor(c.role);
    Resource resource;
    resource.school_id = c.school;
    if (c.person.user_id) resource.person = c.person;
    EXPECT_EQ(Decide(actor, c.action, resource), c.expected)
        << ToString(c.role) << " / " << static_cast<int>(c.action) << " / " << c.what;
  }
}

TEST(RightsTest, SchoolStructureAndClasses) {
  static const struct {
    Role role;
    Decision view_calendar, manage_structure, view_own_class, view_other_class;
  } kCases[] = {
      {Role::kAdministrator, A, A, A, A}, {Role::kDirector, A, A, A, A},     {Role::kDeputy, A, A, A, A},
      {Role::kTeacher, A, D, A, A},       {Role::kClassTeacher, A, D, A, A}, {Role::kSecretary, A, D, A, A},
      {Role::kStudent, A, D, A, D},       {Role::kParent, A, D, A, D},
  };
  for (const auto& c : kCases) {
    Actor actor = MakeActor(c.role);
    actor.children_classes =
        c.role == Role::kParent ? std::vector<RoleGrant>{{Role::kStudent, kSchool, kClass}} : std::vector<RoleGrant>{};
    const char* role = ToString(c.role).data();
    EXPECT_EQ(Decide(actor, Action::kViewSchoolCalendar, Resource::OfSchool(kSchool)), c.view_calendar) << role;
    EXPECT_EQ(Decide(actor, Action::kManageSchoolStructure, Resource::OfSchool(kSchool)), c.manage_structure) << role;
    EXPECT_EQ(Decide(actor, Action::kViewClass, Resource::OfClass(kSchool, kClass)), c.view_own_class) << role;
    EXPECT_EQ(Decide(actor, Action::kViewClass, Resource::OfClass(kSchool, kOtherClass)), c.view_other_class) << role;
    // Nobody reaches into another school.
    EXPECT_EQ(Decide(actor, Action::kViewSchoolCalendar, Resource::OfSchool(kOtherSchool)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kManageSchoolStructure, Resource::OfSchool(kOtherSchool)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kViewClass, Resource::OfClass(kOtherSchool, kClass)), D) << role;
    // The roster: administration and the secretary (R-ROLE), never elsewhere.
    const bool keeps_roster = c.role == Role::kAdministrator || c.role == Role::kDirector || c.role == Role::kDeputy ||
                              c.role == Role::kSecretary;
    EXPECT_EQ(Decide(actor, Action::kManageRoster, Resource::OfSchool(kSchool)), keeps_roster ? A : D) << role;
    EXPECT_EQ(Decide(actor, Action::kManageRoster, Resource::OfSchool(kOtherSchool)), D) << role;
    // The timetable: staff see the school's; the administration changes it.
    const bool staff = c.role != Role::kStudent && c.role != Role::kParent;
    EXPECT_EQ(Decide(actor, Action::kViewSchoolTimetable, Resource::OfSchool(kSchool)), staff ? A : D) << role;
    EXPECT_EQ(Decide(actor, Action::kManageTimetable, Resource::OfSchool(kSchool)), c.manage_structure) << role;
    EXPECT_EQ(Decide(actor, Action::kViewSchoolTimetable, Resource::OfSchool(kOtherSchool)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kManageTimetable, Resource::OfSchool(kOtherSchool)), D) << role;
  }
}

// A class list by name for whoever works with the class; its personal data
// for those who keep it.
TEST(RightsTest, ClassRosterAndItsPersonalData) {
  static const struct {
    Role role;
    Decision roster_own, roster_other, data_own, data_other;
  } kCases[] = {
      {Role::kAdministrator, A, A, A, A}, {Role::kDirector, A, A, A, A}, {Role::kDeputy, A, A, A, A},
      {Role::kSecretary, A, A, A, A},     {Role::kTeacher, A, D, D, D},  {Role::kClassTeacher, A, D, A, D},
      {Role::kStudent, D, D, D, D},       {Role::kParent, D, D, D, D},
  };
  for (const auto& c : kCases) {
    const Actor actor = MakeActor(c.role);
    const char* role = ToString(c.role).data();
    EXPECT_EQ(Decide(actor, Action::kViewClassRoster, Resource::OfClass(kSchool, kClass)), c.roster_own) << role;
    EXPECT_EQ(Decide(actor, Action::kViewClassRoster, Resource::OfClass(kSchool, kOtherClass)), c.roster_other) << role;
    EXPECT_EQ(Decide(actor, Action::kKeepClassData, Resource::OfClass(kSchool, kClass)), c.data_own) << role;
    EXPECT_EQ(Decide(actor, Action::kKeepClassData, Resource::OfClass(kSchool, kOtherClass)), c.data_other) << role;
    EXPECT_EQ(Decide(actor, Action::kViewClassRoster, Resource::OfClass(kOtherSchool, kClass)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kKeepClassData, Resource::OfClass(kOtherSchool, kClass)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kKeepClassData, Resource::OfSchool(kSchool)), D) << role;
  }
}

// Only the teacher who teaches a lesson writes its marks; the administration
// edits the journal's rules.
TEST(RightsTest, WritingALessonAndTheJournalsRules) {
  for (Role role : {Role::kAdministrator, Role::kDirector, Role::kDeputy, Role::kTeacher, Role::kClassTeacher,
                    Role::kStudent, Role::kParent, Role::kSecretary}) {
    const Actor actor = MakeActor(role);
    const char* name = ToString(role).data();
    const bool teaches = role == Role::kTeacher || role == Role::kClassTeacher;
    EXPECT_EQ(Decide(actor, Action::kWriteLesson, Resource::OfLesson(kSchool, actor.user_id)), teaches ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kWriteLesson, Resource::OfLesson(kSchool, actor.user_id + 1000)), D) << name;
    EXPECT_EQ(Decide(actor, Action::kWriteLesson, Resource::OfLesson(kOtherSchool, actor.user_id)), D) << name;
    const bool rules = role == Role::kAdministrator || role == Role::kDirector || role == Role::kDeputy;
    EXPECT_EQ(Decide(actor, Action::kManageJournalRules, Resource::OfSchool(kSchool)), rules ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kManageJournalRules, Resource::OfSchool(kOtherSchool)), D) << name;
    // Reading a journal: the director and deputies (and the administrator) every one; the class
    // teacher those of the class; a teacher those they teach in; never students and parents.
    Resource own_class = Resource::OfClass(kSchool, kClass);
    Resource other_class = Resource::OfClass(kSchool, kOtherClass);
    const bool leads_school = rules;
    EXPECT_EQ(Decide(actor, Action::kReadJournal, other_class), leads_school ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kReadJournal, own_class), leads_school || role == Role::kClassTeacher ? A : D)
        << name;
    other_class.teacher_id = actor.user_id;  // the actor teaches in it
    EXPECT_EQ(Decide(actor, Action::kReadJournal, other_class), leads_school || teaches ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kReadJournal, Resource::OfClass(kOtherSchool, kClass)), D) << name;
    // Excusing absences: the class teacher of the student's class, the director, deputies.
    const bool excuses = role == Role::kDirector || role == Role::kDeputy;
    EXPECT_EQ(Decide(actor, Action::kExcuseAbsence, own_class), excuses || role == Role::kClassTeacher ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kExcuseAbsence, Resource::OfClass(kSchool, kOtherClass)), excuses ? A : D) << name;
  }
}

// A compromised account's changes are reviewed by the director and deputies;
// a plan is written by the teacher who teaches it, and by deputies.
TEST(RightsTest, ReviewingChangesAndWritingPlans) {
  for (Role role : {Role::kAdministrator, Role::kDirector, Role::kDeputy, Role::kTeacher, Role::kClassTeacher,
                    Role::kStudent, Role::kParent, Role::kSecretary}) {
    const Actor actor = MakeActor(role);
    const char* name = ToString(role).data();
    const bool reviews = role == Role::kDirector || role == Role::kDeputy;
    EXPECT_EQ(Decide(actor, Action::kReviewChanges, Resource::OfSchool(kSchool)), reviews ? A : D) << name;
    EXPECT_EQ(Decide(actor, Action::kReviewChanges, Resource::OfSchool(kOtherSchool)), D) << name;
    EXPECT_EQ(Decide(actor, Action::kReviewChanges, Resource{}), D) << name;
    const bool teaches = role == Role::kTeacher || role == Role::kClassTeacher;
    const bool deputy = role == Role::kDeputy;
    EXPECT_EQ(Decide(actor, Action::kWritePlan, Resource::OfLesson(kSchool, actor.user_id)), teaches || deputy ? A : D)
        << name;
    EXPECT_EQ(Decide(actor, Action::kWritePlan, Resource::OfLesson(kSchool, actor.user_id + 1000)), deputy ? A : D)
        << name;
    EXPECT_EQ(Decide(actor, Action::kWritePlan, Resource::OfLesson(kOtherSchool, actor.user_id)), D) << name;
  }
}

TEST(RightsTest, KeepingPersonData) {
  const PersonRef parent_of_class = Parent(kOtherParentId, kClass);
  const PersonRef parent_elsewhere = Parent(kOtherParentId, kOtherClass);
  static const struct {
    Role role;
    Decision own_class, other_class;
  } kCases[] = {
      {Role::kAdministrator, A, A}, {Role::kDirector, A, A}, {Role::kDeputy, A, A},  {Role::kSecretary, A, A},
      {Role::kClassTeacher, A, D},  {Role::kTeacher, D, D},  {Role::kStudent, D, D}, {Role::kParent, D, D},
  };
  for (const auto& c : kCases) {
    Actor actor = MakeActor(c.role);
    EXPECT_EQ(Decide(actor, Action::kKeepPersonData, Resource::OfPerson(parent_of_class, kSchool)), c.own_class)
        << ToString(c.role);
    EXPECT_EQ(Decide(actor, Action::kKeepPersonData, Resource::OfPerson(parent_elsewhere, kSchool)), c.other_class)
        << ToString(c.role);
    // A person of another school is never kept from here.
    EXPECT_EQ(Decide(actor, Action::kKeepPersonData,
                     Resource::OfPerson(Parent(kOtherParentId, kClass, kOtherSchool), kSchool)),
              D)
        << ToString(c.role);
  }
}

TEST(RightsTest, IssuingCredentialsAndFollowingActivation) {
  const PersonRef parent_of_class = Parent(kOtherParentId, kClass);
  const PersonRef parent_elsewhere = Parent(kOtherParentId, kOtherClass);
  static const struct {
    Role role;
    Decision own_class, other_class, school_activation, class_activation;
  } kCases[] = {
      {Role::kAdministrator, A, A, A, A}, {Role::kDirector, D, D, A, A},     {Role::kDeputy, D, D, A, A},
      {Role::kSecretary, D, D, D, D},     {Role::kClassTeacher, A, D, D, A}, {Role::kTeacher, D, D, D, D},
      {Role::kStudent, D, D, D, D},       {Role::kParent, D, D, D, D},
  };
  for (const auto& c : kCases) {
    Actor actor = MakeActor(c.role);
    const char* role = ToString(c.role).data();
    EXPECT_EQ(Decide(actor, Action::kIssueCredentials, Resource::OfPerson(parent_of_class, kSchool)), c.own_class)
        << role;
    EXPECT_EQ(Decide(actor, Action::kIssueCredentials, Resource::OfPerson(parent_elsewhere, kSchool)), c.other_class)
        << role;
    EXPECT_EQ(Decide(actor, Action::kIssueCredentials,
                     Resource::OfPerson(Parent(kOtherParentId, kClass, kOtherSchool), kSchool)),
              D)
        << role;
    EXPECT_EQ(Decide(actor, Action::kViewActivation, Resource::OfSchool(kSchool)), c.school_activation) << role;
    EXPECT_EQ(Decide(actor, Action::kViewActivation, Resource::OfClass(kSchool, kClass)), c.class_activation) << role;
    EXPECT_EQ(Decide(actor, Action::kViewActivation, Resource::OfClass(kOtherSchool, kClass)), D) << role;
    EXPECT_EQ(Decide(actor, Action::kIssueCredentials, {}), D) << role;
  }
}

TEST(RightsTest, OwnProfileNeedsALoggedInUser) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(Decide(MakeActor(role), Action::kViewOwnProfile, {}), Decision::kAllow);
    EXPECT_EQ(Decide(MakeActor(role), Action::kChangeOwnPassword, {}), Decision::kAllow);
  }
  EXPECT_EQ(Decide(Actor{}, Action::kViewOwnProfile, {}), Decision::kDeny);
}

TEST(RightsTest, MissingResourceIsDenied) {
  for (Role role : kAllRoles) {
    Actor actor = MakeActor(role);
    EXPECT_EQ(Decide(actor, Action::kViewPerson, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kListPeople, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kManageAccounts, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kViewSchoolCalendar, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kManageSchoolStructure, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kViewClass, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kKeepPersonData, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kViewSchoolTimetable, {}), Decision::kDeny);
    EXPECT_EQ(Decide(actor, Action::kManageTimetable, {}), Decision::kDeny);
  }
}

TEST(RolesTest, StringsRoundTrip) {
  for (Role role : kAllRoles) EXPECT_EQ(ParseRole(ToString(role)), role);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
  EXPECT_FALSE(IsStoredRole(Role::kClassTeacher));
  EXPECT_FALSE(IsStaffRole(Role::kParent));
  EXPECT_TRUE(IsStaffRole(Role::kSecretary));
}

}  // namespace
}  // namespace ej::domain
