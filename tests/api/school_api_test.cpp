// The school calendar and classes over HTTP, role by role, on both backends.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;

constexpr const auto& kRoles = kDemoLogins;

class SchoolApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("school", 2);
    if (HasFatalFailure()) return;
  }
  json::value CurrentYear() {
    auto r = As("admin").Get("/api/v1/years");
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value body = r.Json();
    for (const auto& y : body.at("items").as_array()) {
      if (y.at("current").as_bool()) return y;
    }
    ADD_FAILURE() << "no current year";
    return nullptr;
  }
  std::string YearUrl(const json::value& year) { return "/api/v1/years/" + std::to_string(year.at("id").as_int64()); }
  // The calendar part of a year, as PUT takes it.
  static std::string CalendarBody(const json::value& year) {
    json::object body{
        {"workingDays", year.at("workingDays")}, {"periods", year.at("periods")}, {"holidays", year.at("holidays")}};
    return json::serialize(body);
  }
};

TEST_P(SchoolApiTest, EverybodyOfTheSchoolSeesTheCalendar) {
  for (const char* login : kRoles) {
    auto r = As(login).Get("/api/v1/years");
    ASSERT_EQ(r.status, 200) << login << ": " << r.body;
    const json::value body = r.Json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 1u) << login;
    const auto& year = items[0];
    EXPECT_TRUE(year.at("current").as_bool());
    EXPECT_EQ(year.at("periods").as_array().size(), 6u);  // 4 quarters (1-9), 2 halves (10-11)
    EXPECT_GE(year.at("holidays").as_array().size(), 4u);
    EXPECT_EQ(year.at("workingDays").as_int64(), 5);
  }
  auto year = CurrentYear();
  EXPECT_EQ(As("parent").Get(YearUrl(year)).status, 200);
  // The other school's year is not found for anyone here.
  auto other = As("admin").Get("/api/v1/years/" + std::to_string(year.at("id").as_int64() + 1));
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(As("admin").Get("/api/v1/years?schoolId=" + std::to_string(year.at("schoolId").as_int64() + 1)).status,
            403);
}

TEST_P(SchoolApiTest, OnlyTheAdministrationChangesTheCalendar) {
  auto year = CurrentYear();
  const std::string body = CalendarBody(year);
  //                        admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 403, 403, 403, 403, 403};
  for (size_t i = 0; i < std::size(kRoles); ++i) {
    auto r = As(kRoles[i]).Put(YearUrl(year) + "/calendar", body);
    EXPECT_EQ(r.status, expected[i]) << kRoles[i] << ": " << r.body;
  }
  // Without the CSRF token nothing changes either.
  auto no_csrf = client_->Send("PUT", YearUrl(year) + "/calendar", body, {{"Cookie", As("admin").cookie()}});
  EXPECT_EQ(no_csrf.status, 403);
}

TEST_P(SchoolApiTest, ABrokenCalendarIsRefusedWithReasonsAndNothingChanges) {
  auto year = CurrentYear();
  const std::string url = YearUrl(year) + "/calendar";
  auto make = [&](auto change) {
    json::value y = year;
    change(y);
    return CalendarBody(y);
  };
  static const struct {
    const char* what;
    int status;
    const char* code;
    const char* fragment;
  } kCases[] = {
      {"overlap", 400, "calendar.invalid", "пересекаются"},
      {"gap", 400, "calendar.invalid", "не входит ни в один период"},
      {"outside", 400, "calendar.invalid", "границы учебного года"},
      {"bad date", 400, "request.invalid_value", "periods[0].startsOn"},
      {"unknown field", 400, "request.unknown_field", "periods[0].color"},
      {"bad kind", 400, "request.invalid_value", "periods[0].kind"},
      {"seven days", 400, "calendar.invalid", "пятидневной"},
  };
  std::vector<std::string> bodies = {
      make([](json::value& y) { y.at("periods").as_array()[1].as_object()["startsOn"] = "2000-01-01"; }),
      make([](json::value& y) { y.at("holidays").as_array().erase(y.at("holidays").as_array().begin()); }),
      make([](json::value& y) { y.at("periods").as_array()[0].as_object()["startsOn"] = "1999-09-01"; }),
      make([](json::value& y) { y.at("periods").as_array()[0].as_object()["startsOn"] = "2026-02-30"; }),
      make([](json::value& y) { y.at("periods").as_array()[0].as_object()["color"] = "red"; }),
      make([](json::value& y) { y.at("periods").as_array()[0].as_object()["kind"] = "semester"; }),
      make([](json::value& y) { y.as_object()["workingDays"] = 7; }),
  };
  // Overlap: the second quarter starting inside the first.
  {
    json::value y = year;
    auto& periods = y.at("periods").as_array();
    periods[1].as_object()["startsOn"] = periods[0].at("endsOn");
    bodies[0] = CalendarBody(y);
  }
  for (size_t i = 0; i < std::size(kCases); ++i) {
    auto r = As("deputy").Put(url, bodies[i]);
    EXPECT_EQ(r.status, kCases[i].status) << kCases[i].what << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), kCases[i].code) << kCases[i].what;
    EXPECT_NE(r.body.find(kCases[i].fragment), std::string::npos) << kCases[i].what << ": " << r.body;
  }
  auto after = As("admin").Get(YearUrl(year)).Json();
  EXPECT_EQ(json::serialize(after.at("periods")), json::serialize(year.at("periods")));
  EXPECT_EQ(json::serialize(after.at("holidays")), json::serialize(year.at("holidays")));
}

TEST_P(SchoolApiTest, CreatingYears) {
  auto year = CurrentYear();
  const std::string ends = std::string(year.at("endsOn").as_string());
  const int next = std::stoi(ends.substr(0, 4));
  const std::string body = R"({"name":")" + std::to_string(next) + "/" + std::to_string(next + 1) +
                           R"(","startsOn":")" + std::to_string(next) + R"(-09-01","endsOn":")" +
                           std::to_string(next + 1) + R"(-08-31","workingDays":6})";
  EXPECT_EQ(As("teacher").Post("/api/v1/years", body).status, 403);
  EXPECT_EQ(As("secretary").Post("/api/v1/years", body).status, 403);
  auto created = As("admin").Post("/api/v1/years", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("workingDays").as_int64(), 6);
  EXPECT_FALSE(created.Json().at("current").as_bool());
  auto again = As("director").Post("/api/v1/years", body);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.ErrorCode(), "calendar.invalid");
  auto reversed = As("admin").Post("/api/v1/years", R"({"name":"x","startsOn":"2040-09-01","endsOn":"2040-01-01"})");
  EXPECT_EQ(reversed.ErrorCode(), "calendar.invalid");
  auto bad = As("admin").Post("/api/v1/years", R"({"name":"x","startsOn":"1 сентября","endsOn":"2040-01-01"})");
  EXPECT_EQ(bad.ErrorCode(), "request.invalid_value");
}

TEST_P(SchoolApiTest, ClassesAsEachRoleSeesThem) {
  auto all = As("deputy").Get("/api/v1/classes");
  ASSERT_EQ(all.status, 200) << all.body;
  const json::value body = all.Json();
  const auto& items = body.at("items").as_array();
  EXPECT_EQ(items.size(), 31u);
  EXPECT_EQ(items[0].at("name").as_string(), "1А");
  const json::value* seven_b = nullptr;
  for (const auto& c : items) {
    if (c.at("name").as_string() == "7Б") seven_b = &c;
    EXPECT_FALSE(c.at("classTeacher").is_null()) << c.at("name").as_string();
  }
  ASSERT_NE(seven_b, nullptr);
  EXPECT_EQ(seven_b->at("classTeacher").at("id").as_int64(), As("classteacher").user_id());
  EXPECT_GT(seven_b->at("students").as_int64(), 20);
  for (const char* staff : {"admin", "director", "teacher", "classteacher", "secretary"}) {
    EXPECT_EQ(As(staff).Get("/api/v1/classes").Json().at("items").as_array().size(), 31u) << staff;
  }
  auto mine = As("student").Get("/api/v1/classes").Json().at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("name").as_string(), "7Б");
  auto children = As("parent").Get("/api/v1/classes").Json().at("items").as_array();
  ASSERT_GE(children.size(), 1u);
  bool has_7b = false;
  for (const auto& c : children) has_7b = has_7b || c.at("name").as_string() == "7Б";
  EXPECT_TRUE(has_7b);
  const int64_t other_school = items[0].at("schoolId").as_int64() + 1;
  EXPECT_EQ(As("admin").Get("/api/v1/classes?schoolId=" + std::to_string(other_school)).status, 403);
  EXPECT_EQ(As("admin").Get("/api/v1/classes?yearId=abc").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchoolApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
