// A compromised account over HTTP on both backends: the administrator declares
// it, the account's sessions end at once, and a deputy reverts what it did.
// The rules of the review itself are tested through the service
// (tests/storage/review_service_test.cpp).
#include <gtest/gtest.h>

#include <ctime>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

// This minute, "YYYY-MM-DDTHH:MM", in the server's zone.
std::string ThisMinute() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[17];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &local);
  return buf;
}

class ReviewsApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("reviews");  // its own server: the demo teacher gets locked
  }
};

TEST_P(ReviewsApiTest, ACompromisedTeachersMarkIsFlaggedAndADeputyRevertsIt) {
  auto db = server_->OpenDatabase();
  const int64_t teacher = As("teacher").user_id();
  const int64_t student = As("student").user_id();
  auto lesson = db->QueryOne(
      "SELECT l.id FROM lessons l JOIN enrolments e ON e.class_id = l.class_id AND e.student_id = $2"
      " WHERE l.teacher_id = $1 AND l.status = 'planned' AND l.retired_at IS NULL AND l.lesson_date <= $3"
      " ORDER BY l.lesson_date DESC LIMIT 1",
      {Value{teacher}, Value{student}, Value{Today()}});
  ASSERT_TRUE(lesson.has_value());
  const std::string since = ThisMinute();
  auto mark =
      As("teacher").Post("/api/v1/lessons/" + std::to_string(lesson->Int(0)) + "/marks",
                         R"({"studentId":)" + std::to_string(student) + R"(,"value":"2","workType":"homework"})");
  ASSERT_EQ(mark.status, 201) << mark.body;
  const int64_t mark_id = mark.Json().at("id").as_int64();

  const std::string url = "/api/v1/users/" + std::to_string(teacher) + "/compromise";
  EXPECT_EQ(As("deputy").Post(url, R"({"since":")" + since + R"(","reason":"x"})").status, 403);
  EXPECT_EQ(As("admin").Post(url, R"({"since":")" + since + R"("})").ErrorCode(), "request.missing_field");
  EXPECT_EQ(As("admin").Post(url, R"({"since":"2099-01-01T00:00","reason":"x"})").ErrorCode(), "request.invalid_value");
  EXPECT_EQ(As("admin").Post(url, R"({"since":"вчера","reason":"x"})").ErrorCode(), "request.invalid_value");
  auto declared = As("admin").Post(url, R"({"since":")" + since + R"(","reason":"Пароль видели на листке"})");
  ASSERT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(declared.Json().at("flagged").as_int64(), 1);
  // The account's sessions end at once, and it can't sign in again.
  EXPECT_EQ(As("teacher").Get("/api/v1/me").status, 401);
  auto login = client_->Send("POST", "/api/v1/auth/login", LoginBody("teacher", "demo"));
  EXPECT_EQ(login.ErrorCode(), "auth.account_locked");

  EXPECT_EQ(As("classteacher").Get("/api/v1/reviews").status, 403);
  EXPECT_EQ(As("deputy").Get("/api/v1/reviews?status=maybe").ErrorCode(), "request.invalid_value");
  auto pending = As("deputy").Get("/api/v1/reviews?status=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  const json::value list = pending.Json();
  const json::array& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const json::value& item = items[0];
  EXPECT_EQ(item.at("action").as_string(), "mark.create");
  EXPECT_EQ(item.at("entityId").as_int64(), mark_id);
  EXPECT_EQ(item.at("by").at("id").as_int64(), teacher);
  EXPECT_EQ(item.at("after").at("value").as_string(), "2");
  EXPECT_FALSE(item.at("place").as_string().empty());
  const std::string review = "/api/v1/reviews/" + std::to_string(item.at("eventId").as_int64());
  EXPECT_EQ(As("admin").Post(review + "/revert", R"({"note":"подделка"})").status, 403);
  EXPECT_EQ(As("deputy").Post(review + "/revert", "{}").ErrorCode(), "request.missing_field");
  auto reverted = As("deputy").Post(review + "/revert", R"({"note":"Ученик был на экскурсии"})");
  ASSERT_EQ(reverted.status, 200) << reverted.body;
  EXPECT_EQ(reverted.Json().at("status").as_string(), "reverted");
  EXPECT_EQ(reverted.Json().at("reviewedBy").at("id").as_int64(), As("deputy").user_id());
  EXPECT_EQ(As("deputy").Post(review + "/confirm", "{}").ErrorCode(), "review.done");
  // The mark is taken back, and its history says why.
  auto history = As("parent").Get("/api/v1/marks/" + std::to_string(mark_id) + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value h = history.Json();
  EXPECT_TRUE(h.at("mark").at("removed").as_bool());
  const json::array& events = h.at("history").as_array();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at("review").as_string(), "reverted");
  EXPECT_EQ(events[1].at("action").as_string(), "mark.revert");
  EXPECT_EQ(events[1].at("by").at("id").as_int64(), As("deputy").user_id());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewsApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
