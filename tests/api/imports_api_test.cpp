// Imports over HTTP on both backends, with the real-shaped files of
// tests/data: preview, all-or-nothing apply, per-row errors, files that are
// not what they claim, and who may import.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "api/demo_server_test.h"

namespace ej::testing {
namespace {

namespace json = boost::json;
using storage::Value;

std::string Data(const std::string& name) {
  std::ifstream in(std::string(EJ_TEST_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ImportsApiTest : public DemoServerTest {
 protected:
  void SetUp() override {
    StartDemo("imports", 1);
    if (HasFatalFailure()) return;
    // The files put their children in 5Д: the school makes that class first.
    auto classes = As("admin").Get("/api/v1/classes").Json();
    bool has_5d = false;
    for (const auto& c : classes.at("items").as_array()) has_5d = has_5d || c.at("name").as_string() == "5Д";
    if (!has_5d) {
      ASSERT_EQ(As("admin").Post("/api/v1/classes", R"({"grade": 5, "letter": "Д"})").status, 201);
    }
  }
  HttpResponse Upload(const std::string& who, const std::string& kind, const std::string& file, const std::string& name,
                      const std::string& query) {
    const ApiSession& s = As(who);
    return client_->Send(
        "POST", "/api/v1/imports/" + kind + "?fileName=" + name + query, file,
        {{"Cookie", s.cookie()}, {"X-CSRF-Token", s.csrf()}, {"Content-Type", "application/octet-stream"}});
  }
  int64_t Count(const std::string& sql) { return server_->OpenDatabase()->QueryOne(sql)->Int(0); }
  static constexpr const char* kOrder = "&orderNumber=15-%D1%83&orderDate=2026-09-01";
};

TEST_P(ImportsApiTest, ACp1251RosterIsPreviewedThenApplied) {
  const std::string file = Data("roster_cp1251.csv");
  for (const char* who : {"teacher", "classteacher", "student", "parent"}) {
    EXPECT_EQ(Upload(who, "roster", file, "list.csv", "").status, 403) << who;
  }
  const int64_t before = Count("SELECT COUNT(*) FROM users");
  auto preview = Upload("secretary", "roster", file, "list.csv", "");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value p = preview.Json();
  EXPECT_EQ(p.at("file").at("encoding").as_string(), "windows-1251");
  EXPECT_EQ(p.at("file").at("separator").as_string(), ";");
  EXPECT_TRUE(p.at("errors").as_array().empty()) << json::serialize(p.at("errors"));
  const auto& students = p.at("students").as_array();
  ASSERT_EQ(students.size(), 3u);  // Абрамова appears on two rows, one per parent
  EXPECT_EQ(students[0].at("fullName").as_string(), "Абрамова Ксения Игоревна");
  EXPECT_EQ(students[0].at("birthDate").as_string(), "2015-03-12");
  EXPECT_EQ(students[0].at("parents").as_array().size(), 2u);
  EXPECT_EQ(students[2].at("fullName").as_string(), "Ёлкина Алёна");
  EXPECT_EQ(students[2].at("sex").as_string(), "female");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), before);  // a preview writes nothing
  // Applying needs the admission order.
  EXPECT_EQ(Upload("secretary", "roster", file, "list.csv", "&apply=true").status, 400);
  auto applied = Upload("secretary", "roster", file, "list.csv", std::string("&apply=true") + kOrder);
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), before + 3 + 4);  // three children, four parents
  EXPECT_EQ(Count("SELECT COUNT(*) FROM student_movements WHERE order_number = '15-у'"), 3);
  // Again: the same children are recognised, nothing doubles.
  auto again = Upload("secretary", "roster", file, "list.csv", std::string("&apply=true") + kOrder);
  ASSERT_EQ(again.status, 201) << again.body;
  const json::value again_body = again.Json();
  for (const auto& s : again_body.at("students").as_array()) EXPECT_EQ(s.at("action").as_string(), "exists");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), before + 7);
}

TEST_P(ImportsApiTest, XlsxAndBomCsvAreReadToo) {
  auto xlsx = Upload("admin", "roster", Data("roster.xlsx"), "roster.xlsx", "");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  const json::value x = xlsx.Json();
  EXPECT_EQ(x.at("file").at("format").as_string(), "XLSX");
  ASSERT_EQ(x.at("students").as_array().size(), 3u) << json::serialize(x.at("errors"));
  EXPECT_EQ(x.at("students").as_array()[0].at("birthDate").as_string(), "2015-03-10");
  EXPECT_EQ(x.at("students").as_array()[2].at("birthDate").as_string(), "2014-09-15");
  auto bom = Upload("admin", "roster", Data("roster_utf8_bom.csv"), "roster.csv", "");
  ASSERT_EQ(bom.status, 200) << bom.body;
  EXPECT_EQ(bom.Json().at("file").at("encoding").as_string(), "UTF-8 BOM");
  EXPECT_EQ(bom.Json().at("students").as_array().size(), 3u);
}

TEST_P(ImportsApiTest, BadRowsAreListedAndNothingIsWritten) {
  const std::string csv =
      "Фамилия;Имя;Отчество;Дата рождения;Пол;Класс;Любимый цвет\n"
      "Петров;Пётр;Петрович;01.02.2015;м;5Д;синий\n"
      "Сидорова;Анна;;31.02.2015;ж;5Д;\n"
      ";Иван;;01.01.2015;м;5Д;\n"
      "Кузнецов;Олег;;01.01.2015;м;9Я;\n"
      "Орлова;Вера;;01.01.2015;?;5Д;\n";
  const int64_t before = Count("SELECT COUNT(*) FROM users");
  auto r = Upload("secretary", "roster", csv, "bad.csv", std::string("&apply=true") + kOrder);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.ErrorCode(), "import.invalid_rows");
  const json::value v = r.Json();
  const auto& errors = v.at("report").at("errors").as_array();
  ASSERT_EQ(errors.size(), 4u) << json::serialize(errors);
  EXPECT_EQ(errors[0].at("line").as_int64(), 3);
  EXPECT_NE(errors[0].at("message").as_string().find("31.02.2015"), json::string::npos);
  EXPECT_NE(errors[1].at("message").as_string().find("фамилия"), json::string::npos);
  EXPECT_NE(errors[2].at("message").as_string().find("9Я"), json::string::npos);
  EXPECT_EQ(v.at("report").at("ignoredColumns").as_array().at(0).as_string(), "Любимый цвет");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), before);
  // A file without the needed columns.
  auto columns = Upload("secretary", "roster", std::string("ФИО;Класс\nИванов Иван;5Д\n"), "x.csv", "");
  EXPECT_EQ(columns.ErrorCode(), "import.bad_file");
  EXPECT_NE(columns.Json().at("error").at("message").as_string().find("Фамилия"), json::string::npos);
}

TEST_P(ImportsApiTest, FilesThatAreNotWhatTheyClaim) {
  EXPECT_EQ(Upload("admin", "roster", Data("document_named.xlsx"), "roster.xlsx", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(Upload("admin", "roster", Data("text_named.xlsx"), "roster.xlsx", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(Upload("admin", "roster", Data("roster.xlsx"), "roster.csv", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(Upload("admin", "roster", "", "roster.csv", "").ErrorCode(), "import.bad_file");
}

TEST_P(ImportsApiTest, StaffFromExcelGetLoginsFromTheirNames) {
  EXPECT_EQ(Upload("secretary", "staff", Data("staff.xlsx"), "staff.xlsx", "").status, 403);
  auto preview = Upload("admin", "staff", Data("staff.xlsx"), "staff.xlsx", "");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value body = preview.Json();
  const auto& staff = body.at("staff").as_array();
  ASSERT_EQ(staff.size(), 2u) << preview.body;
  EXPECT_EQ(staff[0].at("login").as_string(), "kuznetsova.vi");
  EXPECT_EQ(staff[1].at("roles").as_array()[0].as_string(), "deputy");
  auto applied = Upload("admin", "staff", Data("staff.xlsx"), "staff.xlsx", "&apply=true");
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id"
                  " WHERE u.login = 'kuznetsova.vi' AND r.role = 'teacher' AND r.position = 'учитель физики'"),
            1);
  // Their codes come from the credentials endpoint.
  auto id = server_->OpenDatabase()->QueryOne("SELECT id FROM users WHERE login = 'kuznetsova.vi'")->Int(0);
  EXPECT_EQ(As("admin").Post("/api/v1/credentials", json::serialize(json::object{{"userIds", json::array{id}}})).status,
            200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportsApiTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing

namespace ej::testing {
namespace {

// A FET timetable (its CSV export) for a class with two language subgroups.
TEST_P(ImportsApiTest, AFetTimetableSetsTheWeeksOfItsClassesAndGroups) {
  auto db = server_->OpenDatabase();
  const int64_t cls = [&] {
    auto r = As("admin").Post("/api/v1/classes", R"({"grade": 5, "letter": "Г"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().at("id").as_int64();
  }();
  const int64_t english = db->QueryOne("SELECT id FROM subjects WHERE name = 'Английский язык' LIMIT 1")->Int(0);
  for (const char* g : {"5Г гр. 1", "5Г гр. 2"}) {
    ASSERT_EQ(
        As("deputy")
            .Post("/api/v1/groups", json::serialize(json::object{
                                        {"kind", "subgroup"}, {"name", g}, {"classId", cls}, {"subjectId", english}}))
            .status,
        201);
  }
  for (auto [login, last, first, middle] : {std::tuple{"lebedeva.np", "Лебедева", "Нина", "Павловна"},
                                            std::tuple{"kovalev.ai", "Ковалёв", "Артём", "Игоревич"}}) {
    ASSERT_EQ(As("admin")
                  .Post("/api/v1/users", json::serialize(json::object{{"login", login},
                                                                      {"password", "secret-password-1"},
                                                                      {"lastName", last},
                                                                      {"firstName", first},
                                                                      {"middleName", middle},
                                                                      {"roles", json::array{"teacher"}}}))
                  .status,
              201);
  }
  for (const char* room : {"Каб. 41", "Каб. 42"}) {
    ASSERT_EQ(As("admin").Post("/api/v1/rooms", json::serialize(json::object{{"name", room}})).status, 201);
  }
  const std::string file = Data("school_timetable.csv");
  EXPECT_EQ(Upload("teacher", "fet", file, "school_timetable.csv", "").status, 403);
  auto preview = Upload("deputy", "fet", file, "school_timetable.csv", "");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value p = preview.Json();
  EXPECT_TRUE(p.at("unmatched").as_array().empty()) << json::serialize(p.at("unmatched"));
  EXPECT_TRUE(p.at("errors").as_array().empty()) << json::serialize(p.at("errors"));
  std::map<std::string, int64_t> slots;
  for (const auto& t : p.at("timetable").as_array())
    slots[std::string(t.at("target").as_string())] = t.at("slots").as_int64();
  EXPECT_EQ(slots, (std::map<std::string, int64_t>{{"5Г", 3}, {"5Г гр. 1", 1}, {"5Г гр. 2", 1}}));
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1", {Value{cls}})->Int(0), 0);
  auto applied = Upload("deputy", "fet", file, "school_timetable.csv", "&apply=true");
  ASSERT_EQ(applied.status, 201) << applied.body;
  auto week = As("deputy").Get("/api/v1/timetable/template?classId=" + std::to_string(cls)).Json();
  ASSERT_EQ(week.at("slots").as_array().size(), 3u);
  EXPECT_EQ(week.at("slots").as_array()[1].at("lessonNumber").as_int64(), 2);  // the double lesson's second hour
  EXPECT_EQ(week.at("slots").as_array()[0].at("teacher").at("fullName").as_string(), "Лебедева Нина Павловна");

  // Names the school doesn't have are listed, not guessed; nothing is written.
  const std::string bad =
      "Activity Id;Day;Hour;Students Sets;Subject;Teachers;Activity Tags;Room;Comments\n"
      "7;Четверг;1;5Я;Математика;Лебедева Нина Павловна;;;\n"
      "8;Четверг;2;5Г;Астрология;Неизвестный Иван Иванович;;;\n"
      "9;Funday;3;5Г;Математика;Лебедева Нина Павловна+Ковалёв Артём Игоревич;;;\n"
      "10;Пятница;;5Г;Математика;Лебедева Нина Павловна;;;\n";
  auto refused = Upload("deputy", "fet", bad, "other_timetable.csv", "&apply=true");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json::value r = refused.Json();
  std::set<std::string> kinds;
  for (const auto& u : r.at("report").at("unmatched").as_array()) kinds.insert(std::string(u.at("kind").as_string()));
  EXPECT_EQ(kinds, (std::set<std::string>{"students", "subject", "teacher", "day"}));
  EXPECT_EQ(r.at("report").at("errors").as_array().size(), 2u);  // two teachers; not placed
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1 AND valid_to IS NULL", {Value{cls}})
                ->Int(0),
            3);
  // Not a FET export at all.
  EXPECT_EQ(Upload("deputy", "fet", Data("roster_cp1251.csv"), "roster.csv", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(Upload("deputy", "fet", Data("roster.xlsx"), "roster.xlsx", "").ErrorCode(), "import.bad_file");
}

// FET's XML: the data file with <name>_activities.xml (two files as JSON), or
// <name>_data_and_timetable.fet alone (the timetable locked in the data).
TEST_P(ImportsApiTest, AFetXmlTimetableFromItsDataAndActivitiesFiles) {
  auto db = server_->OpenDatabase();
  const int64_t cls = [&] {
    auto r = As("admin").Post("/api/v1/classes", R"({"grade": 5, "letter": "Е"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().at("id").as_int64();
  }();
  const int64_t english = db->QueryOne("SELECT id FROM subjects WHERE name = 'Английский язык' LIMIT 1")->Int(0);
  for (const char* g : {"5Е гр. 1", "5Е гр. 2"}) {
    ASSERT_EQ(
        As("deputy")
            .Post("/api/v1/groups", json::serialize(json::object{
                                        {"kind", "subgroup"}, {"name", g}, {"classId", cls}, {"subjectId", english}}))
            .status,
        201);
  }
  for (auto [login, last, first, middle] : {std::tuple{"orlova.ms", "Орлова", "Мария", "Сергеевна"},
                                            std::tuple{"zaitsev.pa", "Зайцев", "Пётр", "Андреевич"}}) {
    ASSERT_EQ(As("admin")
                  .Post("/api/v1/users", json::serialize(json::object{{"login", login},
                                                                      {"password", "secret-password-1"},
                                                                      {"lastName", last},
                                                                      {"firstName", first},
                                                                      {"middleName", middle},
                                                                      {"roles", json::array{"teacher"}}}))
                  .status,
              201);
  }
  for (const char* room : {"Каб. 51", "Каб. 52"}) {
    ASSERT_EQ(As("admin").Post("/api/v1/rooms", json::serialize(json::object{{"name", room}})).status, 201);
  }
  auto send = [&](const std::string& who, const json::array& files, const std::string& query) {
    const ApiSession& s = As(who);
    return client_->Send("POST", "/api/v1/imports/fet?x=1" + query, json::serialize(json::object{{"files", files}}),
                         {{"Cookie", s.cookie()}, {"X-CSRF-Token", s.csrf()}, {"Content-Type", "application/json"}});
  };
  const json::array pair = {json::object{{"name", "school.fet"}, {"text", Data("school.fet")}},
                            json::object{{"name", "school_activities.xml"}, {"text", Data("school_activities.xml")}}};
  EXPECT_EQ(send("teacher", pair, "").status, 403);
  auto preview = send("deputy", pair, "");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value p = preview.Json();
  EXPECT_EQ(p.at("file").at("format").as_string(), "FET XML");
  EXPECT_TRUE(p.at("unmatched").as_array().empty()) << json::serialize(p.at("unmatched"));
  EXPECT_TRUE(p.at("errors").as_array().empty()) << json::serialize(p.at("errors"));
  std::map<std::string, int64_t> slots;
  for (const auto& t : p.at("timetable").as_array())
    slots[std::string(t.at("target").as_string())] = t.at("slots").as_int64();
  // The double lesson is two hours; the inactive activity is left out.
  EXPECT_EQ(slots, (std::map<std::string, int64_t>{{"5Е", 3}, {"5Е гр. 1", 1}, {"5Е гр. 2", 1}}));
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1", {Value{cls}})->Int(0), 0);

  // The same timetable from the one file FET writes with the data and the timetable.
  const std::string locked = Data("school_data_and_timetable.fet");
  auto applied = Upload("deputy", "fet", locked, "school_data_and_timetable.fet", "&apply=true");
  ASSERT_EQ(applied.status, 201) << applied.body;
  auto week = As("deputy").Get("/api/v1/timetable/template?classId=" + std::to_string(cls)).Json();
  ASSERT_EQ(week.at("slots").as_array().size(), 3u);
  EXPECT_EQ(week.at("slots").as_array()[0].at("weekday").as_int64(), 1);
  EXPECT_EQ(week.at("slots").as_array()[1].at("lessonNumber").as_int64(), 2);
  EXPECT_EQ(week.at("slots").as_array()[0].at("teacher").at("fullName").as_string(), "Орлова Мария Сергеевна");
  EXPECT_EQ(week.at("slots").as_array()[0].at("room").at("name").as_string(), "Каб. 51");

  // Files that are not the result of a FET run: refused whole, nothing written.
  const int64_t slots_now = db->QueryOne("SELECT COUNT(*) FROM timetable_slots")->Int(0);
  auto alone = send("deputy", json::array{pair[1]}, "&apply=true");
  EXPECT_EQ(alone.ErrorCode(), "import.bad_file") << alone.body;
  auto input = Upload("deputy", "fet", Data("school.fet"), "school.fet", "&apply=true");
  EXPECT_EQ(input.ErrorCode(), "import.bad_file");
  EXPECT_NE(input.Json().at("error").at("message").as_string().find("_activities.xml"), json::string::npos);
  EXPECT_EQ(Upload("deputy", "fet", "<?xml version=\"1.0\"?><html/>", "page.xml", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(Upload("deputy", "fet", "<fet><Activities_List>", "broken.fet", "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(send("deputy", json::array{pair[0], pair[0]}, "").ErrorCode(), "import.bad_file");
  EXPECT_EQ(send("deputy", json::array{json::object{{"name", 1}}}, "").ErrorCode(), "request.invalid_value");
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM timetable_slots")->Int(0), slots_now);
}

}  // namespace
}  // namespace ej::testing
