#include "domain/russian_names.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ej::domain {
namespace {

TEST(RussianNamesTest, FemaleSurnames) {
  static const struct {
    std::string_view male;
    std::string_view female;
  } kCases[] = {
      {"Иванов", "Иванова"},      {"Соловьёв", "Соловьёва"},    {"Васильев", "Васильева"}, {"Ильин", "Ильина"},
      {"Птицын", "Птицына"},      {"Вишневский", "Вишневская"}, {"Троицкий", "Троицкая"},  {"Толстой", "Толстая"},
      {"Красный", "Красная"},     {"Черных", "Черных"},         {"Долгих", "Долгих"},      {"Шевченко", "Шевченко"},
      {"Ковальчук", "Ковальчук"}, {"Дурново", "Дурново"},
  };
  for (const auto& c : kCases) EXPECT_EQ(FeminineSurname(c.male), c.female) << c.male;
}

TEST(RussianNamesTest, Patronymics) {
  static const struct {
    std::string_view father;
    std::string_view son;
    std::string_view daughter;
  } kCases[] = {
      {"Иван", "Иванович", "Ивановна"},        {"Сергей", "Сергеевич", "Сергеевна"},
      {"Никита", "Никитич", "Никитична"},      {"Илья", "Ильич", "Ильинична"},
      {"Лев", "Львович", "Львовна"},           {"Павел", "Павлович", "Павловна"},
      {"Пётр", "Петрович", "Петровна"},        {"Михаил", "Михайлович", "Михайловна"},
      {"Николай", "Николаевич", "Николаевна"}, {"Алексей", "Алексеевич", "Алексеевна"},
      {"Дмитрий", "Дмитриевич", "Дмитриевна"}, {"Юрий", "Юрьевич", "Юрьевна"},
      {"Фома", "Фомич", "Фоминична"},          {"Кузьма", "Кузьмич", "Кузьминична"},
      {"Олег", "Олегович", "Олеговна"},        {"Игорь", "Игоревич", "Игоревна"},
      {"Василий", "Васильевич", "Васильевна"}, {"Георгий", "Георгиевич", "Георгиевна"},
      {"Яков", "Яковлевич", "Яковлевна"},      {"Артём", "Артёмович", "Артёмовна"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(Patronymic(c.father, Sex::kMale), c.son) << c.father;
    EXPECT_EQ(Patronymic(c.father, Sex::kFemale), c.daughter) << c.father;
  }
}

TEST(RussianNamesTest, EveryAdultMaleNameMakesAPatronymic) {
  for (std::string_view name : AdultMaleNames()) {
    std::string son = Patronymic(name, Sex::kMale);
    std::string daughter = Patronymic(name, Sex::kFemale);
    EXPECT_TRUE(son.ends_with("вич") || son.ends_with("ич")) << name << " " << son;
    EXPECT_TRUE(daughter.ends_with("вна") || daughter.ends_with("чна")) << name << " " << daughter;
    EXPECT_FALSE(son.ends_with("йович") || son.ends_with("ьович") || son.ends_with("аович")) << name << " " << son;
  }
}

TEST(RussianNamesTest, ListsAreLargeEnoughAndHaveNoDuplicates) {
  struct List {
    std::span<const std::string_view> names;
    size_t min;
  } lists[] = {{MaleSurnames(), 150},
               {ChildMaleNames(), 60},
               {ChildFemaleNames(), 60},
               {AdultMaleNames(), 60},
               {AdultFemaleNames(), 60}};
  for (const auto& l : lists) {
    EXPECT_GE(l.names.size(), l.min);
    std::set<std::string_view> unique(l.names.begin(), l.names.end());
    EXPECT_EQ(unique.size(), l.names.size());
  }
}

TEST(RussianNamesTest, SexStrings) {
  EXPECT_EQ(ParseSex(ToString(Sex::kMale)), Sex::kMale);
  EXPECT_EQ(ParseSex(ToString(Sex::kFemale)), Sex::kFemale);
  EXPECT_FALSE(ParseSex("m").has_value());
}

}  // namespace
}  // namespace ej::domain
