// The journal's rules through its services, without HTTP, on both backends:
// the deadlines of a lesson's record under either late policy, the window of
// period marks, and that nothing is written into a lesson that is not held.
#include <gtest/gtest.h>

#include "domain/calendar.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/demo_school_test.h"
#include "service/journal/attendance_service.h"
#include "service/journal/journal_rules_service.h"
#include "service/journal/lesson_record_service.h"
#include "service/journal/period_mark_service.h"
#include "service/timetable/lesson_change_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using storage::Value;

class JournalServiceTest : public ej::testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    teacher_ = IdOf("teacher");
  }
  // The teacher's latest class lesson held at least `days_ago` days before
  // today (with nothing written into it, if `empty`).
  int64_t LessonDaysAgo(int days_ago, bool empty = true) {
    const std::string day = domain::FormatDate(*domain::ParseDate(clock_.Today()) - date::days{days_ago});
    auto r = conn_->QueryOne(
        "SELECT l.id FROM lessons l WHERE l.teacher_id = $1 AND l.class_id IS NOT NULL AND l.status = 'planned'"
        " AND l.retired_at IS NULL AND l.lesson_date <= $2 AND ($3 = 0 OR NOT EXISTS (SELECT 1 FROM lesson_records r"
        " WHERE r.lesson_id = l.id)) ORDER BY l.lesson_date DESC, l.lesson_number LIMIT 1",
        {Value{teacher_}, Value{day}, Value{int64_t{empty ? 1 : 0}}});
    return r ? r->Int(0) : 0;
  }
  // A column of the lesson's record as text, if it has one.
  std::optional<std::string> Record(int64_t lesson, const std::string& column) {
    auto r = conn_->QueryOne("SELECT CAST(" + column + " AS TEXT) FROM lesson_records WHERE lesson_id = $1",
                             {Value{lesson}});
    return r ? r->OptText(0) : std::nullopt;
  }
  int DaysAgo(int64_t lesson) {
    auto d = conn_->QueryOne("SELECT lesson_date FROM lessons WHERE id = $1", {Value{lesson}})->Text(0);
    return *domain::DaysBetween(d, clock_.Today());
  }
  void SetPolicy(const std::string& policy, int late_days) {
    JournalRulesService rules;
    JournalSettings s = *rules.Settings(*conn_, ActorOf("director"), school_);
    s.late_policy = policy;
    s.lesson_late_days = late_days;
    ASSERT_TRUE(rules.SaveSettings(*conn_, ActorOf("director"), school_, s).ok());
  }
  domain::Result<LessonRecord> WriteTopic(int64_t lesson, const std::string& topic) {
    LessonRecordChange c;
    c.topic = topic;
    c.expected_version =
        static_cast<int>(Record(lesson, "version").value_or("0") == "0" ? 0 : std::stoi(*Record(lesson, "version")));
    return LessonRecordService(clock_).SetRecord(*conn_, ActorOf("teacher"), lesson, c);
  }

  int64_t teacher_ = 0;
};

TEST_P(JournalServiceTest, ATopicWithinTheTermIsInTime) {
  SetPolicy("refuse", 7);
  const int64_t lesson = LessonDaysAgo(1);
  ASSERT_NE(lesson, 0);
  auto saved = WriteTopic(lesson, "Дроби");
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_FALSE(saved->topic_late);
}

TEST_P(JournalServiceTest, ALateTopicIsFlaggedOrRefusedByThePolicy) {
  const int64_t lesson = LessonDaysAgo(9, /*empty=*/false);
  ASSERT_NE(lesson, 0);
  ASSERT_GT(DaysAgo(lesson), 7);
  const auto topic_before = Record(lesson, "topic");

  SetPolicy("refuse", 7);
  auto refused = WriteTopic(lesson, "Дроби");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kDeadlinePassed);
  EXPECT_EQ(Record(lesson, "topic"), topic_before) << "a refused entry writes nothing";

  SetPolicy("flag", 7);
  auto flagged = WriteTopic(lesson, "Дроби");
  ASSERT_TRUE(flagged.ok()) << flagged.error().message;
  EXPECT_TRUE(flagged->topic_late);
  EXPECT_EQ(Record(lesson, "topic"), "Дроби");

  // A longer term makes the same day in time.
  SetPolicy("refuse", 30);
  auto later = WriteTopic(lesson, "Дроби и доли");
  ASSERT_TRUE(later.ok()) << later.error().message;
}

TEST_P(JournalServiceTest, NothingIsWrittenIntoACancelledLesson) {
  const int64_t lesson = LessonDaysAgo(1);
  ASSERT_NE(lesson, 0);
  ASSERT_TRUE(LessonChangeService(clock_).Cancel(*conn_, ActorOf("deputy"), lesson, std::string("карантин")).ok());
  auto record = WriteTopic(lesson, "Дроби");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().code, ErrorCode::kLessonNotHeld);
  const int64_t student =
      conn_
          ->QueryOne(
              "SELECT e.student_id FROM enrolments e JOIN lessons l ON l.class_id = e.class_id WHERE l.id = $1 LIMIT 1",
              {Value{lesson}})
          ->Int(0);
  auto absent = AttendanceService(clock_).MarkAttendance(*conn_, ActorOf("teacher"), lesson, student, "absent");
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::kLessonNotHeld);
}

TEST_P(JournalServiceTest, PeriodMarksOnlyInThePeriodsLastWeek) {
  // A journal of the teacher's in the period that contains today.
  auto j = conn_->QueryOne(
      "SELECT j.id, p.ends_on FROM journals j JOIN study_periods p ON p.year_id = j.year_id AND p.kind = j.period_kind"
      " AND p.number = j.period_number AND p.grade_from <= j.grade AND p.grade_to >= j.grade"
      " WHERE j.class_id IS NOT NULL AND p.starts_on <= $1 AND p.ends_on >= $1 AND EXISTS (SELECT 1 FROM lessons l"
      " WHERE l.class_id = j.class_id AND l.subject_id = j.subject_id AND l.teacher_id = $2) ORDER BY j.id LIMIT 1",
      {Value{clock_.Today()}, Value{teacher_}});
  ASSERT_TRUE(j.has_value());
  const int64_t journal = j->Int(0);
  const int64_t student = conn_
                              ->QueryOne(
                                  "SELECT e.student_id FROM enrolments e JOIN journals j ON j.class_id = e.class_id "
                                  "WHERE j.id = $1 LIMIT 1",
                                  {Value{journal}})
                              ->Int(0);
  const int to_end = *domain::DaysBetween(clock_.Today(), j->Text(1));
  ASSERT_GT(to_end, 6) << "the fixed clock is mid-period";
  auto early = PeriodMarkService(clock_).SetPeriodMark(*conn_, ActorOf("teacher"), journal, student, "period", "5",
                                                       std::nullopt);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kDeadlinePassed);

  // The period's last day: open.
  ej::testing::FixedClock last = clock_;
  last.today = j->Text(1);
  auto set = PeriodMarkService(last).SetPeriodMark(*conn_, LoadPrincipal(*conn_, teacher_, last.today)->actor, journal,
                                                   student, "period", "5", std::nullopt);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->value, "5");
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
