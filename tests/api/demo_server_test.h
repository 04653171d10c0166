// A test suite on one demo server per backend, shared by its tests, with
// every fixed demo login signed in. Tests change state only through their
// own objects (a new year, a new room, an admitted student...).
#pragma once

#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <memory>
#include <string>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {

// Today as the server sees it: it runs on this machine, in its time zone.
inline std::string Today() {
  const std::time_t t = std::time(nullptr);
  char buf[11];
  std::tm local{};
  localtime_r(&t, &local);
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

class DemoServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() {
    Signed().clear();
    ReleaseSharedServers();
  }

  // Call from SetUp: starts and signs in, once per suite and backend (a
  // login costs an argon2 hash; the sessions outlive the suite's tests).
  void StartDemo(const std::string& suite, int demo_schools = 1) {
    TestServer::Options o;
    o.backend = GetParam();
    o.demo_schools = demo_schools;
    o.extra_args = {"--no-access-log"};
    const std::string key = suite + "/" + GetParam();
    server_ = &SharedServer(key, o);
    auto& signed_in = Signed()[key];
    if (!signed_in.client) {
      signed_in.client = std::make_unique<HttpClient>(server_->port());
      signed_in.sessions = std::make_unique<DemoSessions>(*signed_in.client);
    }
    client_ = signed_in.client.get();
    sessions_ = signed_in.sessions.get();
    ASSERT_TRUE(sessions_->ok());
  }
  ApiSession& As(const std::string& login) { return (*sessions_)[login]; }

  TestServer* server_ = nullptr;
  HttpClient* client_ = nullptr;
  DemoSessions* sessions_ = nullptr;

 private:
  struct SignedIn {
    std::unique_ptr<HttpClient> client;
    std::unique_ptr<DemoSessions> sessions;
  };
  static std::map<std::string, SignedIn>& Signed() {
    static std::map<std::string, SignedIn> signed_in;
    return signed_in;
  }
};

}  // namespace ej::testing
