// The calendar-thematic plan over HTTP on both backends: typed or loaded from
// a file, its hours against the curriculum, the journal offering each lesson
// its topic, plan against fact per period, and who may change it.
#include <gtest/gtest.h>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

class PlansApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("plans");
    if (HasFatalFailure()) return;
    // A journal of the first quarter of a class the demo teacher teaches:
    // its lessons are the first of the year, where the plan starts.
    auto items = As("teacher").Get("/api/v1/journals").Json().at("items").as_array();
    for (const auto& j : items) {
      bool teaches = false;
      for (const auto& t : j.at("teachers").as_array())
        teaches = teaches || t.at("id").as_int64() == As("teacher").user_id();
      if (teaches && j.at("class").is_object() && j.at("period").at("number").as_int64() == 1 && journal_ == 0) {
        journal_ = j.at("id").as_int64();
      }
    }
    ASSERT_NE(journal_, 0);
  }
  std::string Url() { return "/api/v1/journals/" + std::to_string(journal_) + "/plan"; }
  json::value Grid() { return As("teacher").Get("/api/v1/journals/" + std::to_string(journal_)).Json(); }
  // The plan as it is now, for its version.
  int64_t Version() { return As("teacher").Get(Url()).Json().at("version").as_int64(); }
  HttpResponse Upload(const std::string& who, const std::string& url, const std::string& file) {
    return client_->Send(
        "POST", url, file,
        {{"Cookie", As(who).cookie()}, {"X-CSRF-Token", As(who).csrf()}, {"Content-Type", "application/octet-stream"}});
  }

  int64_t journal_ = 0;
};

TEST_P(PlansApiTest, TheTeachersPlanFallsOnTheLessonsAndIsCheckedAgainstTheCurriculum) {
  auto empty = As("teacher").Get(Url());
  ASSERT_EQ(empty.status, 200) << empty.body;
  const json::value e = empty.Json();
  EXPECT_TRUE(e.at("canEdit").as_bool());
  EXPECT_TRUE(e.at("topics").as_array().empty());
  ASSERT_TRUE(e.at("curriculumHours").is_int64());
  const int64_t curriculum = e.at("curriculumHours").as_int64();
  EXPECT_GT(curriculum, 0);
  EXPECT_FALSE(e.at("matchesCurriculum").as_bool());
  EXPECT_GT(e.at("yearLessons").as_int64(), 0);
  ASSERT_GE(e.at("periods").as_array().size(), 2u);
  EXPECT_GT(e.at("periods").as_array()[0].at("scheduled").as_int64(), 0);
  const int64_t version = e.at("version").as_int64();

  const std::string topics = R"({"topics":[{"section":"Числа","title":"Натуральные числа","hours":2},)"
                             R"({"title":"Сложение","hours":1},{"title":"Вычитание","hours":3}],"version":)";
  // Only the teacher who teaches it and deputies write it; everybody else who reads the journal only reads.
  for (const char* who : {"admin", "director", "classteacher", "secretary", "student", "parent"}) {
    const int status = As(who).Put(Url(), topics + std::to_string(version) + "}").status;
    EXPECT_TRUE(status == 403 || status == 404) << who << ": " << status;
  }
  EXPECT_FALSE(As("admin").Get(Url()).Json().at("canEdit").as_bool());
  EXPECT_EQ(As("parent").Get(Url()).status, 404);
  EXPECT_EQ(As("teacher")
                .Put(Url(), R"({"topics":[{"title":"","hours":1}],"version":)" + std::to_string(version) + "}")
                .ErrorCode(),
            "request.missing_field");
  EXPECT_EQ(As("teacher")
                .Put(Url(), R"({"topics":[{"title":"x","hours":0}],"version":)" + std::to_string(version) + "}")
                .ErrorCode(),
            "request.invalid_value");
  EXPECT_EQ(
      As("teacher")
          .Put(Url(), R"({"topics":[{"title":"x","hours":1,"weeks":2}],"version":)" + std::to_string(version) + "}")
          .ErrorCode(),
      "request.unknown_field");
  auto saved = As("teacher").Put(Url(), topics + std::to_string(version) + "}");
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json::value plan = saved.Json();
  EXPECT_EQ(plan.at("version").as_int64(), version + 1);
  EXPECT_EQ(plan.at("planHours").as_int64(), 6);
  ASSERT_EQ(plan.at("topics").as_array().size(), 3u);
  EXPECT_EQ(plan.at("topics").as_array()[2].at("number").as_int64(), 3);
  EXPECT_EQ(plan.at("topics").as_array()[0].at("section").as_string(), "Числа");
  EXPECT_EQ(plan.at("periods").as_array()[0].at("planned").as_int64(), 6);
  // A second save from the old screen is a conflict.
  EXPECT_EQ(As("teacher").Put(Url(), topics + std::to_string(version) + "}").ErrorCode(), "journal.conflict");

  // The journal offers each lesson the topic it falls on: two hours, one, three.
  json::value grid = Grid();
  const json::array& lessons = grid.at("lessons").as_array();
  ASSERT_GE(lessons.size(), 8u);
  EXPECT_EQ(lessons[0].at("planTopic").at("number").as_int64(), 1);
  EXPECT_EQ(lessons[1].at("planTopic").at("number").as_int64(), 1);
  EXPECT_EQ(lessons[2].at("planTopic").at("number").as_int64(), 2);
  EXPECT_EQ(lessons[5].at("planTopic").at("title").as_string(), "Вычитание");
  EXPECT_TRUE(lessons[6].at("planTopic").is_null());

  // The teacher gives the second lesson topic 3: the plan moves on from there.
  const int64_t third = plan.at("topics").as_array()[2].at("id").as_int64();
  const std::string record = "/api/v1/lessons/" + std::to_string(lessons[1].at("id").as_int64()) + "/record";
  EXPECT_EQ(As("teacher").Put(record, R"({"planTopicId":999999,"version":0})").ErrorCode(), "request.invalid_value");
  auto given = As("teacher").Put(record, R"({"planTopicId":)" + std::to_string(third) + R"(,"version":0})");
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(given.Json().at("topic").as_string(), "Вычитание");
  EXPECT_EQ(given.Json().at("planTopicId").as_int64(), third);
  grid = Grid();
  const json::array& after = grid.at("lessons").as_array();
  EXPECT_EQ(after[1].at("planTopicId").as_int64(), third);
  EXPECT_EQ(after[2].at("planTopic").at("number").as_int64(), 3);
  EXPECT_EQ(after[3].at("planTopic").at("number").as_int64(), 3);
  EXPECT_TRUE(after[4].at("planTopic").is_null());
  // A topic given to a lesson stays in the plan.
  EXPECT_EQ(
      As("teacher")
          .Put(Url(), R"({"topics":[{"title":"Одна тема","hours":2}],"version":)" + std::to_string(Version()) + "}")
          .ErrorCode(),
      "plan.topic_in_use");

  // A deputy makes the hours match the curriculum.
  auto whole =
      As("deputy").Put(Url(), R"({"topics":[{"title":"Натуральные числа","hours":)" + std::to_string(curriculum - 2) +
                                  R"(},{"title":"Сложение","hours":1},{"title":"Вычитание","hours":1}],"version":)" +
                                  std::to_string(Version()) + "}");
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_TRUE(whole.Json().at("matchesCurriculum").as_bool());
  EXPECT_EQ(whole.Json().at("planHours").as_int64(), curriculum);
}

TEST_P(PlansApiTest, APlanIsLoadedFromAFileAfterACheck) {
  // A journal of another class with no plan yet: its first plan comes from a file (version 0).
  int64_t fresh = 0;
  const json::value list = As("teacher").Get("/api/v1/journals").Json();
  for (const auto& j : list.at("items").as_array()) {
    bool teaches = false;
    for (const auto& t : j.at("teachers").as_array())
      teaches = teaches || t.at("id").as_int64() == As("teacher").user_id();
    const int64_t id = j.at("id").as_int64();
    if (teaches && id != journal_ && !fresh &&
        As("teacher").Get("/api/v1/journals/" + std::to_string(id) + "/plan").Json().at("version").as_int64() == 0) {
      fresh = id;
    }
  }
  ASSERT_NE(fresh, 0);
  auto first = Upload(
      "teacher", "/api/v1/imports/plan?journalId=" + std::to_string(fresh) + "&fileName=ktp.csv&apply=true&version=0",
      "Тема;Часы\r\nВводный урок;1\r\n");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json().at("plan").at("version").as_int64(), 1);
  EXPECT_EQ(
      Upload("teacher",
             "/api/v1/imports/plan?journalId=" + std::to_string(fresh) + "&fileName=ktp.csv&apply=true&version=-1",
             "Тема\r\nx\r\n")
          .ErrorCode(),
      "request.invalid_value");

  const std::string url = "/api/v1/imports/plan?journalId=" + std::to_string(journal_) + "&fileName=ktp.csv";
  const std::string good =
      "№;Раздел;Тема урока;Кол-во часов;Дата по плану\r\n"
      "1;Повторение;Вводный урок;1;01.09.2026\r\n"
      "2;;Повторение пройденного;2;03.09.2026\r\n"
      ";Дроби;;;\r\n"
      "3;;Обыкновенные дроби;3;08.09.2026\r\n";
  auto check = Upload("teacher", url, good);
  ASSERT_EQ(check.status, 200) << check.body;
  const json::value c = check.Json();
  EXPECT_FALSE(c.at("applied").as_bool());
  ASSERT_EQ(c.at("topics").as_array().size(), 3u);
  EXPECT_EQ(c.at("hours").as_int64(), 6);
  EXPECT_EQ(c.at("topics").as_array()[1].at("section").as_string(), "Повторение");
  EXPECT_EQ(c.at("topics").as_array()[2].at("section").as_string(), "Дроби");
  EXPECT_EQ(c.at("topics").as_array()[2].at("plannedOn").as_string(), "2026-09-08");
  EXPECT_EQ(Upload("student", url, good).status, 404);  // a journal they may not open

  const std::string bad = "Тема;Часы\r\nДроби;много\r\nПроценты;2\r\n";
  auto flagged = Upload("teacher", url, bad);
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  ASSERT_EQ(flagged.Json().at("errors").as_array().size(), 1u);
  EXPECT_EQ(flagged.Json().at("errors").as_array()[0].at("line").as_int64(), 2);
  EXPECT_EQ(Upload("teacher", url + "&apply=true&version=" + std::to_string(Version()), bad).ErrorCode(),
            "import.invalid_rows");
  EXPECT_EQ(Upload("teacher", url, "Раздел;Часы\r\nДроби;2\r\n").ErrorCode(), "import.bad_file");

  auto loaded = Upload("teacher", url + "&apply=true&version=" + std::to_string(Version()), good);
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  const json::value plan = loaded.Json().at("plan");
  EXPECT_EQ(plan.at("planHours").as_int64(), 6);
  // Every topic has its date: the plan's hours fall in the first quarter by them.
  EXPECT_EQ(plan.at("periods").as_array()[0].at("planned").as_int64(), 6);
  EXPECT_EQ(plan.at("periods").as_array()[1].at("planned").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlansApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
