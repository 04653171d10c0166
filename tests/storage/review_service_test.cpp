// A compromised account through the services, on both backends: only the
// changes after the declared moment are flagged; a deputy reverts or confirms
// each, a revert waits for later changes of the same entry, and the chain of
// the journal stays intact.
#include "service/journal/review_service.h"

#include <gtest/gtest.h>

#include <ctime>

#include "demo/demo.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/journal/attendance_service.h"
#include "service/journal/journal_events.h"
#include "service/journal/lesson_record_service.h"
#include "service/journal/mark_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using storage::Value;

using ej::testing::FixedClock;

// "YYYY-MM-DDTHH:MM" of a Unix time in the local zone, as the service reads it.
std::string LocalMinute(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm local{};
  localtime_r(&tt, &local);
  char buf[17];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &local);
  return buf;
}

class ReviewServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    InitCrypto();
    conn_ = ej::testing::OpenSmallDemo(GetParam(), clock_);
    auth_ = std::make_unique<AuthService>(AuthSettings{}, clock_);
    reviews_ = std::make_unique<ReviewService>(clock_, *auth_);
    marks_ = std::make_unique<MarkService>(clock_);
    records_ = std::make_unique<LessonRecordService>(clock_);
    attendance_ = std::make_unique<AttendanceService>(clock_);
    school_ = conn_->QueryOne("SELECT id FROM schools")->Int(0);
    teacher_ = IdOf("teacher");
    // A lesson of the teacher's held before today, and two of its students.
    auto lesson = conn_->QueryOne(
        "SELECT l.id, l.class_id FROM lessons l WHERE l.teacher_id = $1 AND l.class_id IS NOT NULL"
        " AND l.status = 'planned' AND l.retired_at IS NULL AND l.lesson_date < $2"
        " ORDER BY l.lesson_date DESC, l.id LIMIT 1",
        {Value{teacher_}, Value{clock_.Today()}});
    ASSERT_TRUE(lesson.has_value());
    lesson_ = lesson->Int(0);
    auto students = conn_->Query("SELECT student_id FROM enrolments WHERE class_id = $1 ORDER BY student_id LIMIT 2",
                                 {Value{lesson->Int(1)}});
    ASSERT_EQ(students.size(), 2u);
    first_ = students[0].Int(0);
    second_ = students[1].Int(0);
  }
  int64_t IdOf(const std::string& login) {
    return conn_->QueryOne("SELECT id FROM users WHERE login = $1", {Value{login}})->Int(0);
  }
  domain::Actor ActorOf(const std::string& login) { return LoadPrincipal(*conn_, IdOf(login), clock_.Today())->actor; }
  MarkView AddMark(int64_t student, const std::string& value) {
    NewMark m;
    m.lesson_id = lesson_;
    m.student_id = student;
    m.value = value;
    m.work_type_code = "homework";
    auto r = marks_->Add(*conn_, ActorOf("teacher"), m);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->mark : MarkView{};
  }
  MarkView Correct(const MarkView& m, const std::string& value) {
    MarkCorrection c;
    c.value = value;
    c.reason = "исправление";
    c.expected_version = m.version;
    auto r = marks_->Correct(*conn_, ActorOf("teacher"), m.id, c);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : MarkView{};
  }
  std::string ValueOf(int64_t mark) {
    return conn_->QueryOne("SELECT value FROM marks WHERE id = $1", {Value{mark}})->Text(0);
  }
  // The event under review of an entity, by action.
  int64_t Flagged(const std::vector<ReviewItem>& items, const std::string& action, int64_t entity_id) {
    for (const auto& i : items) {
      if (i.action == action && i.entity_id == entity_id) return i.event_id;
    }
    ADD_FAILURE() << "no " << action << " of " << entity_id << " under review";
    return 0;
  }

  FixedClock clock_;
  std::unique_ptr<storage::Connection> conn_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<ReviewService> reviews_;
  std::unique_ptr<MarkService> marks_;
  std::unique_ptr<LessonRecordService> records_;
  std::unique_ptr<AttendanceService> attendance_;
  int64_t school_ = 0, teacher_ = 0, lesson_ = 0, first_ = 0, second_ = 0;
};

TEST_P(ReviewServiceTest, OnlyChangesAfterTheMomentAreFlaggedAndEachIsRevertedOrConfirmed) {
  const int64_t start = clock_.now;
  // Three hours before: an honest mark.
  clock_.now = start - 3 * 3600;
  const MarkView honest = AddMark(first_, "4");
  // An hour before: somebody else with the teacher's password.
  clock_.now = start - 3600;
  const MarkView planted = AddMark(second_, "2");
  const MarkView changed = Correct(Correct(honest, "2"), "3");
  LessonRecordChange record;
  record.topic = "Чужая тема";
  ASSERT_TRUE(records_->SetRecord(*conn_, ActorOf("teacher"), lesson_, record).ok());
  ASSERT_TRUE(attendance_->MarkAttendance(*conn_, ActorOf("teacher"), lesson_, first_, "absent").ok());

  clock_.now = start;
  // Not in the future, not by a deputy, not for oneself.
  EXPECT_EQ(reviews_->DeclareCompromise(*conn_, ActorOf("admin"), school_, teacher_, LocalMinute(start + 600), "x")
                .error()
                .code,
            ErrorCode::kInvalidValue);
  EXPECT_EQ(reviews_->DeclareCompromise(*conn_, ActorOf("deputy"), school_, teacher_, LocalMinute(start - 7200), "x")
                .error()
                .code,
            ErrorCode::kForbidden);
  EXPECT_EQ(reviews_->DeclareCompromise(*conn_, ActorOf("admin"), school_, teacher_, LocalMinute(start - 7200), " ")
                .error()
                .code,
            ErrorCode::kMissingField);
  auto declared = reviews_->DeclareCompromise(*conn_, ActorOf("admin"), school_, teacher_, LocalMinute(start - 7200),
                                              "Пароль видели на листке у доски");
  ASSERT_TRUE(declared.ok()) << declared.error().message;
  // The planted mark, two corrections, the topic, the absence: not the honest mark.
  EXPECT_EQ(declared->flagged, 5);
  EXPECT_EQ(conn_->QueryOne("SELECT locked FROM users WHERE id = $1", {Value{teacher_}})->Int(0), 1);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM sessions WHERE user_id = $1", {Value{teacher_}})->Int(0), 0);

  // Only the director and deputies see the list.
  for (const char* login : {"admin", "teacher", "classteacher", "secretary", "student", "parent"}) {
    EXPECT_EQ(reviews_->List(*conn_, ActorOf(login), school_, "pending").error().code, ErrorCode::kForbidden) << login;
  }
  auto pending = reviews_->List(*conn_, ActorOf("deputy"), school_, "pending");
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 5u);
  for (const auto& i : *pending) {
    EXPECT_NE(i.entity_id == honest.id && i.action == "mark.create", true) << "the honest mark is flagged";
    EXPECT_FALSE(i.place.empty()) << i.action;
    EXPECT_EQ(i.actor_id, teacher_);
  }
  const domain::Actor deputy = ActorOf("deputy");
  // The first correction can't be reverted while the second stands.
  std::vector<int64_t> corrections;
  for (const auto& i : *pending) {
    if (i.action == "mark.correct") corrections.push_back(i.event_id);
  }
  ASSERT_EQ(corrections.size(), 2u);  // newest first
  EXPECT_EQ(reviews_->Revert(*conn_, deputy, corrections[1], "подделка").error().code, ErrorCode::kLaterChanges);
  EXPECT_EQ(reviews_->Revert(*conn_, deputy, corrections[0], " ").error().code, ErrorCode::kMissingField);
  ASSERT_TRUE(reviews_->Revert(*conn_, deputy, corrections[0], "подделка").ok());
  EXPECT_EQ(ValueOf(changed.id), "2");
  ASSERT_TRUE(reviews_->Revert(*conn_, deputy, corrections[1], "подделка").ok());
  EXPECT_EQ(ValueOf(changed.id), "4");  // the honest value is back
  // The planted mark is taken back, its row kept.
  auto reverted = reviews_->Revert(*conn_, deputy, Flagged(*pending, "mark.create", planted.id), "подделка");
  ASSERT_TRUE(reverted.ok());
  EXPECT_EQ(reverted->status, "reverted");
  EXPECT_EQ(reverted->reviewed_by, deputy.user_id);
  EXPECT_FALSE(conn_->QueryOne("SELECT removed_at FROM marks WHERE id = $1", {Value{planted.id}})->IsNull(0));
  // The topic goes; the absence was real and is confirmed.
  ASSERT_TRUE(reviews_->Revert(*conn_, deputy, Flagged(*pending, "lesson.record", lesson_), "не та тема").ok());
  EXPECT_TRUE(conn_->QueryOne("SELECT topic FROM lesson_records WHERE lesson_id = $1", {Value{lesson_}})->IsNull(0));
  int64_t absence = 0;
  for (const auto& i : *pending) {
    if (i.action == "attendance.mark") absence = i.event_id;
  }
  auto confirmed = reviews_->Confirm(*conn_, ActorOf("director"), absence, "");
  ASSERT_TRUE(confirmed.ok());
  EXPECT_EQ(confirmed->status, "confirmed");
  EXPECT_EQ(reviews_->Confirm(*conn_, deputy, absence, "").error().code, ErrorCode::kAlreadyReviewed);
  EXPECT_EQ(reviews_->Revert(*conn_, deputy, absence, "передумал").error().code, ErrorCode::kAlreadyReviewed);
  EXPECT_EQ(
      conn_->QueryOne("SELECT COUNT(*) FROM attendance WHERE lesson_id = $1 AND removed_at IS NULL", {Value{lesson_}})
          ->Int(0),
      1);
  EXPECT_TRUE(reviews_->List(*conn_, deputy, school_, "pending")->empty());

  // The mark's history shows the invalid changes and their reverts.
  auto history = marks_->History(*conn_, deputy, changed.id);
  ASSERT_TRUE(history.ok());
  const auto& events = history->second;
  ASSERT_EQ(events.size(), 5u);
  EXPECT_FALSE(events[0].review.has_value());  // before the moment
  EXPECT_EQ(events[1].review, "reverted");
  EXPECT_EQ(events[3].action, "mark.revert");
  EXPECT_EQ(events[4].action, "mark.revert");
  EXPECT_TRUE(events[4].reason->find("скомпрометирована") != std::string::npos);
  // Every decision is in the chain, and the chain holds.
  auto verified = events::Verify(*conn_);
  EXPECT_FALSE(verified.broken_event_id.has_value()) << verified.problem;
  EXPECT_TRUE(verified.problem.empty()) << verified.problem;
  EXPECT_EQ(conn_
                ->QueryOne("SELECT COUNT(*) FROM journal_events WHERE action IN ('account.compromise',"
                           " 'review.confirm') OR action LIKE '%.revert'")
                ->Int(0),
            1 + 1 + 4);
}

TEST_P(ReviewServiceTest, AnotherSchoolsAdministratorOrDeputyCannotTouchIt) {
  // An actor of another school: no rights here.
  domain::Actor stranger;
  stranger.user_id = IdOf("deputy") + 100000;
  stranger.grants.push_back({domain::Role::kAdministrator, school_ + 1000, std::nullopt});
  stranger.grants.push_back({domain::Role::kDeputy, school_ + 1000, std::nullopt});
  EXPECT_EQ(
      reviews_->DeclareCompromise(*conn_, stranger, school_, teacher_, LocalMinute(clock_.now - 60), "x").error().code,
      ErrorCode::kForbidden);
  EXPECT_EQ(reviews_->List(*conn_, stranger, school_, "").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(reviews_->List(*conn_, ActorOf("deputy"), school_, "maybe").error().code, ErrorCode::kInvalidValue);
  EXPECT_EQ(reviews_->Confirm(*conn_, ActorOf("deputy"), 999999, "").error().code, ErrorCode::kNotFound);
  for (const char* bad : {"2026-11-18", "2026-11-18 07:00", "2026-13-18T07:00", "2026-11-18T25:00", ""}) {
    EXPECT_EQ(reviews_->DeclareCompromise(*conn_, ActorOf("admin"), school_, teacher_, bad, "x").error().code,
              ErrorCode::kInvalidValue)
        << bad;
  }
  EXPECT_EQ(conn_->QueryOne("SELECT locked FROM users WHERE id = $1", {Value{teacher_}})->Int(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
