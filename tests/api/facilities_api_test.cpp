// Rooms and bell schedules over HTTP, role by role, on both backends.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;

constexpr const auto& kRoles = kDemoLogins;

class FacilitiesApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("facilities");
    if (HasFatalFailure()) return;
    const json::value years = As("admin").Get("/api/v1/years").Json();
    year_id_ = years.at("items").as_array().at(0).at("id").as_int64();
  }
  std::string BellsUrl() { return "/api/v1/years/" + std::to_string(year_id_) + "/bells"; }

  int64_t year_id_ = 0;
};

TEST_P(FacilitiesApiTest, Rooms) {
  for (const char* login : kRoles) {
    auto r = As(login).Get("/api/v1/rooms");
    EXPECT_EQ(r.status, 200) << login;
    EXPECT_EQ(r.Json().at("items").as_array().size(), 40u) << login;
  }
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {201, 201, 201, 403, 403, 403, 403, 403};
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    auto r =
        As(kRoles[i]).Post("/api/v1/rooms", R"({"name":"Лаборатория )" + std::to_string(i) + R"(","capacity":16})");
    EXPECT_EQ(r.status, expected[i]) << kRoles[i] << ": " << r.body;
  }
  auto duplicate = As("admin").Post("/api/v1/rooms", R"({"name":"204"})");
  EXPECT_EQ(duplicate.status, 400);
  EXPECT_NE(duplicate.body.find("уже есть"), std::string::npos) << duplicate.body;
  EXPECT_EQ(As("admin").Post("/api/v1/rooms", R"({"name":"x","capacity":0})").ErrorCode(), "request.invalid_value");
  EXPECT_EQ(As("admin").Post("/api/v1/rooms", R"({"name":"x","capacity":"big"})").ErrorCode(), "request.wrong_type");
  EXPECT_EQ(As("admin").Post("/api/v1/rooms", R"({"name":""})").ErrorCode(), "request.missing_field");
  EXPECT_EQ(As("admin").Get("/api/v1/rooms").Json().at("items").as_array().size(), 43u);
}

TEST_P(FacilitiesApiTest, BellSchedules) {
  auto bells = As("student").Get(BellsUrl());
  ASSERT_EQ(bells.status, 200) << bells.body;
  const json::value v = bells.Json();
  const auto& lessons = v.at("schedules").as_array().at(0).at("lessons").as_array();
  ASSERT_EQ(lessons.size(), 8u);
  EXPECT_EQ(lessons[0].at("start").as_string(), "08:30");
  EXPECT_EQ(lessons[0].at("end").as_string(), "09:15");
  const std::string body = json::serialize(json::object{{"schedules", v.at("schedules")}});
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 403, 403, 403, 403, 403};
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    EXPECT_EQ(As(kRoles[i]).Put(BellsUrl(), body).status, expected[i]) << kRoles[i];
  }
  auto make = [&](auto change) {
    json::value b = json::parse(body);
    change(b.at("schedules").as_array()[0].as_object());
    return json::serialize(b);
  };
  static const struct {
    const char* what;
    const char* code;
    const char* fragment;
  } kCases[] = {
      {"overlapping lessons", "request.invalid_value", "начинается раньше"},
      {"a bad time", "request.invalid_value", "lessons[0].start"},
      {"a weekday 8", "request.invalid_value", "weekdays"},
      {"an unknown field", "request.unknown_field", "schedules[0].bell"},
  };
  const std::string bodies[] = {
      make([](json::object& s) { s["lessons"].as_array()[1].as_object()["start"] = "09:00"; }),
      make([](json::object& s) { s["lessons"].as_array()[0].as_object()["start"] = "8:30"; }),
      make([](json::object& s) {
        s["weekdays"] = json::array{1, 8};
      }),
      make([](json::object& s) { s["bell"] = "loud"; }),
  };
  for (size_t i = 0; i < std::size(kCases); ++i) {
    auto r = As("admin").Put(BellsUrl(), bodies[i]);
    EXPECT_EQ(r.status, 400) << kCases[i].what;
    EXPECT_EQ(r.ErrorCode(), kCases[i].code) << kCases[i].what << ": " << r.body;
    EXPECT_NE(r.body.find(kCases[i].fragment), std::string::npos) << kCases[i].what << ": " << r.body;
  }
  EXPECT_EQ(json::serialize(As("admin").Get(BellsUrl()).Json()), json::serialize(v));
  EXPECT_EQ(As("admin").Get("/api/v1/years/999999/bells").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, FacilitiesApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
