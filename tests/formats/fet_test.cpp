#include "formats/fet.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ej::formats {
namespace {

std::string Data(const std::string& name) {
  std::ifstream in(std::string(EJ_TEST_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Hours(const std::vector<FetPlacement>& placements) {
  std::string out;
  for (const auto& p : placements) out += p.activity_id + ":" + p.day + "/" + p.hour + "@" + p.room + " ";
  return out;
}

TEST(FetTest, TellsItsXmlFilesApart) {
  EXPECT_EQ(DetectFetXml(Data("school.fet")), FetXmlKind::kData);
  EXPECT_EQ(DetectFetXml(Data("school_activities.xml")), FetXmlKind::kActivities);
  EXPECT_EQ(DetectFetXml(Data("school_timetable.csv")), FetXmlKind::kNone);
  EXPECT_EQ(DetectFetXml("<?xml version=\"1.0\"?><html/>"), FetXmlKind::kNone);
}

// A double lesson covers two hours of Hours_List; an inactive activity is
// left out; both ways of giving the placements read the same.
TEST(FetTest, DataFileWithActivitiesOrWithTheTimetableLockedIn) {
  auto pair = ParseFetTimetableXml(Data("school.fet"), Data("school_activities.xml"));
  ASSERT_TRUE(pair) << pair.error().message;
  EXPECT_EQ(Hours(*pair),
            "1:Понедельник/1@Каб. 51 1:Понедельник/2@Каб. 51 2:Вторник/1@Каб. 52 3:Вторник/1@Каб. 51 4:Среда/3@ ");
  ASSERT_EQ((*pair)[2].students_sets, std::vector<std::string>{"5Е гр. 1"});
  EXPECT_EQ((*pair)[2].teachers, std::vector<std::string>{"Зайцев Пётр Андреевич"});
  EXPECT_EQ((*pair)[2].tags, std::vector<std::string>{"Подгруппа"});
  EXPECT_EQ((*pair)[0].subject, "Математика");
  EXPECT_GT((*pair)[0].line, 1);  // where the <Activity> is in the .fet file
  auto locked = ParseFetTimetableXml(Data("school_data_and_timetable.fet"), "");
  ASSERT_TRUE(locked) << locked.error().message;
  EXPECT_EQ(Hours(*locked), Hours(*pair));
}

TEST(FetTest, AnInputFileWithoutATimetableIsRefused) {
  auto input = ParseFetTimetableXml(Data("school.fet"), "");
  ASSERT_FALSE(input);
  EXPECT_NE(input.error().message.find("не размещено"), std::string::npos);
  EXPECT_FALSE(ParseFetTimetableXml("<fet><Activities_List>", ""));
  EXPECT_FALSE(ParseFetTimetableXml("<html/>", ""));
  // A double lesson that would run past the last hour of the day.
  const std::string data =
      "<fet><Hours_List><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour></Hours_List>"
      "<Activities_List><Activity><Teacher>T</Teacher><Subject>S</Subject><Students>5А</Students>"
      "<Duration>2</Duration><Id>1</Id><Active>true</Active></Activity></Activities_List></fet>";
  const std::string placed =
      "<Activities_Timetable><Activity><Id>1</Id><Day>Пн</Day><Hour>2</Hour><Room></Room></Activity>"
      "</Activities_Timetable>";
  auto past = ParseFetTimetableXml(data, placed);
  ASSERT_FALSE(past);
  EXPECT_NE(past.error().message.find("последний час"), std::string::npos);
}

}  // namespace
}  // namespace ej::formats
