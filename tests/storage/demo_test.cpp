// The demo school: size, realism and the fixed logins, on both backends.
#include "demo/demo.h"

#include <gtest/gtest.h>

#include <map>

#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/journal/journal_events.h"
#include "service/people/auth_service.h"
#include "service/school/calendar_service.h"
#include "service/school/setup_service.h"
#include "service/timetable/conflicts.h"
#include "service/timetable/timetable_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using storage::Value;

using ej::testing::FixedClock;

class DemoTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
  // The demo is generated once per backend; each test gets a copy.
  void SetUp() override {
    static std::map<std::string, DemoStats> stats;
    conn_ = ej::testing::OpenFreshDatabaseFrom(GetParam(), "demo", [&](storage::Connection& conn) {
      stats[GetParam()] = GenerateDemo(conn, clock_, DemoSize{});
    });
    stats_ = stats.at(GetParam());
  }
  int64_t Count(const std::string& sql) { return conn_->QueryOne(sql)->Int(0); }
  int64_t IdOf(const std::string& login) {
    return conn_->QueryOne("SELECT id FROM users WHERE login = $1", {Value{login}})->Int(0);
  }

  FixedClock clock_;
  std::unique_ptr<storage::Connection> conn_;
  DemoStats stats_;
};

TEST_P(DemoTest, ASchoolOfRealisticSize) {
  EXPECT_EQ(stats_.schools, 1);
  EXPECT_EQ(stats_.students, 800);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_roles WHERE role = 'student'"), 800);
  EXPECT_GE(stats_.classes, 30);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_roles WHERE role = 'teacher'"), 60);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_roles WHERE role = 'deputy'"), 2);
  // One or two parents for every student.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM (SELECT s.user_id FROM user_roles s LEFT JOIN guardians g"
                  " ON g.student_id = s.user_id WHERE s.role = 'student' GROUP BY s.user_id"
                  " HAVING COUNT(g.id) NOT IN (1, 2)) x"),
            0);
  EXPECT_TRUE(HoldsData(*conn_));
  // Every class has a class teacher; every student exactly one class.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM classes WHERE class_teacher_id IS NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM (SELECT student_id FROM enrolments GROUP BY student_id"
                  " HAVING COUNT(*) <> 1) x"),
            0);
  // Everyone has a unique login and the same demo password hash.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE login IS NULL OR password_hash IS NULL"), 0);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT password_hash) FROM users"), 1);
}

TEST_P(DemoTest, TheAcademicYearContainsToday) {
  auto y = conn_->QueryOne("SELECT starts_on, ends_on FROM academic_years");
  EXPECT_EQ(y->Text(0), "2026-09-01");
  EXPECT_EQ(y->Text(1), "2027-08-31");
  auto year = calendar::Load(*conn_, conn_->QueryOne("SELECT id FROM academic_years")->Int(0), clock_.Today());
  ASSERT_TRUE(year.has_value());
  EXPECT_TRUE(year->current);
  EXPECT_EQ(year->calendar.periods.size(), 6u);
  auto problems = domain::CheckCalendar(year->calendar);
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(AcademicYearStart("2027-03-15"), 2026);
  EXPECT_EQ(AcademicYearStart("2026-09-01"), 2026);
  EXPECT_EQ(AcademicYearStart("2026-08-31"), 2025);
}

TEST_P(DemoTest, FixedLoginsHaveTheRelationsTheReadmePromises) {
  for (const char* login :
       {"admin", "director", "deputy", "teacher", "classteacher", "student", "parent", "secretary"}) {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE login = '" + std::string(login) + "'"), 1) << login;
  }
  const std::string today = clock_.Today();
  auto student = LoadPrincipal(*conn_, IdOf("student"), today);
  auto parent = LoadPrincipal(*conn_, IdOf("parent"), today);
  auto class_teacher = LoadPrincipal(*conn_, IdOf("classteacher"), today);
  auto teacher = LoadPrincipal(*conn_, IdOf("teacher"), today);
  ASSERT_TRUE(student && parent && class_teacher && teacher);

  const auto& student_role = student->profile.roles.at(0);
  ASSERT_TRUE(student_role.class_id.has_value());
  EXPECT_EQ(student_role.class_name, "7Б");
  // parent is a parent of student.
  EXPECT_NE(std::find(parent->actor.children.begin(), parent->actor.children.end(), student->profile.id),
            parent->actor.children.end());
  // classteacher leads student's class and teaches a subject in it.
  bool leads = false;
  for (const auto& g : class_teacher->actor.grants) {
    leads = leads || (g.role == domain::Role::kClassTeacher && g.class_id == student_role.class_id);
  }
  EXPECT_TRUE(leads);
  auto teaches = [&](const Principal& p) {
    std::set<int64_t> subjects;
    for (const auto& t : p.actor.teaching) {
      if (t.class_id == *student_role.class_id) subjects.insert(t.subject_id);
    }
    return subjects;
  };
  auto ct_subjects = teaches(*class_teacher);
  auto t_subjects = teaches(*teacher);
  EXPECT_FALSE(ct_subjects.empty());
  EXPECT_FALSE(t_subjects.empty());
  for (int64_t s : t_subjects) EXPECT_FALSE(ct_subjects.contains(s)) << "teacher teaches another subject";
}

TEST_P(DemoTest, SameSeedSameSchool) {
  auto first = conn_->Query("SELECT login, last_name, first_name, middle_name FROM users ORDER BY id");
  conn_.reset();  // its database gives way to the next one
  auto again = ej::testing::OpenFreshDatabase(GetParam());
  DemoSize people_only;
  people_only.journal = false;
  GenerateDemo(*again, clock_, people_only);
  auto second = again->Query("SELECT login, last_name, first_name, middle_name FROM users ORDER BY id");
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    for (size_t c = 0; c < 3; ++c) ASSERT_EQ(first[i].Text(c), second[i].Text(c)) << i;
  }
}

// The journal up to yesterday, as teachers would have kept it: marks with a
// realistic spread, none in grade 1 or for an absent student, nothing dated
// from today on, the demo teacher's last week left to fill, and a history
// whose chain holds.
TEST_P(DemoTest, AQuarterOfTheJournalUpToYesterday) {
  EXPECT_GT(stats_.marks, 20000);
  EXPECT_GT(stats_.records, 5000);
  EXPECT_GT(stats_.absences, 1000);
  EXPECT_GT(stats_.period_marks, 1000);  // the first quarter is over on 18 November
  const std::string today = clock_.Today();
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN classes c ON c.id = l.class_id"
            " WHERE c.grade = 1"),
      0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM marks m JOIN attendance a ON a.lesson_id = m.lesson_id"
                  " AND a.student_id = m.student_id WHERE a.kind = 'absent'"),
            0);
  EXPECT_EQ(conn_
                ->QueryOne("SELECT COUNT(*) FROM lesson_records r JOIN lessons l ON l.id = r.lesson_id"
                           " WHERE l.lesson_date >= $1",
                           {Value{today}})
                ->Int(0),
            0);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM journal_events WHERE occurred_at > $1", {Value{clock_.now}})->Int(0),
            0);
  EXPECT_EQ(conn_
                ->QueryOne("SELECT COUNT(*) FROM lesson_records r JOIN lessons l ON l.id = r.lesson_id"
                           " WHERE l.teacher_id = $1 AND l.lesson_date >= $2",
                           {Value{IdOf("teacher")}, Value{std::string("2026-11-11")}})
                ->Int(0),
            0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM lesson_records WHERE topic_late = 1"), 0);
  // Mostly fours and fives, some threes, few twos.
  const double all = static_cast<double>(Count("SELECT COUNT(*) FROM marks WHERE value IN ('2', '3', '4', '5')"));
  const double twos = static_cast<double>(Count("SELECT COUNT(*) FROM marks WHERE value = '2'")) / all;
  const double fours = static_cast<double>(Count("SELECT COUNT(*) FROM marks WHERE value = '4'")) / all;
  EXPECT_GT(twos, 0.01);
  EXPECT_LT(twos, 0.10);
  EXPECT_GT(fours, 0.30);
  // ОРКСЭ is pass/fail.
  EXPECT_GT(Count("SELECT COUNT(*) FROM marks WHERE value IN ('зач', 'незач')"), 0);
  const auto verified = events::Verify(*conn_);
  EXPECT_TRUE(verified.problem.empty()) << verified.problem;
  EXPECT_EQ(verified.events, Count("SELECT COUNT(*) FROM journal_events"));
  EXPECT_GT(verified.events, stats_.marks);
}

// The demo week is a real timetable: every weekly lesson placed, nobody in
// two places at once across the whole year, language subgroups in pairs.
TEST_P(DemoTest, AConflictFreeTimetableForTheWholeYear) {
  EXPECT_EQ(stats_.unplaced_lessons, 0);
  EXPECT_GT(stats_.lessons, 25000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM study_groups WHERE kind = 'subgroup'"), 2 * 28);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM study_groups WHERE kind IN ('learning', 'after_school')"), 2);
  const int64_t school = Count("SELECT id FROM schools");
  const int64_t year = Count("SELECT id FROM academic_years");
  auto lessons = timetable::PlacedLessons(*conn_, school, "2026-09-01", "2027-08-31");
  ASSERT_EQ(static_cast<int>(lessons.size()), stats_.lessons);
  auto conflicts = domain::FindConflicts(lessons, {}, timetable::SchoolRosters(*conn_, school, year), 5);
  EXPECT_TRUE(conflicts.empty()) << "first clash: lesson " << lessons[conflicts.front().planned].id << " and "
                                 << lessons[conflicts.front().other].id;
  // Each class: the weekly hours of its curriculum (subgroups count once).
  const int64_t mismatched = Count(
      "SELECT COUNT(*) FROM curriculum cu WHERE cu.half_hours_per_week <> 2 * ("
      " SELECT COUNT(*) FROM timetable_slots ts WHERE ts.subject_id = cu.subject_id AND (ts.class_id = cu.class_id"
      "  OR ts.group_id = (SELECT MIN(g.id) FROM study_groups g WHERE g.class_id = cu.class_id"
      "   AND g.subject_id = cu.subject_id AND g.kind = 'subgroup')))");
  EXPECT_EQ(mismatched, 0);
  // No vacation day has lessons: none on 1 January.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM lessons WHERE lesson_date = '2027-01-01'"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
