// The imports' rules through their services, without HTTP, on both backends:
// a roster with a bad row is refused whole and a preview writes nothing; a
// student the school has is skipped and a parent of two children is created
// once; staff get logins nobody has; a FET file's unknown names are listed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/common/principal.h"
#include "service/demo_school_test.h"
#include "service/imports/import_service.h"
#include "support/test_database.h"

namespace ej::service {
namespace {

using domain::ErrorCode;
using storage::Value;

class ImportsServiceTest : public ej::testing::DemoSchoolTest {
 protected:
  void SetUp() override {
    DemoSchoolTest::SetUp();
    auto c = conn_->QueryOne(
        "SELECT c.id, c.grade, c.letter FROM classes c JOIN academic_years y ON y.id = c.year_id"
        " WHERE y.starts_on <= $1 AND y.ends_on >= $1 ORDER BY c.grade, c.letter LIMIT 1",
        {Value{clock_.Today()}});
    class_id_ = c->Int(0);
    class_name_ = ClassName(c->Int(1), c->Text(2));
  }
  int64_t Count(const std::string& sql, std::initializer_list<Value> params = {}) {
    return conn_->QueryOne(sql, params)->Int(0);
  }
  domain::Result<ImportReport> Roster(const std::string& csv, bool apply) {
    RosterImportOptions options;
    options.order_number = "15-у";
    options.order_date = clock_.Today();
    return RosterImportService(clock_).Import(*conn_, ActorOf("secretary"), {csv, "roster.csv"}, options, apply);
  }
  static std::vector<int> Lines(const ImportReport& report) {
    std::vector<int> lines;
    for (const auto& e : report.errors) lines.push_back(e.line);
    return lines;
  }

  int64_t class_id_ = 0;
  std::string class_name_;  // the first class of the year, «1А»
};

constexpr const char* kRosterHeader =
    "Фамилия;Имя;Отчество;Дата рождения;Пол;Класс;Фамилия родителя;Имя родителя;Кем приходится;Телефон\n";

TEST_P(ImportsServiceTest, ARosterWithABadRowIsRefusedWholeWithItsLines) {
  const std::string csv = std::string(kRosterHeader) + "Петров;Пётр;Петрович;01.02.2015;м;" + class_name_ +
                          ";;;;\n"
                          "Сидорова;Анна;;31.02.2015;ж;" +
                          class_name_ +
                          ";;;;\n"
                          "Кузнецов;Олег;;01.01.2015;м;11Я;;;;\n"
                          "Орлова;Вера;;01.01.2015;ж;" +
                          class_name_ + ";Орлов;Павел;сосед;\n";
  const int64_t users = Count("SELECT COUNT(*) FROM users");
  auto preview = Roster(csv, false);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(Lines(*preview), (std::vector<int>{3, 4, 5}));
  EXPECT_NE(preview->errors[0].message.find("31.02.2015"), std::string::npos);
  EXPECT_NE(preview->errors[1].message.find("11Я"), std::string::npos);
  EXPECT_NE(preview->errors[2].message.find("сосед"), std::string::npos);
  ASSERT_EQ(preview->students.size(), 1u);
  EXPECT_EQ(preview->students[0].full_name, "Петров Пётр Петрович");
  EXPECT_FALSE(preview->applied);

  auto applied = Roster(csv, true);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::kImportInvalidRows);
  EXPECT_NE(applied.error().message.find("строка 3"), std::string::npos) << applied.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);  // not even Петров
}

TEST_P(ImportsServiceTest, APreviewWritesNothingAndAnApplyAdmitsTheStudents) {
  const std::string csv = std::string(kRosterHeader) + "Ежевикин;Пётр;Петрович;01.02.2015;;" + class_name_ +
                          ";Ежевикина;Анна;мать;+7 900 000-00-01\n";
  const int64_t users = Count("SELECT COUNT(*) FROM users");
  const int64_t enrolled = Count("SELECT COUNT(*) FROM enrolments WHERE class_id = $1", {Value{class_id_}});
  auto preview = Roster(csv, false);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_TRUE(preview->errors.empty());
  ASSERT_EQ(preview->students.size(), 1u);
  EXPECT_EQ(preview->students[0].sex, "male");  // from the middle name
  EXPECT_EQ(preview->students[0].birth_date, "2015-02-01");
  EXPECT_EQ(preview->students[0].class_name, class_name_);
  EXPECT_FALSE(preview->students[0].exists);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);

  auto applied = Roster(csv, true);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users + 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments WHERE class_id = $1", {Value{class_id_}}), enrolled + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM student_movements WHERE order_number = '15-у'"), 1);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM guardians g JOIN users p ON p.id = g.parent_id JOIN users s ON s.id ="
            " g.student_id WHERE p.last_name = 'Ежевикина' AND s.last_name = 'Ежевикин' AND g.relation = 'mother'"),
      1);
}

TEST_P(ImportsServiceTest, AStudentTheSchoolHasIsMarkedExistsAndSkipped) {
  auto known = conn_->QueryOne(
      "SELECT u.last_name, u.first_name, u.birth_date, u.sex FROM users u JOIN enrolments e ON e.student_id = u.id"
      " WHERE e.class_id = $1 AND e.ends_on IS NULL ORDER BY u.id LIMIT 1",
      {Value{class_id_}});
  ASSERT_TRUE(known.has_value());
  const std::string last = known->Text(0);
  const std::string csv = std::string(kRosterHeader) + last + ";" + known->Text(1) + ";;" + known->Text(2) + ";" +
                          (known->Text(3) == "female" ? "ж" : "м") + ";" + class_name_ +
                          ";;;;\n"
                          "Новикова;Дарья;;05.05.2015;ж;" +
                          class_name_ + ";;;;\n";
  const int64_t users = Count("SELECT COUNT(*) FROM users");
  auto applied = Roster(csv, true);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  ASSERT_EQ(applied->students.size(), 2u);
  EXPECT_TRUE(applied->students[0].exists);
  EXPECT_FALSE(applied->students[1].exists);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE last_name = $1 AND first_name = $2 AND birth_date = $3",
                  {Value{last}, Value{known->Text(1)}, Value{known->Text(2)}}),
            1);
}

TEST_P(ImportsServiceTest, AParentOfTwoChildrenIsCreatedOnce) {
  // Two children with the same mother; the first also with a father, on a row of its own.
  const std::string csv = std::string(kRosterHeader) + "Абрамова;Ксения;Игоревна;12.03.2015;ж;" + class_name_ +
                          ";Абрамова;Ольга;мать;+7 900 111-22-33\n"
                          "Абрамова;Ксения;Игоревна;12.03.2015;ж;" +
                          class_name_ +
                          ";Абрамов;Игорь;отец;+7 900 111-22-44\n"
                          "Абрамов;Илья;Игоревич;20.10.2016;м;" +
                          class_name_ + ";Абрамова;Ольга;мама;+7 900 111-22-33\n";
  const int64_t users = Count("SELECT COUNT(*) FROM users");
  auto applied = Roster(csv, true);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  ASSERT_EQ(applied->students.size(), 2u);
  ASSERT_EQ(applied->students[0].parents.size(), 2u);
  EXPECT_FALSE(applied->students[0].parents[0].shared);
  EXPECT_EQ(applied->students[0].parents[1].relation, "father");
  ASSERT_EQ(applied->students[1].parents.size(), 1u);
  EXPECT_TRUE(applied->students[1].parents[0].shared);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users + 2 + 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users WHERE last_name = 'Абрамова' AND first_name = 'Ольга'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM guardians g JOIN users p ON p.id = g.parent_id"
                  " WHERE p.last_name = 'Абрамова' AND p.first_name = 'Ольга'"),
            2);
}

TEST_P(ImportsServiceTest, StaffGetLoginsFromTheirNamesThatNobodyHas) {
  // Somebody has the login the first name would make.
  conn_->Execute("INSERT INTO users (login, last_name, first_name, created_at) VALUES ($1, $2, $3, $4)",
                 {Value{"kuznetsova.vi"}, Value{"Кузнецова"}, Value{"Вероника"}, Value{clock_.Now()}});
  auto teacher = conn_->QueryOne("SELECT last_name, first_name, middle_name FROM users WHERE login = 'teacher'");
  const std::string header = "Фамилия;Имя;Отчество;Должность;Роль;E-mail\n";
  const std::string rows =
      "Кузнецова;Вера;Ивановна;учитель физики;учитель;\n"
      "Кузнецова;Валентина;Игоревна;;Завуч + учитель;v.kuznetsova@example.ru\n" +
      teacher->Text(0) + ";" + teacher->Text(1) + ";" + teacher->OptText(2).value_or("") + ";;учитель;\n";
  StaffImportService staff(clock_);
  auto bad = staff.Import(*conn_, ActorOf("admin"), {header + rows + "Сидоров;Олег;;;дворник;\n", "staff.csv"},
                          std::nullopt, false);
  ASSERT_TRUE(bad.ok()) << bad.error().message;
  EXPECT_EQ(Lines(*bad), (std::vector<int>{5}));
  EXPECT_NE(bad->errors[0].message.find("дворник"), std::string::npos);
  // The secretary may not import staff.
  auto forbidden = staff.Import(*conn_, ActorOf("secretary"), {header + rows, "staff.csv"}, std::nullopt, false);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);

  const int64_t users = Count("SELECT COUNT(*) FROM users");
  auto applied = staff.Import(*conn_, ActorOf("admin"), {header + rows, "staff.csv"}, std::nullopt, true);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  ASSERT_EQ(applied->staff.size(), 3u);
  EXPECT_EQ(applied->staff[0].login, "kuznetsova.vi2");
  EXPECT_EQ(applied->staff[1].login, "kuznetsova.vi3");
  EXPECT_EQ(applied->staff[1].roles, (std::vector<std::string>{"deputy", "teacher"}));
  EXPECT_TRUE(applied->staff[2].exists);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users + 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.school_id = $1"
                  " WHERE u.login = 'kuznetsova.vi2' AND r.role = 'teacher' AND r.position = 'учитель физики'"
                  " AND u.password_hash IS NULL",
                  {Value{school_}}),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id"
                  " WHERE u.login = 'kuznetsova.vi3' AND u.email = 'v.kuznetsova@example.ru'"),
            2);
}

TEST_P(ImportsServiceTest, AFetTimetableWithAnUnknownTeacherListsItAndWritesNothing) {
  // A lesson the class has in its week now, as FET would write it.
  auto slot = conn_->QueryOne(
      "SELECT ts.weekday, ts.lesson_number, s.name, u.last_name, u.first_name, u.middle_name FROM timetable_slots ts"
      " JOIN subjects s ON s.id = ts.subject_id JOIN users u ON u.id = ts.teacher_id"
      " WHERE ts.class_id = $1 AND ts.valid_to IS NULL ORDER BY ts.weekday, ts.lesson_number LIMIT 1",
      {Value{class_id_}});
  ASSERT_TRUE(slot.has_value());
  static const char* kDays[] = {"", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"};
  const std::string day = kDays[slot->Int(0)];
  const std::string hour = std::to_string(slot->Int(1));
  const std::string teacher = FullName(slot->Text(3), slot->Text(4), slot->OptText(5));
  const std::string header = "Activity Id;Day;Hour;Students Sets;Subject;Teachers;Activity Tags;Room;Comments\n";
  const std::string known = "1;" + day + ";" + hour + ";" + class_name_ + ";" + slot->Text(2) + ";" + teacher + ";;;\n";
  const std::string unknown =
      "2;" + day + ";" + hour + ";" + class_name_ + ";" + slot->Text(2) + ";Неизвестный Иван Иванович;;;\n";
  const int64_t slots =
      Count("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1 AND valid_to IS NULL", {Value{class_id_}});
  FetImportService fet(clock_);

  auto preview = fet.Import(*conn_, ActorOf("deputy"), {{header + known + unknown, "school_timetable.csv"}},
                            std::nullopt, "", false);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->format, "FET CSV");
  EXPECT_TRUE(preview->errors.empty());
  ASSERT_EQ(preview->unmatched.size(), 1u);
  EXPECT_EQ(preview->unmatched[0].kind, "teacher");
  EXPECT_EQ(preview->unmatched[0].name, "Неизвестный Иван Иванович");
  EXPECT_EQ(preview->unmatched[0].lines, (std::vector<int>{3}));
  ASSERT_EQ(preview->timetable.size(), 1u);
  EXPECT_EQ(preview->timetable[0].target, class_name_);
  EXPECT_EQ(preview->timetable[0].slots, 1);

  auto refused = fet.Import(*conn_, ActorOf("deputy"), {{header + known + unknown, "school_timetable.csv"}},
                            std::nullopt, "", true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kImportInvalidRows);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1 AND valid_to IS NULL", {Value{class_id_}}),
            slots);

  // Without it the class's week becomes that one lesson.
  auto applied =
      fet.Import(*conn_, ActorOf("deputy"), {{header + known, "school_timetable.csv"}}, std::nullopt, "", true);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM timetable_slots WHERE class_id = $1 AND valid_to IS NULL", {Value{class_id_}}),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportsServiceTest, ::testing::ValuesIn(ej::testing::TestBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::service
