// What /me says a user may do: the rights function asked ahead, role by role.
#include "domain/capabilities.h"

#include <gtest/gtest.h>

#include <string>

namespace ej::domain {
namespace {

constexpr int64_t kSchool = 1;
constexpr int64_t kClass = 10;

std::string Names(const std::vector<Action>& actions) {
  std::string out;
  for (Action a : actions) out += (out.empty() ? "" : " ") + std::string(ActionName(a));
  return out;
}

Actor Of(Role role) {
  Actor a;
  a.user_id = 7;
  a.grants = {{role, kSchool, std::nullopt}};
  if (role == Role::kClassTeacher) {
    a.grants = {{Role::kTeacher, kSchool, std::nullopt}, {Role::kClassTeacher, kSchool, kClass}};
  }
  if (role == Role::kStudent) a.grants = {{Role::kStudent, kSchool, kClass}};
  return a;
}

TEST(CapabilitiesTest, EachRoleInItsSchool) {
  static const struct {
    Role role;
    const char* school;
    const char* led_class;  // nullptr: leads none
  } kCases[] = {
      {Role::kAdministrator,
       "listPeople manageAccounts viewSchoolCalendar manageSchoolStructure viewClass manageRoster keepPersonData "
       "viewSchoolTimetable manageTimetable issueCredentials viewActivation viewClassRoster keepClassData "
       "readJournal manageJournalRules",
       nullptr},
      {Role::kDirector,
       "listPeople viewSchoolCalendar manageSchoolStructure viewClass manageRoster keepPersonData "
       "viewSchoolTimetable manageTimetable viewActivation viewClassRoster keepClassData excuseAbsence "
       "readJournal manageJournalRules reviewChanges",
       nullptr},
      {Role::kDeputy,
       "listPeople viewSchoolCalendar manageSchoolStructure viewClass manageRoster keepPersonData "
       "viewSchoolTimetable manageTimetable viewActivation viewClassRoster keepClassData correctPeriodMark "
       "excuseAbsence readJournal manageJournalRules reviewChanges writePlan",
       nullptr},
      {Role::kSecretary,
       "listPeople viewSchoolCalendar viewClass manageRoster keepPersonData viewSchoolTimetable viewClassRoster "
       "keepClassData",
       nullptr},
      {Role::kTeacher, "viewSchoolCalendar viewClass viewSchoolTimetable writeLesson readJournal writePlan", nullptr},
      {Role::kClassTeacher, "viewSchoolCalendar viewClass viewSchoolTimetable writeLesson readJournal writePlan",
       "viewSchoolCalendar viewClass keepPersonData viewSchoolTimetable issueCredentials viewActivation "
       "viewClassRoster keepClassData excuseAbsence readJournal"},
      {Role::kStudent, "viewSchoolCalendar", nullptr},
      {Role::kParent, "viewSchoolCalendar", nullptr},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(ToString(c.role)));
    auto caps = CapabilitiesOf(Of(c.role));
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_EQ(caps[0].school_id, kSchool);
    EXPECT_EQ(Names(caps[0].actions), c.school);
    if (c.led_class) {
      ASSERT_EQ(caps[0].classes.size(), 1u);
      EXPECT_EQ(caps[0].classes[0].class_id, kClass);
      EXPECT_EQ(Names(caps[0].classes[0].actions), c.led_class);
    } else {
      EXPECT_TRUE(caps[0].classes.empty());
    }
  }
}

TEST(CapabilitiesTest, EverySchoolOnItsOwn) {
  Actor a;
  a.user_id = 7;
  a.grants = {
      {Role::kAdministrator, 1, std::nullopt}, {Role::kTeacher, 2, std::nullopt}, {Role::kParent, 1, std::nullopt}};
  auto caps = CapabilitiesOf(a);
  ASSERT_EQ(caps.size(), 2u);
  EXPECT_EQ(caps[0].school_id, 1);
  EXPECT_NE(Names(caps[0].actions).find("manageAccounts"), std::string::npos);
  EXPECT_EQ(caps[1].school_id, 2);
  EXPECT_EQ(Names(caps[1].actions).find("manageAccounts"), std::string::npos);
  EXPECT_NE(Names(caps[1].actions).find("writeLesson"), std::string::npos);
}

TEST(CapabilitiesTest, NoRolesNothing) { EXPECT_TRUE(CapabilitiesOf(Actor{}).empty()); }

TEST(CapabilitiesTest, NamesRoundTrip) {
  for (Action a : {Action::kManageAccounts, Action::kReadJournal, Action::kWritePlan, Action::kExcuseAbsence}) {
    auto back = ParseActionName(ActionName(a));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, a);
  }
  EXPECT_FALSE(ParseActionName("dropDatabase"));
  EXPECT_EQ(ActionName(Action::kViewOwnProfile), "");
}

}  // namespace
}  // namespace ej::domain
