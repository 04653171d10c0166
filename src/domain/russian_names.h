// Russian personal names for the demo school: frequency-realistic lists and
// the grammar that joins them (female surnames, patronymics).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/sex.h"

namespace ej::domain {

// Common Russian surnames in their male form.
std::span<const std::string_view> MaleSurnames();
// First names of children born 2008-2019 and of adults born 1960-1995: the
// fashion differs. Every adult male name forms a patronymic by Patronymic().
std::span<const std::string_view> ChildMaleNames();
std::span<const std::string_view> ChildFemaleNames();
std::span<const std::string_view> AdultMaleNames();
std::span<const std::string_view> AdultFemaleNames();

// The female form of a male surname: Иванов → Иванова, Толстой → Толстая,
// Вишневский → Вишневская; indeclinable ones (Черных, Шевченко) unchanged.
std::string FeminineSurname(std::string_view male_surname);

// The patronymic a child of `father_first_name` gets: Сергей → Сергеевич /
// Сергеевна, Илья → Ильич / Ильинична, Юрий → Юрьевич / Юрьевна.
std::string Patronymic(std::string_view father_first_name, Sex sex);

}  // namespace ej::domain
