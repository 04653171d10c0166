// The fixture of the service suites: a fresh copy of the small demo school on
// each backend (the test's parameter), its school, and its users by login.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "domain/roles.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "storage/database.h"
#include "support/test_database.h"

namespace ej::testing {

class DemoSchoolTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    service::InitCrypto();
    conn_ = OpenSmallDemo(GetParam(), clock_);
    school_ = conn_->QueryOne("SELECT id FROM schools ORDER BY id")->Int(0);
  }
  int64_t IdOf(const std::string& login) {
    return conn_->QueryOne("SELECT id FROM users WHERE login = $1", {storage::Value{login}})->Int(0);
  }
  // The demo user as the services see them today.
  domain::Actor ActorOf(const std::string& login) {
    return service::LoadPrincipal(*conn_, IdOf(login), clock_.Today())->actor;
  }
  // The demo school's class of the current year, «7Б» as (7, "Б").
  int64_t ClassId(int grade, const std::string& letter) {
    return conn_
        ->QueryOne(
            "SELECT c.id FROM classes c JOIN academic_years y ON y.id = c.year_id WHERE c.school_id = $1"
            " AND c.grade = $2 AND c.letter = $3 AND y.starts_on <= $4 AND y.ends_on >= $4",
            {storage::Value{school_}, storage::Value{int64_t{grade}}, storage::Value{letter},
             storage::Value{clock_.Today()}})
        ->Int(0);
  }

  FixedClock clock_;
  std::unique_ptr<storage::Connection> conn_;
  int64_t school_ = 0;
};

}  // namespace ej::testing
