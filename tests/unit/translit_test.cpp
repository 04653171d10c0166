#include "domain/translit.h"

#include <gtest/gtest.h>

namespace ej::domain {
namespace {

TEST(TranslitTest, PassportRules) {
  static const struct {
    std::string_view in;
    std::string_view out;
  } kCases[] = {
      {"Иванов", "ivanov"},
      {"Щукин", "shchukin"},
      {"Жуков", "zhukov"},
      {"Хабибуллин", "khabibullin"},
      {"Цветков", "tsvetkov"},
      {"Чернышёв", "chernyshev"},
      {"Юдин", "iudin"},
      {"Яковлев", "iakovlev"},
      {"Ильин", "ilin"},
      {"Подъячев", "podieiachev"},
      {"Крылов", "krylov"},
      {"Эйдельман", "eidelman"},
      {"Салтыков-Щедрин", "saltykovshchedrin"},
      {"ЁЛКИН", "elkin"},
      {"Smith 2", "smith2"},
      {"", ""},
      {"'; DROP", "drop"},
  };
  for (const auto& c : kCases) EXPECT_EQ(TransliterateForLogin(c.in), c.out) << c.in;
}

TEST(TranslitTest, InvalidUtf8IsDropped) {
  EXPECT_EQ(TransliterateForLogin("Ив\xFF"
                                  "ан"),
            "ivan");
  EXPECT_EQ(TransliterateForLogin("\xD0"), "");  // truncated "И"
}

TEST(TranslitTest, Logins) {
  EXPECT_EQ(MakeLogin("Иванов", "Пётр", "Сергеевич"), "ivanov.ps");
  EXPECT_EQ(MakeLogin("Жукова", "Юлия", "Щербаковна"), "zhukova.iushch");
  EXPECT_EQ(MakeLogin("Петрова", "Анна", ""), "petrova.a");
}

}  // namespace
}  // namespace ej::domain
