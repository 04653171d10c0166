// The demo school's calendar and bells (its other fixed tables are in the header).
#include "demo/demo_tables.h"

namespace ej::service::demo {

domain::YearCalendar DemoCalendar(int y) {
  using domain::HolidayKind;
  using domain::PeriodKind;
  auto d = [](int year, unsigned month, unsigned day) {
    return domain::Date{date::year{year} / date::month{month} / date::day{day}};
  };
  const int n = y + 1;
  domain::YearCalendar c;
  c.starts_on = d(y, 9, 1);
  c.ends_on = d(n, 8, 31);
  c.working_days = 5;
  c.periods = {
      {1, "1 четверть", PeriodKind::kQuarter, d(y, 9, 1), d(y, 10, 24), 1, 9},
      {2, "2 четверть", PeriodKind::kQuarter, d(y, 11, 5), d(y, 12, 28), 1, 9},
      {3, "3 четверть", PeriodKind::kQuarter, d(n, 1, 12), d(n, 3, 20), 1, 9},
      {4, "4 четверть", PeriodKind::kQuarter, d(n, 3, 30), d(n, 5, 26), 1, 9},
      {1, "1 полугодие", PeriodKind::kHalf, d(y, 9, 1), d(y, 12, 28), 10, 11},
      {2, "2 полугодие", PeriodKind::kHalf, d(n, 1, 12), d(n, 5, 26), 10, 11},
  };
  c.holidays = {
      {"Осенние каникулы", HolidayKind::kVacation, d(y, 10, 25), d(y, 11, 4), 1, 11},
      {"Зимние каникулы", HolidayKind::kVacation, d(y, 12, 29), d(n, 1, 11), 1, 11},
      {"Дополнительные каникулы для первоклассников", HolidayKind::kVacation, d(n, 2, 15), d(n, 2, 21), 1, 1},
      {"Весенние каникулы", HolidayKind::kVacation, d(n, 3, 21), d(n, 3, 29), 1, 11},
      {"День защитника Отечества", HolidayKind::kHoliday, d(n, 2, 23), d(n, 2, 23), 1, 11},
      {"Международный женский день", HolidayKind::kHoliday, d(n, 3, 8), d(n, 3, 8), 1, 11},
      {"Праздник Весны и Труда", HolidayKind::kHoliday, d(n, 5, 1), d(n, 5, 1), 1, 11},
      {"День Победы", HolidayKind::kHoliday, d(n, 5, 9), d(n, 5, 9), 1, 11},
  };
  return c;
}

std::vector<domain::BellSchedule> DemoBells() {
  unsigned weekdays = 0;
  for (int d = 1; d <= 5; ++d) weekdays |= domain::WeekdayBit(d);
  domain::BellSchedule main{"Основное расписание звонков", 1, weekdays, {}};
  static constexpr int kBreaks[] = {10, 20, 20, 10, 10, 10, 10};
  int start = 8 * 60 + 30;
  for (int n = 1; n <= 8; ++n) {
    main.lessons.push_back({n, start, start + 45});
    if (n < 8) start += 45 + kBreaks[n - 1];
  }
  return {main};
}

std::vector<std::string_view> SectionsOf(std::string_view subject) {
  if (subject == "Русский язык") {
    return {"Повторение изученного",
            "Фонетика и орфоэпия",
            "Морфемика и словообразование",
            "Лексикология",
            "Имя существительное",
            "Имя прилагательное",
            "Глагол",
            "Синтаксис и пунктуация"};
  }
  if (subject == "Математика" || subject == "Алгебра") {
    return {"Повторение",       "Натуральные числа", "Делимость чисел",  "Обыкновенные дроби",
            "Десятичные дроби", "Уравнения",         "Линейная функция", "Степень с натуральным показателем"};
  }
  if (subject == "Геометрия") {
    return {"Начальные геометрические сведения", "Треугольники", "Параллельные прямые",
            "Соотношения между сторонами и углами треугольника"};
  }
  if (subject == "Литература" || subject == "Литературное чтение") {
    return {"Устное народное творчество", "Басни", "А. С. Пушкин", "М. Ю. Лермонтов", "Н. В. Гоголь",
            "Русская литература XIX века"};
  }
  if (subject == "Английский язык") {
    return {"Повторение: Present Simple", "My family", "School life", "Past Simple", "Holidays and travelling"};
  }
  if (subject == "История") return {"Древний мир", "Средние века", "Русь в IX–XII веках", "Раздробленность Руси"};
  if (subject == "Физика") return {"Введение", "Строение вещества", "Движение и взаимодействие тел", "Давление"};
  if (subject == "Биология") return {"Введение в биологию", "Клетка", "Ткани", "Органы и системы органов"};
  if (subject == "География") return {"Земля во Вселенной", "Литосфера", "Гидросфера", "Атмосфера"};
  if (subject == "Химия") return {"Первоначальные химические понятия", "Кислород", "Водород", "Вода. Растворы"};
  return {"Введение", "Основные понятия", "Практикум", "Обобщение и систематизация"};
}

}  // namespace ej::service::demo
