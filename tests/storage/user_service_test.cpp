// People and accounts through the service, with the rights applied.
#include "service/people/user_service.h"

#include <gtest/gtest.h>

#include "demo/demo.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using storage::Value;

using ej::testing::FixedClock;

// One demo school per backend, shared by the tests of this suite (read-mostly).
class UserServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    InitCrypto();
    conn_ = ej::testing::OpenSmallDemo(GetParam(), clock_);
    auth_ = std::make_unique<AuthService>(AuthSettings{}, clock_);
    users_ = std::make_unique<UserService>(clock_, *auth_);
  }
  int64_t IdOf(const std::string& login) {
    return conn_->QueryOne("SELECT id FROM users WHERE login = $1", {Value{login}})->Int(0);
  }
  domain::Actor ActorOf(const std::string& login) { return LoadPrincipal(*conn_, IdOf(login), clock_.Today())->actor; }
  int64_t School() { return conn_->QueryOne("SELECT id FROM schools")->Int(0); }
  // A student of another class than 7Б.
  int64_t OtherStudent() {
    return conn_
        ->QueryOne(
            "SELECT e.student_id FROM enrolments e JOIN classes c ON c.id = e.class_id"
            " WHERE NOT (c.grade = 7 AND c.letter = 'Б') ORDER BY e.student_id LIMIT 1")
        ->Int(0);
  }

  FixedClock clock_;
  std::unique_ptr<storage::Connection> conn_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<UserService> users_;
};

TEST_P(UserServiceTest, WhoSeesTheStudentCard) {
  const int64_t student = IdOf("student");
  for (const char* login :
       {"admin", "director", "deputy", "secretary", "classteacher", "teacher", "parent", "student"}) {
    auto r = users_->GetPerson(*conn_, ActorOf(login), student);
    EXPECT_TRUE(r.ok()) << login;
  }
  const int64_t other = OtherStudent();
  for (const char* login : {"classteacher", "parent", "student"}) {
    auto r = users_->GetPerson(*conn_, ActorOf(login), other);
    ASSERT_FALSE(r.ok()) << login;
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << login;  // indistinguishable from absent
  }
}

TEST_P(UserServiceTest, ContactsOnlyForThoseWhoKeepTheData) {
  const int64_t parent = IdOf("parent");
  auto by_class_teacher = users_->GetPerson(*conn_, ActorOf("classteacher"), parent);
  ASSERT_TRUE(by_class_teacher.ok());
  EXPECT_TRUE(by_class_teacher->details);
  EXPECT_TRUE(by_class_teacher->email.has_value());
  auto by_self = users_->GetPerson(*conn_, ActorOf("parent"), parent);
  EXPECT_TRUE(by_self->details);
  auto by_teacher = users_->GetPerson(*conn_, ActorOf("teacher"), parent);
  EXPECT_FALSE(by_teacher.ok());  // a subject teacher does not see parents
  auto student_by_teacher = users_->GetPerson(*conn_, ActorOf("teacher"), IdOf("student"));
  ASSERT_TRUE(student_by_teacher.ok());
  EXPECT_FALSE(student_by_teacher->details);
}

TEST_P(UserServiceTest, ListingPeopleIsForTheSchoolAdministration) {
  PeopleQuery q;
  q.school_id = School();
  q.role = domain::Role::kTeacher;
  q.limit = 500;
  auto teachers = users_->ListPeople(*conn_, ActorOf("secretary"), q);
  ASSERT_TRUE(teachers.ok());
  EXPECT_EQ(teachers->size(), 60u);
  for (const char* login : {"teacher", "classteacher", "student", "parent"}) {
    EXPECT_EQ(users_->ListPeople(*conn_, ActorOf(login), q).error().code, ErrorCode::kForbidden) << login;
  }
  q.search = "%";  // LIKE wildcards are literal text
  EXPECT_TRUE(users_->ListPeople(*conn_, ActorOf("director"), q)->empty());
}

TEST_P(UserServiceTest, OnlyTheAdministratorCreatesAccounts) {
  NewAccount a{"new.teacher", "long enough 1",    "Новикова",      "Анна",
               "Сергеевна",   "anna@example.com", "учитель химии", {domain::Role::kTeacher}};
  for (const char* login : {"director", "deputy", "secretary", "teacher", "classteacher", "student", "parent"}) {
    EXPECT_EQ(users_->CreateAccount(*conn_, ActorOf(login), School(), a).error().code, ErrorCode::kForbidden) << login;
  }
  auto created = users_->CreateAccount(*conn_, ActorOf("admin"), School(), a);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->login, "new.teacher");
  EXPECT_EQ(users_->CreateAccount(*conn_, ActorOf("admin"), School(), a).error().code, ErrorCode::kLoginTaken);
  a.login = "pupil";
  a.roles = {domain::Role::kStudent};
  EXPECT_EQ(users_->CreateAccount(*conn_, ActorOf("admin"), School(), a).error().code, ErrorCode::kInvalidValue);
  a.roles = {domain::Role::kTeacher};
  a.login = "x y";
  EXPECT_EQ(users_->CreateAccount(*conn_, ActorOf("admin"), School(), a).error().code, ErrorCode::kInvalidLogin);
  a.login = "other.school";
  EXPECT_EQ(users_->CreateAccount(*conn_, ActorOf("admin"), School() + 1, a).error().code, ErrorCode::kForbidden);
}

TEST_P(UserServiceTest, LockEndsSessionsAndIsAdministratorOnly) {
  ClientInfo client{"127.0.0.1", "t"};
  auto session = auth_->Login(*conn_, "teacher", "demo", client);
  ASSERT_TRUE(session.ok());
  const int64_t teacher = IdOf("teacher");
  EXPECT_EQ(users_->SetLocked(*conn_, ActorOf("director"), School(), teacher, true).error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(users_->SetLocked(*conn_, ActorOf("admin"), School(), teacher, true).ok());
  EXPECT_EQ(auth_->FindCached(session->token).status, SessionCache::Status::kMissingOrStale);
  EXPECT_FALSE(auth_->Resolve(*conn_, session->token).ok());
  EXPECT_EQ(auth_->Login(*conn_, "teacher", "demo", client).error().code, ErrorCode::kAccountLocked);
  ASSERT_TRUE(users_->SetLocked(*conn_, ActorOf("admin"), School(), teacher, false).ok());
  EXPECT_TRUE(auth_->Login(*conn_, "teacher", "demo", client).ok());
  EXPECT_EQ(users_->SetLocked(*conn_, ActorOf("admin"), School(), IdOf("admin"), true).error().code,
            ErrorCode::kInvalidValue);
}

TEST_P(UserServiceTest, PasswordResetByTheAdministrator) {
  const int64_t teacher = IdOf("teacher");
  EXPECT_EQ(users_->ResetPassword(*conn_, ActorOf("admin"), School(), teacher, "short").error().code,
            ErrorCode::kWeakPassword);
  ASSERT_TRUE(users_->ResetPassword(*conn_, ActorOf("admin"), School(), teacher, "brand new pass").ok());
  ClientInfo client{"127.0.0.1", "t"};
  EXPECT_FALSE(auth_->Login(*conn_, "teacher", "demo", client).ok());
  EXPECT_TRUE(auth_->Login(*conn_, "teacher", "brand new pass", client).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, UserServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
