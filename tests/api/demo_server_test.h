// A test suite on one demo server per backend, shared by its tests, with
// every fixed demo login signed in. Tests change state only through their
// own objects (a new year, a new room, an admitted student...).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {

class DemoServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() { ReleaseSharedServers(); }

  // Call from SetUp: starts (once per suite and backend) and signs in.
  void StartDemo(const std::string& suite, int demo_schools = 1) {
    TestServer::Options o;
    o.backend = GetParam();
    o.demo_schools = demo_schools;
    o.extra_args = {"--no-access-log"};
    server_ = &SharedServer(suite + "/" + GetParam(), o);
    client_ = std::make_unique<HttpClient>(server_->port());
    sessions_ = std::make_unique<DemoSessions>(*client_);
    ASSERT_TRUE(sessions_->ok());
  }
  ApiSession& As(const std::string& login) { return (*sessions_)[login]; }

  TestServer* server_ = nullptr;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<DemoSessions> sessions_;
};

}  // namespace ej::testing
