// Admission, transfer and departure by order over HTTP, on both backends:
// rights, a student never in two classes, records kept after departure.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class RosterApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("roster");
    if (HasFatalFailure()) return;
    const json::value classes = As("admin").Get("/api/v1/classes").Json();
    for (const auto& c : classes.at("items").as_array())
      class_ids_[std::string(c.at("name").as_string())] = c.at("id").as_int64();
    const json::value years = As("admin").Get("/api/v1/years").Json();
    year_ = std::stoi(std::string(years.at("items").as_array().at(0).at("startsOn").as_string()).substr(0, 4));
  }
  // A day of the demo year: "MM-DD" in the autumn, or later in the next calendar year.
  std::string Day(const char* month_day, bool next_year = false) {
    return std::to_string(next_year ? year_ + 1 : year_) + "-" + month_day;
  }
  std::string Admission(const std::string& last_name, const std::string& class_name) {
    json::object body{{"lastName", last_name},
                      {"firstName", "Мирон"},
                      {"middleName", "Ильич"},
                      {"sex", "male"},
                      {"birthDate", std::to_string(year_ - 12) + "-04-12"},
                      {"classId", class_ids_.at(class_name)},
                      {"date", Day("10-01")},
                      {"orderNumber", "112-у"},
                      {"orderDate", Day("09-30")},
                      {"parents", json::array{json::object{{"lastName", last_name + "а"},
                                                           {"firstName", "Ольга"},
                                                           {"relation", "mother"},
                                                           {"email", "olga@example.com"}}}}};
    return json::serialize(body);
  }
  std::string Move(const std::string& date, const std::string& extra = "") {
    return R"({"date":")" + date + R"(","orderNumber":"140-у","orderDate":")" + date + "\"" + extra + "}";
  }

  std::map<std::string, int64_t> class_ids_;
  int year_ = 0;
};

TEST_P(RosterApiTest, OnlyTheAdministrationAndTheSecretaryAdmit) {
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {201, 201, 201, 403, 403, 403, 403, 201};
  for (size_t i = 0; i < std::size(kDemoLogins); ++i) {
    auto r = As(kDemoLogins[i]).Post("/api/v1/students", Admission("Новиков" + std::to_string(i), "6А"));
    EXPECT_EQ(r.status, expected[i]) << kDemoLogins[i] << ": " << r.body;
  }
}

TEST_P(RosterApiTest, AdmitTransferDismissAndTheRecordStays) {
  auto admitted = As("secretary").Post("/api/v1/students", Admission("Зуев", "5Б"));
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const int64_t id = admitted.Json().at("id").as_int64();
  const std::string base = "/api/v1/students/" + std::to_string(id);

  auto transfer =
      As("secretary")
          .Post(base + "/transfer", Move(Day("11-10"), R"(,"toClassId":)" + std::to_string(class_ids_.at("5А"))));
  ASSERT_EQ(transfer.status, 200) << transfer.body;
  EXPECT_EQ(transfer.Json().at("fromClass").as_string(), "5Б");
  EXPECT_EQ(transfer.Json().at("toClass").as_string(), "5А");
  // Never in two classes: a second move on the same or an earlier day is refused.
  auto again =
      As("secretary")
          .Post(base + "/transfer", Move(Day("11-10"), R"(,"toClassId":)" + std::to_string(class_ids_.at("5В"))));
  EXPECT_EQ(again.status, 400) << again.body;
  auto departure =
      As("deputy").Post(base + "/departure", Move(Day("02-01", true), R"(,"reason":"Переезд в другой город")"));
  ASSERT_EQ(departure.status, 200) << departure.body;
  EXPECT_EQ(departure.Json().at("kind").as_string(), "departure");
  // After the departure there is nothing to move.
  EXPECT_EQ(As("secretary").Post(base + "/departure", Move(Day("03-01", true))).status, 404);

  auto db = server_->OpenDatabase();
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM enrolments WHERE student_id = $1", {Value{id}})->Int(0), 2);
  EXPECT_EQ(
      db->QueryOne("SELECT COUNT(*) FROM enrolments WHERE student_id = $1 AND ends_on IS NULL", {Value{id}})->Int(0),
      0);
  // The card stays for the administration.
  EXPECT_EQ(As("director").Get("/api/v1/users/" + std::to_string(id)).status, 200);
  auto list = As("secretary").Get("/api/v1/movements?from=" + Day("09-01") + "&to=" + Day("08-31", true));
  ASSERT_EQ(list.status, 200) << list.body;
  int mine = 0;
  const json::value movements = list.Json();
  for (const auto& m : movements.at("items").as_array()) mine += m.at("studentId").as_int64() == id;
  EXPECT_EQ(mine, 3);
  EXPECT_EQ(As("teacher").Get("/api/v1/movements?from=" + Day("09-01") + "&to=" + Day("08-31", true)).status, 403);
}

TEST_P(RosterApiTest, BadAdmissionsWriteNothing) {
  auto db = server_->OpenDatabase();
  const int64_t users = db->QueryOne("SELECT COUNT(*) FROM users")->Int(0);
  auto with = [&](const char* field, json::value value) {
    json::value body = json::parse(Admission("Ошибкин", "5А"));
    body.as_object()[field] = std::move(value);
    return As("admin").Post("/api/v1/students", json::serialize(body));
  };
  static const struct {
    const char* field;
    const char* value;
    const char* code;
  } kCases[] = {
      {"date", "1999-10-01", "request.invalid_value"},  {"birthDate", "2026-02-30", "request.invalid_value"},
      {"sex", "unknown", "request.invalid_value"},      {"orderNumber", "", "request.missing_field"},
      {"lastName", " Пробел", "request.invalid_value"},
  };
  for (const auto& c : kCases) {
    auto r = with(c.field, c.value);
    EXPECT_EQ(r.ErrorCode(), c.code) << c.field << ": " << r.body;
  }
  EXPECT_EQ(with("birthDate", json::string(std::to_string(year_ - 2) + "-01-01")).ErrorCode(), "request.invalid_value");
  EXPECT_EQ(with("classId", 999999).status, 404);
  EXPECT_EQ(
      with("parents", json::array{json::object{{"lastName", "А"}, {"firstName", "Б"}, {"relation", "aunt"}}}).status,
      400);
  EXPECT_EQ(
      with("parents", json::array{json::object{{"lastName", "А"}, {"firstName", "Б"}, {"relation", "other"}, {"x", 1}}})
          .ErrorCode(),
      "request.unknown_field");
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM users")->Int(0), users);
  // A transfer into another school's class or a class of another year is refused too.
  const int64_t student = As("student").user_id();
  auto to_self = As("admin").Post("/api/v1/students/" + std::to_string(student) + "/transfer",
                                  Move(Day("12-01"), R"(,"toClassId":)" + std::to_string(class_ids_.at("7Б"))));
  EXPECT_EQ(to_self.status, 400) << to_self.body;
  auto nowhere = As("admin").Post("/api/v1/students/" + std::to_string(student) + "/transfer",
                                  Move(Day("12-01"), R"(,"toClassId":999999)"));
  EXPECT_EQ(nowhere.status, 400) << nowhere.body;
}

TEST_P(RosterApiTest, ParentsConsentsAreKeptWithTheirHistory) {
  const std::string url = "/api/v1/parents/" + std::to_string(As("parent").user_id()) + "/consent";
  const std::string given = R"({"kind":"given","date":")" + Day("09-02") + R"(","document":"Заявление № 17"})";
  const size_t before = As("parent").Get(url).Json().at("history").as_array().size();
  //                         admin dir  dep  tchr ctchr stud par  secr
  const int record[] = {201, 201, 201, 404, 201, 404, 403, 201};
  const int read[] = {200, 200, 200, 404, 200, 404, 200, 200};
  for (size_t i = 0; i < std::size(kDemoLogins); ++i) {
    EXPECT_EQ(As(kDemoLogins[i]).Post(url, given).status, record[i]) << kDemoLogins[i];
    EXPECT_EQ(As(kDemoLogins[i]).Get(url).status, read[i]) << kDemoLogins[i];
  }
  auto withdrawn =
      As("classteacher")
          .Post(url, R"({"kind":"withdrawn","date":")" + Day("09-20") + R"(","document":"Отзыв согласия № 3"})");
  ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;
  const json::value state = As("parent").Get(url).Json();
  EXPECT_FALSE(state.at("given").as_bool());
  // Five records of consent and one withdrawal after what the demo had.
  EXPECT_EQ(state.at("history").as_array().size(), before + 6);
  EXPECT_EQ(As("admin").Post(url, R"({"kind":"given","date":"2999-01-01","document":"x"})").ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("admin").Post(url, R"({"kind":"maybe","date":"2020-01-01","document":"x"})").ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(As("admin").Post(url, R"({"kind":"given","date":"2020-01-01"})").ErrorCode(), "request.missing_field");
  // Not a parent: nothing to consent to here.
  EXPECT_EQ(As("admin").Get("/api/v1/parents/" + std::to_string(As("teacher").user_id()) + "/consent").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing

namespace ej::testing {
namespace {

// The class list: names for the teachers of the class; birth dates, parents,
// contacts and consents for those who keep the data; nothing for students
// and parents.
TEST_P(RosterApiTest, TheClassListShowsPersonalDataOnlyToThoseWhoKeepIt) {
  const std::string path = "/api/v1/classes/" + std::to_string(class_ids_.at("7Б")) + "/students";
  //                            admin dir  dep  tchr ctchr stud par  secr
  const int expected[] = {200, 200, 200, 200, 200, 403, 403, 200};
  const bool personal[] = {true, true, true, false, true, false, false, true};
  for (size_t i = 0; i < std::size(kDemoLogins); ++i) {
    auto r = As(kDemoLogins[i]).Get(path);
    ASSERT_EQ(r.status, expected[i]) << kDemoLogins[i] << ": " << r.body;
    if (r.status != 200) continue;
    const json::value body = r.Json();
    EXPECT_EQ(body.at("className").as_string(), "7Б");
    EXPECT_EQ(body.at("personalData").as_bool(), personal[i]) << kDemoLogins[i];
    const json::array& items = body.at("items").as_array();
    ASSERT_GE(items.size(), 15u);
    bool has_student = false;
    for (const auto& s : items) has_student = has_student || s.at("id").as_int64() == As("student").user_id();
    EXPECT_TRUE(has_student);
    EXPECT_EQ(items[0].as_object().contains("parents"), personal[i]) << kDemoLogins[i];
    EXPECT_EQ(items[0].as_object().contains("birthDate"), personal[i]) << kDemoLogins[i];
  }
  // A parent's consent shows in the list once recorded (a withdrawal after
  // the one the demo has at the start of the year).
  int64_t parent = 0;
  const json::value before = As("classteacher").Get(path).Json();
  for (const auto& s : before.at("items").as_array()) {
    for (const auto& p : s.at("parents").as_array()) {
      if (!parent && p.at("id").as_int64() != As("parent").user_id()) parent = p.at("id").as_int64();
    }
  }
  ASSERT_NE(parent, 0);
  auto consent = As("classteacher")
                     .Post("/api/v1/parents/" + std::to_string(parent) + "/consent",
                           R"({"kind":"withdrawn","date":")" + Day("09-05") + R"(","document":"Отзыв № 7"})");
  ASSERT_EQ(consent.status, 201) << consent.body;
  const json::value list = As("classteacher").Get(path).Json();
  bool seen = false;
  for (const auto& s : list.at("items").as_array()) {
    for (const auto& p : s.at("parents").as_array()) {
      if (p.at("id").as_int64() != parent) continue;
      seen = true;
      EXPECT_EQ(p.at("consent").at("kind").as_string(), "withdrawn");
      EXPECT_EQ(p.at("consent").at("document").as_string(), "Отзыв № 7");
      EXPECT_EQ(p.at("consent").at("effectiveOn").as_string(), Day("09-05"));
    }
  }
  EXPECT_TRUE(seen);
  // A departed student is not in the list after the day; the list of that earlier day still has them.
  auto admitted = As("secretary").Post("/api/v1/students", Admission("Ершов", "7Б"));
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const int64_t id = admitted.Json().at("id").as_int64();
  ASSERT_EQ(As("secretary").Post("/api/v1/students/" + std::to_string(id) + "/departure", Move(Day("10-20"))).status,
            200);
  auto on = [&](const std::string& date) {
    const json::value b = As("secretary").Get(path + "?date=" + date).Json();
    for (const auto& s : b.at("items").as_array()) {
      if (s.at("id").as_int64() == id) return true;
    }
    return false;
  };
  EXPECT_TRUE(on(Day("10-19")));
  EXPECT_FALSE(on(Day("10-20")));
  EXPECT_FALSE(on(Day("09-30")));  // before the admission
  EXPECT_EQ(As("secretary").Get(path + "?date=2026-13-01").status, 400);
  EXPECT_EQ(As("admin").Get("/api/v1/classes/999999/students").status, 404);
}

}  // namespace
}  // namespace ej::testing
