#include <algorithm>
#include <array>

#include "domain/utf8.h"
#include "formats/table.h"

namespace ej::formats {

using domain::Error;
using domain::ErrorCode;

namespace {

char DetectSeparator(std::string_view text) {
  static constexpr std::array<char, 4> kCandidates = {';', ',', '\t', '|'};
  std::array<int, 4> counts{};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (quoted) continue;
    for (size_t i = 0; i < kCandidates.size(); ++i) {
      if (c == kCandidates[i]) ++counts[i];
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < kCandidates.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return counts[best] > 0 ? kCandidates[best] : ';';
}

}  // namespace

domain::Result<Table> ParseCsv(std::string_view text, char separator) {
  Table table;
  table.format = "CSV";
  table.separator = separator ? separator : DetectSeparator(text);
  Row row;
  std::string cell;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // the current cell had quotes (keep its spaces)
  int line = 1;
  int quote_line = 0;
  row.line = 1;
  auto end_cell = [&] {
    row.cells.push_back(was_quoted ? cell : std::string(domain::Trim(cell)));
    cell.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    const bool empty = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return c.empty(); });
    if (!empty) table.rows.push_back(std::move(row));
    row = Row{};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && domain::Trim(cell).empty()) {
      cell.clear();
      quoted = true;
      was_quoted = true;
      quote_line = line;
    } else if (c == table.separator) {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      row.line = line;
    } else {
      cell.push_back(c);
    }
  }
  if (quoted) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "строка " + std::to_string(quote_line) + ": кавычка открыта и не закрыта");
  }
  if (!cell.empty() || !row.cells.empty()) end_row();
  return table;
}

}  // namespace ej::formats
