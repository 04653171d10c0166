// The timetable's rules through its services, without HTTP, on both
// backends: a template that would put a teacher in two places is refused
// whole; a moved lesson comes back; a substitute who is busy is refused.
#include <gtest/gtest.h>

#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/demo_school_test.h"
#include "service/timetable/conflicts.h"
#include "service/timetable/lesson_change_service.h"
#include "service/timetable/template_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using domain::LessonStatus;
using domain::LessonTarget;
using storage::Value;

class TimetableServiceTest : public ej::testing::DemoSchoolTest {
 protected:
  // A future lesson of the class (from its template), and the slot it came from.
  struct Slot {
    int64_t lesson = 0;
    int64_t class_id = 0;
    int weekday = 0;
    int number = 0;
    int64_t subject = 0;
    int64_t teacher = 0;
  };
  Slot FutureLesson(int64_t except_class = 0) {
    auto r = conn_->QueryOne(
        "SELECT l.id, l.class_id, ts.weekday, ts.lesson_number, ts.subject_id, ts.teacher_id FROM lessons l"
        " JOIN timetable_slots ts ON ts.id = l.slot_id WHERE l.class_id IS NOT NULL AND l.class_id <> $2"
        " AND l.lesson_date > $1 AND l.status = 'planned' ORDER BY l.lesson_date, l.class_id, l.lesson_number LIMIT 1",
        {Value{clock_.Today()}, Value{except_class}});
    return {r->Int(0), r->Int(1), static_cast<int>(r->Int(2)), static_cast<int>(r->Int(3)), r->Int(4), r->Int(5)};
  }
  size_t Conflicts() {
    const int64_t year =
        conn_->QueryOne("SELECT id FROM academic_years WHERE school_id = $1", {Value{school_id()}})->Int(0);
    auto lessons = timetable::PlacedLessons(*conn_, school_, "2026-09-01", "2027-08-31");
    return domain::FindConflicts(lessons, {}, timetable::SchoolRosters(*conn_, school_, year), 5).size();
  }
  int64_t school_id() const { return school_; }
  std::string Status(int64_t lesson) {
    return conn_->QueryOne("SELECT status FROM lessons WHERE id = $1", {Value{lesson}})->Text(0);
  }
};

TEST_P(TimetableServiceTest, ATemplateThatClashesIsRefusedWhole) {
  const Slot a = FutureLesson();
  const Slot b = FutureLesson(a.class_id);
  // Class B's week gets a lesson with A's teacher at A's time, beside one that is fine.
  TemplateService templates(clock_);
  auto current = templates.GetTemplate(*conn_, ActorOf("deputy"), LessonTarget::Class(b.class_id), std::nullopt);
  ASSERT_TRUE(current.ok());
  TemplateChange change{LessonTarget::Class(b.class_id), clock_.Today(), {}};
  for (const auto& s : current->slots) {
    if (s.weekday == a.weekday && s.lesson_number == a.number) continue;
    change.slots.push_back({s.weekday, s.lesson_number, s.subject.id, s.teacher.id, std::nullopt});
  }
  change.slots.push_back({a.weekday, a.number, a.subject, a.teacher, std::nullopt});
  const auto before = conn_->QueryOne("SELECT COUNT(*) FROM lessons")->Int(0);
  auto saved = templates.SetTemplate(*conn_, ActorOf("deputy"), change);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().code, ErrorCode::kTimetableConflict);
  EXPECT_NE(saved.error().message.find("в это время"), std::string::npos) << saved.error().message;
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM lessons")->Int(0), before) << "nothing written";
  EXPECT_EQ(Conflicts(), 0u);
}

TEST_P(TimetableServiceTest, AMovedLessonComesBack) {
  const Slot a = FutureLesson();
  LessonChangeService changes(clock_);
  auto date = conn_->QueryOne("SELECT lesson_date FROM lessons WHERE id = $1", {Value{a.lesson}})->Text(0);
  // The same day, after the class's last lesson.
  const int64_t last = conn_
                           ->QueryOne("SELECT MAX(lesson_number) FROM lessons WHERE class_id = $1 AND lesson_date = $2",
                                      {Value{a.class_id}, Value{date}})
                           ->Int(0);
  auto moved = changes.Move(*conn_, ActorOf("deputy"), a.lesson, date, static_cast<int>(last + 1), std::nullopt,
                            std::string("экскурсия"));
  if (!moved.ok()) {
    // The teacher may be busy then: that is the conflict rule, not a failure of the move.
    ASSERT_EQ(moved.error().code, ErrorCode::kTimetableConflict) << moved.error().message;
    GTEST_SKIP() << moved.error().message;
  }
  EXPECT_EQ(moved->lesson.status, LessonStatus::kMoved);
  ASSERT_TRUE(moved->lesson.moved_to.has_value());
  EXPECT_EQ(Status(moved->lesson.moved_to->id), "planned");
  EXPECT_EQ(Conflicts(), 0u);

  auto back = changes.Restore(*conn_, ActorOf("deputy"), a.lesson, std::string("отменили"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->lesson.status, LessonStatus::kPlanned);
  EXPECT_FALSE(conn_->QueryOne("SELECT 1 FROM lessons WHERE id = $1 AND retired_at IS NULL",
                               {Value{moved->lesson.moved_to->id}}))
      << "the lesson at the new place is retired";
  EXPECT_EQ(back->changes.size(), 2u) << "the move and the restore are both kept";
}

TEST_P(TimetableServiceTest, ABusySubstituteIsRefused) {
  const Slot a = FutureLesson();
  // A teacher who teaches another class at the same time.
  auto busy = conn_->QueryOne(
      "SELECT o.teacher_id FROM lessons l JOIN lessons o ON o.lesson_date = l.lesson_date"
      " AND o.lesson_number = l.lesson_number AND o.id <> l.id AND o.school_id = l.school_id"
      " WHERE l.id = $1 AND o.status = 'planned' AND o.retired_at IS NULL AND o.teacher_id <> l.teacher_id LIMIT 1",
      {Value{a.lesson}});
  ASSERT_TRUE(busy.has_value());
  auto refused = LessonChangeService(clock_).Substitute(*conn_, ActorOf("deputy"), a.lesson, busy->Int(0), std::nullopt,
                                                        std::string("болезнь"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kTimetableConflict);
  EXPECT_EQ(Status(a.lesson), "planned");
  // A teacher only the administration may change: a teacher may not.
  auto forbidden = LessonChangeService(clock_).Cancel(*conn_, ActorOf("teacher"), a.lesson, std::nullopt);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, TimetableServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
