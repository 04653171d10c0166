// The rules of the school's structure through its services, without HTTP, on
// both backends: group members change from a day on and the past stays; a
// subgroup takes only its class and an individual plan one student; a class
// is not made twice nor given a class teacher who leads another; a broken
// curriculum changes nothing and a good one changes the teacher's load; years
// do not overlap; a room's name is unique.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/demo_school_test.h"
#include "service/school/calendar_service.h"
#include "service/school/class_service.h"
#include "service/school/curriculum_service.h"
#include "service/school/facility_service.h"
#include "service/school/group_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using domain::GroupKind;
using storage::Value;

class SchoolServiceTest : public ej::testing::DemoSchoolTest {
 protected:
  std::vector<int64_t> StudentsOf(int64_t class_id) {
    std::vector<int64_t> out;
    for (const auto& r : conn_->Query("SELECT student_id FROM enrolments WHERE class_id = $1 AND ends_on IS NULL"
                                      " ORDER BY student_id",
                                      {Value{class_id}})) {
      out.push_back(r.Int(0));
    }
    return out;
  }
  static std::vector<int64_t> Ids(const GroupView& g) {
    std::vector<int64_t> out;
    for (const auto& m : g.members) out.push_back(m.student_id);
    std::sort(out.begin(), out.end());
    return out;
  }
  int64_t Count(const std::string& table) { return conn_->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0); }
};

TEST_P(SchoolServiceTest, GroupMembersChangeFromTheDayOnAndThePastStays) {
  const int64_t class_7b = ClassId(7, "Б");
  GroupService groups(clock_);
  auto listed = groups.ListGroups(*conn_, ActorOf("teacher"), school_, class_7b, std::nullopt);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  auto subgroup = std::find_if(listed->begin(), listed->end(), [&](const GroupView& g) {
    return g.kind == GroupKind::kSubgroup && g.class_id == class_7b && g.members_count > 1;
  });
  ASSERT_NE(subgroup, listed->end());
  EXPECT_EQ(subgroup->class_name, "7Б");
  auto before = groups.GetGroup(*conn_, ActorOf("teacher"), subgroup->id, std::nullopt);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(static_cast<int64_t>(before->members.size()), subgroup->members_count);
  const std::vector<int64_t> old_members = Ids(*before);
  for (const auto& m : before->members) EXPECT_EQ(m.class_name, "7Б");

  // One member leaves; a classmate from outside the subgroup comes.
  int64_t newcomer = 0;
  for (int64_t s : StudentsOf(class_7b)) {
    if (!std::binary_search(old_members.begin(), old_members.end(), s)) newcomer = s;
  }
  ASSERT_NE(newcomer, 0);
  std::vector<int64_t> wanted(old_members.begin() + 1, old_members.end());
  wanted.push_back(newcomer);
  std::sort(wanted.begin(), wanted.end());
  // Only the administration sets them.
  EXPECT_EQ(groups.SetMembers(*conn_, ActorOf("teacher"), subgroup->id, "2026-12-01", wanted).error().code,
            ErrorCode::kForbidden);
  auto set = groups.SetMembers(*conn_, ActorOf("deputy"), subgroup->id, "2026-12-01", wanted);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(Ids(*set), wanted);

  auto on_the_eve = groups.GetGroup(*conn_, ActorOf("deputy"), subgroup->id, std::string("2026-11-30"));
  ASSERT_TRUE(on_the_eve.ok());
  EXPECT_EQ(Ids(*on_the_eve), old_members) << "the past stays as it was";
  auto from_then = groups.GetGroup(*conn_, ActorOf("deputy"), subgroup->id, std::string("2026-12-01"));
  ASSERT_TRUE(from_then.ok());
  EXPECT_EQ(Ids(*from_then), wanted);
  EXPECT_EQ(from_then->members_count, static_cast<int64_t>(wanted.size()));
  EXPECT_EQ(conn_
                ->QueryOne("SELECT ends_on FROM group_members WHERE group_id = $1 AND student_id = $2",
                           {Value{subgroup->id}, Value{old_members.front()}})
                ->Text(0)
                .substr(0, 10),
            "2026-11-30");

  // A subgroup divides its class: a student of 7А is refused, and so is one named twice.
  auto other_class = wanted;
  other_class.push_back(StudentsOf(ClassId(7, "А")).front());
  auto refused = groups.SetMembers(*conn_, ActorOf("deputy"), subgroup->id, "2026-12-02", other_class);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidValue);
  EXPECT_NE(refused.error().message.find("7А"), std::string::npos) << refused.error().message;
  auto twice = wanted;
  twice.push_back(wanted.front());
  EXPECT_EQ(groups.SetMembers(*conn_, ActorOf("deputy"), subgroup->id, "2026-12-02", twice).error().code,
            ErrorCode::kInvalidValue);
  auto still = groups.GetGroup(*conn_, ActorOf("deputy"), subgroup->id, std::string("2026-12-02"));
  EXPECT_EQ(Ids(*still), wanted) << "a refused change writes nothing";
}

TEST_P(SchoolServiceTest, AGroupIsMadeWithWhatItsKindNeedsAndAnIndividualPlanIsForOne) {
  GroupService groups(clock_);
  const int64_t subject =
      conn_->QueryOne("SELECT id FROM subjects WHERE school_id = $1 ORDER BY id LIMIT 1", {Value{school_}})->Int(0);
  NewGroup g;
  g.kind = GroupKind::kSubgroup;
  g.name = "Подгруппа без класса";
  g.subject_id = subject;
  EXPECT_EQ(groups.CreateGroup(*conn_, ActorOf("deputy"), school_, g).error().code, ErrorCode::kMissingField);
  g.kind = GroupKind::kIndividual;
  g.name = "ИУП: математика";
  g.subject_id.reset();
  EXPECT_EQ(groups.CreateGroup(*conn_, ActorOf("deputy"), school_, g).error().code, ErrorCode::kMissingField);
  g.subject_id = subject;
  g.teacher_id = IdOf("student");
  EXPECT_EQ(groups.CreateGroup(*conn_, ActorOf("deputy"), school_, g).error().code, ErrorCode::kInvalidValue)
      << "a teacher of the school leads it";
  g.teacher_id = IdOf("teacher");
  g.half_hours_per_week = 2;
  EXPECT_EQ(groups.CreateGroup(*conn_, ActorOf("teacher"), school_, g).error().code, ErrorCode::kForbidden);
  auto created = groups.CreateGroup(*conn_, ActorOf("deputy"), school_, g);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->kind, GroupKind::kIndividual);
  EXPECT_EQ(created->teacher_id, IdOf("teacher"));
  EXPECT_EQ(created->half_hours_per_week, 2);
  EXPECT_EQ(created->members_count, 0);
  EXPECT_EQ(groups.CreateGroup(*conn_, ActorOf("deputy"), school_, g).error().code, ErrorCode::kConflict)
      << "the same name in the year";

  const auto students = StudentsOf(ClassId(9, "А"));
  ASSERT_GE(students.size(), 2u);
  auto two = groups.SetMembers(*conn_, ActorOf("deputy"), created->id, "2026-12-01", {students[0], students[1]});
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::kInvalidValue);
  auto one = groups.SetMembers(*conn_, ActorOf("deputy"), created->id, "2026-12-01", {students[0]});
  ASSERT_TRUE(one.ok()) << one.error().message;
  ASSERT_EQ(one->members.size(), 1u);
  EXPECT_EQ(one->members[0].class_name, "9А");
  EXPECT_EQ(one->members[0].starts_on.substr(0, 10), "2026-12-01");
  // The load of its teacher counts the group's own hours.
  auto load = CurriculumService(clock_).GetTeacherLoad(*conn_, ActorOf("deputy"), school_, IdOf("teacher"));
  ASSERT_TRUE(load.ok());
  EXPECT_TRUE(std::any_of(load->lines.begin(), load->lines.end(), [&](const LoadLine& l) {
    return l.group_id == created->id && l.half_hours_per_week == 2 && l.group_name == "ИУП: математика";
  }));
}

TEST_P(SchoolServiceTest, AClassIsNotMadeTwiceNorLedByTheTeacherOfAnother) {
  ClassService classes(clock_);
  const int64_t classes_before = Count("classes");
  NewClass c{std::nullopt, 7, "Б", std::nullopt, 1};
  EXPECT_EQ(classes.CreateClass(*conn_, ActorOf("deputy"), school_, c).error().code, ErrorCode::kConflict);
  c.letter = "Г";
  c.class_teacher_id = IdOf("classteacher");  // leads 7Б
  auto led = classes.CreateClass(*conn_, ActorOf("deputy"), school_, c);
  ASSERT_FALSE(led.ok());
  EXPECT_EQ(led.error().code, ErrorCode::kInvalidValue);
  EXPECT_NE(led.error().message.find("7Б"), std::string::npos) << led.error().message;
  // A teacher of the school who leads no class.
  const int64_t free_teacher =
      conn_
          ->QueryOne(
              "SELECT r.user_id FROM user_roles r WHERE r.school_id = $1 AND r.role = 'teacher'"
              " AND NOT EXISTS (SELECT 1 FROM classes c WHERE c.class_teacher_id = r.user_id)"
              " ORDER BY r.user_id LIMIT 1",
              {Value{school_}})
          ->Int(0);
  c.class_teacher_id = free_teacher;
  EXPECT_EQ(classes.CreateClass(*conn_, ActorOf("teacher"), school_, c).error().code, ErrorCode::kForbidden);
  c.grade = 12;
  EXPECT_EQ(classes.CreateClass(*conn_, ActorOf("deputy"), school_, c).error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(Count("classes"), classes_before) << "refused classes write nothing";

  c.grade = 7;
  auto made = classes.CreateClass(*conn_, ActorOf("deputy"), school_, c);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->name, "7Г");
  EXPECT_EQ(made->students, 0);
  EXPECT_EQ(made->class_teacher_id, free_teacher);
  EXPECT_FALSE(made->class_teacher_name.value_or("").empty());
  // The class with a timetable keeps its shift; the new one may change it.
  ClassChange shift;
  shift.shift = 2;
  auto with_timetable = classes.UpdateClass(*conn_, ActorOf("deputy"), ClassId(7, "Б"), shift);
  ASSERT_FALSE(with_timetable.ok());
  EXPECT_EQ(with_timetable.error().code, ErrorCode::kInvalidValue);
  auto moved = classes.UpdateClass(*conn_, ActorOf("deputy"), made->id, shift);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->shift, 2);

  auto listed = classes.ListClasses(*conn_, ActorOf("deputy"), school_, std::nullopt);
  ASSERT_TRUE(listed.ok());
  auto it = std::find_if(listed->begin(), listed->end(), [&](const ClassView& v) { return v.name == "7Б"; });
  ASSERT_NE(it, listed->end());
  EXPECT_EQ(it->students, static_cast<int64_t>(StudentsOf(it->id).size()));
  EXPECT_EQ(it->class_teacher_id, IdOf("classteacher"));
  // A parent sees only their children's classes.
  auto of_parent = classes.ListClasses(*conn_, ActorOf("parent"), school_, std::nullopt);
  ASSERT_TRUE(of_parent.ok());
  ASSERT_FALSE(of_parent->empty());
  EXPECT_LT(of_parent->size(), listed->size());
  EXPECT_TRUE(std::any_of(of_parent->begin(), of_parent->end(), [](const ClassView& v) { return v.name == "7Б"; }));
}

TEST_P(SchoolServiceTest, ABrokenCurriculumChangesNothingAndAGoodOneChangesTheLoad) {
  CurriculumService curriculum(clock_);
  const int64_t class_7b = ClassId(7, "Б");
  const int64_t teacher = IdOf("teacher");
  auto before = curriculum.GetClassCurriculum(*conn_, ActorOf("teacher"), class_7b);
  ASSERT_TRUE(before.ok()) << before.error().message;
  ASSERT_FALSE(before->empty());
  auto load_before = curriculum.GetTeacherLoad(*conn_, ActorOf("deputy"), school_, teacher);
  ASSERT_TRUE(load_before.ok());

  std::vector<domain::CurriculumLine> lines;
  size_t taught = before->size();
  for (size_t i = 0; i < before->size(); ++i) {
    const auto& l = (*before)[i];
    domain::CurriculumLine line{l.subject.id, l.half_hours_per_week, {}};
    for (const auto& t : l.teachers) {
      line.teacher_ids.push_back(t.id);
      if (t.id == teacher) taught = i;
    }
    lines.push_back(line);
  }
  ASSERT_LT(taught, lines.size()) << "the demo teacher teaches in 7Б";
  ASSERT_GT(lines[taught].half_hours_per_week, 2);

  auto broken = lines;
  broken.push_back({999999, 2, {}});
  auto refused = curriculum.SetClassCurriculum(*conn_, ActorOf("deputy"), class_7b, broken);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidCurriculum);
  EXPECT_NE(refused.error().message.find("7Б: предмет 999999"), std::string::npos) << refused.error().message;
  EXPECT_EQ(curriculum.SetClassCurriculum(*conn_, ActorOf("teacher"), class_7b, lines).error().code,
            ErrorCode::kForbidden);
  auto unchanged = curriculum.GetClassCurriculum(*conn_, ActorOf("deputy"), class_7b);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->size(), before->size());

  lines[taught].half_hours_per_week -= 2;  // an hour a week less
  auto saved = curriculum.SetClassCurriculum(*conn_, ActorOf("deputy"), class_7b, lines);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ((*saved)[taught].half_hours_per_week, lines[taught].half_hours_per_week);
  EXPECT_EQ((*saved)[taught].subject.id, lines[taught].subject_id);
  auto load_after = curriculum.GetTeacherLoad(*conn_, ActorOf("deputy"), school_, teacher);
  ASSERT_TRUE(load_after.ok());
  EXPECT_EQ(load_after->total_half_hours, load_before->total_half_hours - 2);
  int sum = 0;
  for (const auto& l : load_after->lines) sum += l.half_hours_per_week;
  EXPECT_EQ(sum, load_after->total_half_hours);
  // A student may not look at a teacher's load.
  EXPECT_EQ(curriculum.GetTeacherLoad(*conn_, ActorOf("student"), school_, teacher).error().code, ErrorCode::kNotFound);
}

TEST_P(SchoolServiceTest, YearsDoNotOverlapAndTheCalendarIsEverybodys) {
  CalendarService calendar(clock_);
  auto years = calendar.ListYears(*conn_, ActorOf("student"), school_);
  ASSERT_TRUE(years.ok());
  ASSERT_EQ(years->size(), 1u);
  const YearView& current = years->front();
  EXPECT_TRUE(current.current);
  EXPECT_EQ(domain::FormatDate(current.calendar.starts_on), "2026-09-01");
  EXPECT_FALSE(current.calendar.periods.empty());
  EXPECT_FALSE(current.calendar.holidays.empty());

  auto overlapping =
      calendar.CreateYear(*conn_, ActorOf("deputy"), school_, {"2027/2028", "2027-06-01", "2028-05-31", 5});
  ASSERT_FALSE(overlapping.ok());
  EXPECT_EQ(overlapping.error().code, ErrorCode::kInvalidCalendar);
  EXPECT_EQ(calendar.CreateYear(*conn_, ActorOf("teacher"), school_, {"2027/2028", "2027-09-01", "2028-08-31", 5})
                .error()
                .code,
            ErrorCode::kForbidden);
  auto next = calendar.CreateYear(*conn_, ActorOf("deputy"), school_, {"2027/2028", "2027-09-01", "2028-08-31", 6});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_FALSE(next->current);
  EXPECT_EQ(next->calendar.working_days, 6);
  auto got = calendar.GetYear(*conn_, ActorOf("parent"), next->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "2027/2028");
  EXPECT_EQ(domain::FormatDate(got->calendar.ends_on), "2028-08-31");
  EXPECT_EQ(calendar.ListYears(*conn_, ActorOf("teacher"), school_)->size(), 2u);
}

TEST_P(SchoolServiceTest, ARoomsNameIsUniqueInTheSchool) {
  FacilityService facilities(clock_);
  auto rooms = facilities.ListRooms(*conn_, ActorOf("teacher"), school_);
  ASSERT_TRUE(rooms.ok());
  ASSERT_FALSE(rooms->empty());
  const size_t before = rooms->size();
  NewRoom taken{rooms->front().name, 30, std::nullopt};
  auto refused = facilities.CreateRoom(*conn_, ActorOf("deputy"), school_, taken);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidValue);
  NewRoom lab{"Лаборатория робототехники", 16, std::string("3 этаж")};
  EXPECT_EQ(facilities.CreateRoom(*conn_, ActorOf("teacher"), school_, lab).error().code, ErrorCode::kForbidden);
  lab.capacity = 0;
  EXPECT_EQ(facilities.CreateRoom(*conn_, ActorOf("deputy"), school_, lab).error().code, ErrorCode::kInvalidValue);
  lab.capacity = 16;
  auto made = facilities.CreateRoom(*conn_, ActorOf("deputy"), school_, lab);
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto after = facilities.ListRooms(*conn_, ActorOf("teacher"), school_);
  ASSERT_EQ(after->size(), before + 1);
  auto it = std::find_if(after->begin(), after->end(), [&](const RoomView& r) { return r.id == made->id; });
  ASSERT_NE(it, after->end());
  EXPECT_EQ(it->name, "Лаборатория робототехники");
  EXPECT_EQ(it->capacity, 16);
  EXPECT_EQ(it->note, "3 этаж");
}

INSTANTIATE_TEST_SUITE_P(Backends, SchoolServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
