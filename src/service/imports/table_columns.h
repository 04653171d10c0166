// Columns of a table from a file people upload, found by their header
// names, and the values people type in them.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/table.h"

namespace ej::service::table_columns {

// Lower case for Cyrillic and Latin, "ё" as "е", single spaces: how headers
// and words from people's files are compared.
std::string Fold(std::string_view text);

// What a header means, by its folded spellings.
struct ColumnDef {
  std::string_view key;
  std::initializer_list<std::string_view> names;
  bool required;
};

struct Columns {
  std::map<std::string, size_t> index;
  std::vector<std::string> recognized, ignored, missing;

  // The trimmed cell of a column in a row; "" if the column or cell is absent.
  std::string Get(const formats::Row& row, std::string_view key) const;
};

// Missing required columns are named as a header would say them: «Фамилия».
Columns MatchColumns(const formats::Row& header, std::initializer_list<ColumnDef> defs);

// "12.03.2015", "1.3.2015", "2015-03-12" -> "2015-03-12".
std::optional<std::string> ParseRussianDate(const std::string& text);

// "5Д", "5 д", "5-Д" -> grade 5, letter "Д".
std::optional<std::pair<int, std::string>> ParseClassName(const std::string& text);

}  // namespace ej::service::table_columns
