// The rules of people and their ties through the services, without HTTP, on
// both backends: a student who leaves or moves is on a class list up to the
// day before and in the new class from the move; a parent sees only their
// own children; a login that is taken is refused; slips go only to those who
// have not signed in yet.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/demo_school_test.h"
#include "service/people/auth_service.h"
#include "service/people/consent_service.h"
#include "service/people/credential_service.h"
#include "service/people/roster_service.h"
#include "service/people/user_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using storage::Value;

class PeopleServiceTest : public ej::testing::DemoSchoolTest {
 protected:
  // Whether the student is on the class list of that day, as the deputy sees it.
  bool OnList(int64_t class_id, int64_t student, const std::string& day) {
    auto roster = RosterService(clock_).Roster(*conn_, ActorOf("deputy"), class_id, day);
    EXPECT_TRUE(roster.ok()) << roster.error().message;
    if (!roster.ok()) return false;
    return std::any_of(roster->students.begin(), roster->students.end(),
                       [&](const RosterStudent& s) { return s.id == student; });
  }
  int64_t Count(const std::string& sql, int64_t id) { return conn_->QueryOne(sql, {Value{id}})->Int(0); }
};

TEST_P(PeopleServiceTest, AStudentWhoLeavesIsOnTheListUntilTheDayBefore) {
  const int64_t student = IdOf("student");
  const int64_t class_7b = ClassId(7, "Б");
  RosterService roster(clock_);
  ASSERT_TRUE(OnList(class_7b, student, "2026-12-01"));

  auto left = roster.Dismiss(*conn_, ActorOf("deputy"), student, "2026-12-15", {"15-у", "2026-12-14"},
                             std::string("Переезд в другой город"));
  ASSERT_TRUE(left.ok()) << left.error().message;
  EXPECT_EQ(left->kind, "departure");
  EXPECT_EQ(left->from_class, "7Б");
  EXPECT_FALSE(left->to_class.has_value());
  EXPECT_EQ(left->effective_on, "2026-12-15");
  EXPECT_EQ(left->note, "Переезд в другой город");

  EXPECT_TRUE(OnList(class_7b, student, "2026-12-14")) << "the last day is the day before the departure";
  EXPECT_FALSE(OnList(class_7b, student, "2026-12-15"));
  EXPECT_FALSE(OnList(class_7b, student, "2027-03-01"));
  // Nothing to move after the departure; the records stay.
  auto again = roster.Dismiss(*conn_, ActorOf("deputy"), student, "2027-01-10", {"16-у", "2027-01-09"}, std::nullopt);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_GT(Count("SELECT COUNT(*) FROM marks WHERE student_id = $1", student), 0);
}

TEST_P(PeopleServiceTest, AMovedStudentIsInTheNewClassFromTheMoveDay) {
  const int64_t student = IdOf("student");
  const int64_t from = ClassId(7, "Б");
  const int64_t to = ClassId(7, "А");
  RosterService roster(clock_);
  auto moved = roster.Transfer(*conn_, ActorOf("secretary"), student, to, "2027-01-11", {"3-у", "2027-01-10"});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->kind, "transfer");
  EXPECT_EQ(moved->from_class, "7Б");
  EXPECT_EQ(moved->to_class, "7А");

  EXPECT_TRUE(OnList(from, student, "2027-01-10"));
  EXPECT_FALSE(OnList(to, student, "2027-01-10"));
  EXPECT_FALSE(OnList(from, student, "2027-01-11"));
  EXPECT_TRUE(OnList(to, student, "2027-01-11"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments WHERE student_id = $1 AND ends_on IS NULL", student), 1)
      << "never in two classes";

  // A move on the same day or before the last one is refused; so is one to
  // the class the student is already in, or to a class of another grade's year.
  auto same_day =
      roster.Transfer(*conn_, ActorOf("secretary"), student, ClassId(7, "В"), "2027-01-11", {"4-у", "2027-01-10"});
  ASSERT_FALSE(same_day.ok());
  EXPECT_EQ(same_day.error().code, ErrorCode::kInvalidValue);
  auto earlier =
      roster.Transfer(*conn_, ActorOf("secretary"), student, ClassId(7, "В"), "2026-12-01", {"4-у", "2026-11-30"});
  ASSERT_FALSE(earlier.ok());
  EXPECT_EQ(earlier.error().code, ErrorCode::kInvalidValue);
  auto to_itself = roster.Transfer(*conn_, ActorOf("secretary"), student, to, "2027-02-01", {"5-у", "2027-01-31"});
  ASSERT_FALSE(to_itself.ok());
  EXPECT_EQ(to_itself.error().code, ErrorCode::kInvalidValue);
  // Only the administration and the secretary move students.
  auto by_teacher =
      roster.Transfer(*conn_, ActorOf("classteacher"), student, from, "2027-02-01", {"5-у", "2027-01-31"});
  ASSERT_FALSE(by_teacher.ok());
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kNotFound);

  auto list = roster.List(*conn_, ActorOf("secretary"), school_, "2027-01-01", "2027-01-31");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(std::count_if(list->begin(), list->end(), [&](const MovementView& m) { return m.student_id == student; }),
            1);
}

TEST_P(PeopleServiceTest, AnAdmittedStudentIsEnrolledFromTheAdmissionDayWithTheParents) {
  const int64_t class_5a = ClassId(5, "А");
  Admission a;
  a.last_name = "Зуев";
  a.first_name = "Мирон";
  a.middle_name = "Ильич";
  a.birth_date = "2015-04-12";
  a.class_id = class_5a;
  a.date = "2026-12-01";
  a.order = {"112-у", "2026-11-30"};
  a.parents.push_back({"Зуева", "Ольга", std::nullopt, "mother", std::string("olga@example.com"), std::nullopt});
  RosterService roster(clock_);
  EXPECT_EQ(roster.Admit(*conn_, ActorOf("teacher"), a).error().code, ErrorCode::kForbidden);
  Admission too_young = a;
  too_young.birth_date = "2023-01-01";
  EXPECT_EQ(roster.Admit(*conn_, ActorOf("secretary"), too_young).error().code, ErrorCode::kInvalidValue);
  Admission out_of_year = a;
  out_of_year.date = "2027-09-01";
  EXPECT_EQ(roster.Admit(*conn_, ActorOf("secretary"), out_of_year).error().code, ErrorCode::kInvalidValue);

  auto admitted = roster.Admit(*conn_, ActorOf("secretary"), a);
  ASSERT_TRUE(admitted.ok()) << admitted.error().message;
  EXPECT_FALSE(OnList(class_5a, *admitted, "2026-11-30"));
  EXPECT_TRUE(OnList(class_5a, *admitted, "2026-12-01"));
  auto list = roster.Roster(*conn_, ActorOf("deputy"), class_5a, "2026-12-01");
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(list->personal_data);
  auto it = std::find_if(list->students.begin(), list->students.end(),
                         [&](const RosterStudent& s) { return s.id == *admitted; });
  ASSERT_NE(it, list->students.end());
  EXPECT_EQ(it->full_name, "Зуев Мирон Ильич");
  EXPECT_EQ(it->birth_date, "2015-04-12");
  ASSERT_EQ(it->parents.size(), 1u);
  EXPECT_EQ(it->parents[0].full_name, "Зуева Ольга");
  EXPECT_EQ(it->parents[0].relation, "mother");
  EXPECT_EQ(it->parents[0].email, "olga@example.com");
  EXPECT_FALSE(it->parents[0].consent.has_value());
}

TEST_P(PeopleServiceTest, AParentSeesOnlyTheirOwnChildren) {
  const int64_t parent = IdOf("parent");
  const int64_t child = IdOf("student");
  auto principal = LoadPrincipal(*conn_, parent, clock_.Today());
  ASSERT_TRUE(principal.has_value());
  ASSERT_TRUE(std::find(principal->actor.children.begin(), principal->actor.children.end(), child) !=
              principal->actor.children.end());
  for (int64_t id : principal->actor.children) {
    EXPECT_TRUE(
        conn_->QueryOne("SELECT 1 FROM guardians WHERE student_id = $1 AND parent_id = $2", {Value{id}, Value{parent}}))
        << id;
  }
  bool child_in_7b = false;
  for (const auto& role : principal->profile.roles) {
    for (const auto& c : role.children) child_in_7b |= c.id == child && c.class_name == "7Б";
  }
  EXPECT_TRUE(child_in_7b);

  AuthService auth(AuthSettings{}, clock_);
  UserService users(clock_, auth);
  EXPECT_TRUE(users.GetPerson(*conn_, principal->actor, child).ok());
  const int64_t stranger =
      conn_
          ->QueryOne(
              "SELECT e.student_id FROM enrolments e WHERE NOT EXISTS (SELECT 1 FROM guardians g"
              " WHERE g.student_id = e.student_id AND g.parent_id = $1) ORDER BY e.student_id LIMIT 1",
              {Value{parent}})
          ->Int(0);
  auto other = users.GetPerson(*conn_, principal->actor, stranger);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);

  // Their own consents they read, another parent's not; recording is the school's.
  ConsentService consents(clock_);
  EXPECT_TRUE(consents.Get(*conn_, principal->actor, parent).ok());
  const int64_t other_parent =
      conn_->QueryOne("SELECT parent_id FROM guardians WHERE student_id = $1 LIMIT 1", {Value{stranger}})->Int(0);
  EXPECT_EQ(consents.Get(*conn_, principal->actor, other_parent).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(consents.Record(*conn_, principal->actor, parent, "withdrawn", "2026-11-01", "Заявление").error().code,
            ErrorCode::kForbidden);
}

TEST_P(PeopleServiceTest, ConsentsKeepTheirHistoryAndTheLatestCounts) {
  const int64_t parent = IdOf("parent");
  ConsentService consents(clock_);
  const auto before = consents.Get(*conn_, ActorOf("secretary"), parent);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(consents.Record(*conn_, ActorOf("secretary"), parent, "withdrawn", "2026-11-19", "Заявление").error().code,
            ErrorCode::kInvalidValue)
      << "not dated in the future";
  auto withdrawn = consents.Record(*conn_, ActorOf("secretary"), parent, "withdrawn", "2026-11-18", "Заявление № 5");
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_FALSE(withdrawn->given);
  ASSERT_EQ(withdrawn->history.size(), before->history.size() + 1);
  EXPECT_EQ(withdrawn->history.back().kind, "withdrawn");
  EXPECT_EQ(withdrawn->history.back().date, "2026-11-18");
  EXPECT_EQ(withdrawn->history.back().document, "Заявление № 5");

  // The class list shows the consent in force on its day.
  auto list = RosterService(clock_).Roster(*conn_, ActorOf("classteacher"), ClassId(7, "Б"), "2026-11-18");
  ASSERT_TRUE(list.ok());
  bool seen = false;
  for (const auto& s : list->students) {
    for (const auto& p : s.parents) {
      if (p.id != parent) continue;
      seen = true;
      EXPECT_EQ(p.consent, "withdrawn");
      EXPECT_EQ(p.consent_on, "2026-11-18");
      EXPECT_EQ(p.consent_document, "Заявление № 5");
    }
  }
  EXPECT_TRUE(seen);
}

TEST_P(PeopleServiceTest, ALoginThatIsTakenIsRefusedWhateverItsCase) {
  AuthService auth(AuthSettings{}, clock_);
  UserService users(clock_, auth);
  const int64_t people = conn_->QueryOne("SELECT COUNT(*) FROM users")->Int(0);
  NewAccount a{"Teacher",    "long enough 1", "Новикова",   "Анна",
               std::nullopt, std::nullopt,    std::nullopt, {domain::Role::kTeacher}};
  auto taken = users.CreateAccount(*conn_, ActorOf("admin"), school_, a);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kLoginTaken);
  EXPECT_EQ(conn_->QueryOne("SELECT COUNT(*) FROM users")->Int(0), people) << "nothing written";
  a.login = "Anna.Novikova";
  auto created = users.CreateAccount(*conn_, ActorOf("admin"), school_, a);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->login, "anna.novikova");
  a.login = "ANNA.NOVIKOVA";
  EXPECT_EQ(users.CreateAccount(*conn_, ActorOf("admin"), school_, a).error().code, ErrorCode::kLoginTaken);
}

TEST_P(PeopleServiceTest, ClassSlipsGoOnlyToThoseWhoHaveNotSignedIn) {
  const int64_t class_7b = ClassId(7, "Б");
  CredentialService credentials(clock_);
  CredentialRequest request;
  request.class_id = class_7b;
  request.who = CredentialRequest::Who::kStudents;
  // Only staff of the class issue its slips.
  EXPECT_FALSE(credentials.Issue(*conn_, ActorOf("teacher"), request).ok());
  const int64_t signed_in = IdOf("student");
  conn_->Query("UPDATE users SET activated_at = 1 WHERE id = $1", {Value{signed_in}});
  const std::string in_7b_today =
      " FROM enrolments e JOIN users u ON u.id = e.student_id WHERE e.class_id = $1 AND e.starts_on <= $2"
      " AND (e.ends_on IS NULL OR e.ends_on >= $2)";
  const std::vector<Value> params = {Value{class_7b}, Value{clock_.Today()}};
  const int64_t enrolled = conn_->Query("SELECT COUNT(*)" + in_7b_today, params).front().Int(0);
  const int64_t activated =
      conn_->Query("SELECT COUNT(*)" + in_7b_today + " AND u.activated_at IS NOT NULL", params).front().Int(0);
  ASSERT_GE(activated, 1);
  ASSERT_LT(activated, enrolled);

  auto batch = credentials.Issue(*conn_, ActorOf("classteacher"), request);
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  EXPECT_EQ(batch->title, "7Б: ученики");
  EXPECT_EQ(static_cast<int64_t>(batch->items.size()), enrolled - activated) << "not those who have signed in";
  for (const auto& item : batch->items) {
    EXPECT_NE(item.user_id, signed_in);
    EXPECT_NE(item.role_line.find("7Б"), std::string::npos) << item.role_line;
    EXPECT_FALSE(item.login.empty());
    EXPECT_EQ(item.expires_at, clock_.Now() + kActivationCodeLifetime);
  }
  // The class's report: the activated share, and a fresh code for each of the others.
  auto report = credentials.Report(*conn_, ActorOf("classteacher"), school_, class_7b);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->students.total, enrolled);
  EXPECT_EQ(report->students.activated, activated);
  int64_t fresh = 0;
  for (const auto& p : report->people) {
    if (p.role != "student") continue;
    if (p.activated_at) continue;
    EXPECT_EQ(p.code_issued_at, clock_.Now()) << p.user_id;
    ++fresh;
  }
  EXPECT_EQ(fresh, enrolled - activated);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
