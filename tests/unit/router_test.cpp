#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/routes.h"

namespace ej::http {
namespace {

Response A(HandlerContext&) { return {}; }
Response B(HandlerContext&) { return {}; }

TEST(RouterTest, LiteralWinsOverParameterWhateverTheOrder) {
  for (bool literal_first : {true, false}) {
    Router r;
    Route param{Method::kGet, "/api/v1/users/{id}", B, Access::kSession, Runs::kWorker};
    Route literal{Method::kGet, "/api/v1/users/me", A, Access::kSession, Runs::kWorker};
    if (literal_first) {
      r.Add(literal);
      r.Add(param);
    } else {
      r.Add(param);
      r.Add(literal);
    }
    EXPECT_EQ(r.Find(Method::kGet, "/api/v1/users/me").route->handler, A);
    auto m = r.Find(Method::kGet, "/api/v1/users/42");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->handler, B);
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0].first, "id");
    EXPECT_EQ(m.params[0].second, "42");
  }
}

TEST(RouterTest, MethodNotAllowedVersusNotFound) {
  Router r;
  r.Add({Method::kPost, "/api/v1/auth/login", A, Access::kPublic, Runs::kWorker});
  auto wrong_method = r.Find(Method::kGet, "/api/v1/auth/login");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);
  auto unknown = r.Find(Method::kGet, "/api/v1/nothing");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.path_known);
  // Empty segments and a trailing slash do not change the path.
  EXPECT_NE(r.Find(Method::kPost, "/api//v1/auth/login/").route, nullptr);
}

TEST(RouterTest, HeadIsAnsweredByGet) {
  Router r;
  r.Add({Method::kGet, "/healthz", A, Access::kPublic, Runs::kInline});
  EXPECT_NE(r.Find(Method::kHead, "/healthz").route, nullptr);
}

TEST(RouterTest, DuplicatesAndClashingParametersAreRefused) {
  Router r;
  r.Add({Method::kGet, "/api/v1/users/{id}", A, Access::kSession, Runs::kWorker});
  EXPECT_THROW(r.Add({Method::kGet, "/api/v1/users/{id}", B, Access::kSession, Runs::kWorker}), std::logic_error);
  EXPECT_THROW(r.Add({Method::kGet, "/api/v1/users/{userId}/x", B, Access::kSession, Runs::kWorker}), std::logic_error);
}

TEST(RouterTest, TheRealRouteTableBuilds) {
  Router r = MakeRouter();
  EXPECT_NE(r.Find(Method::kGet, "/api/v1/me").route, nullptr);
  EXPECT_EQ(r.Find(Method::kGet, "/api/v1/me").route->runs, Runs::kInline);
  EXPECT_EQ(r.Find(Method::kPost, "/api/v1/auth/login").route->access, Access::kPublic);
  EXPECT_EQ(r.Find(Method::kPost, "/api/v1/auth/logout").route->access, Access::kSession);
}

}  // namespace
}  // namespace ej::http
