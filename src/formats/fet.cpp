#include "formats/fet.h"

#include <algorithm>
#include <map>

#include "domain/utf8.h"
#include "formats/table.h"

namespace ej::formats {

using domain::Error;
using domain::ErrorCode;

namespace {

std::string Lower(std::string_view s) {
  std::string out(domain::Trim(s));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string> SplitPlus(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t plus = std::min(s.find('+', start), s.size());
    std::string part(domain::Trim(std::string_view(s).substr(start, plus - start)));
    if (!part.empty()) out.push_back(std::move(part));
    start = plus + 1;
  }
  return out;
}

}  // namespace

domain::Result<std::vector<FetPlacement>> ParseFetTimetableCsv(std::string_view bytes) {
  auto text = DecodeText(bytes);
  if (!text) return text.error();
  auto table = ParseCsv(text->utf8);
  if (!table) return table.error();
  if (table->rows.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "файл пустой");
  static const std::pair<const char*, const char*> kColumns[] = {
      {"activity id", "Activity Id"}, {"day", "Day"},       {"hour", "Hour"},
      {"students sets", "Students Sets"}, {"subject", "Subject"}, {"teachers", "Teachers"},
      {"activity tags", "Activity Tags"}, {"room", "Room"},     {"comments", "Comments"}};
  std::map<std::string, size_t> index;
  const Row& header = table->rows.front();
  for (size_t i = 0; i < header.cells.size(); ++i) index.emplace(Lower(header.cells[i]), i);
  std::string missing;
  for (const auto& [key, title] : kColumns) {
    const std::string k = key;
    const bool optional = k == "activity tags" || k == "comments" || k == "room";
    if (!index.count(k) && !optional) missing += (missing.empty() ? "" : ", ") + std::string(title);
  }
  if (!missing.empty()) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "это не выгрузка расписания FET (<имя>_timetable.csv): нет столбцов " + missing);
  }
  auto cell = [&](const Row& row, const char* key) -> std::string {
    auto it = index.find(key);
    if (it == index.end() || it->second >= row.cells.size()) return {};
    return row.cells[it->second];
  };
  std::vector<FetPlacement> out;
  for (size_t i = 1; i < table->rows.size(); ++i) {
    const Row& row = table->rows[i];
    FetPlacement p;
    p.line = row.line;
    p.activity_id = cell(row, "activity id");
    p.day = cell(row, "day");
    p.hour = cell(row, "hour");
    p.students_sets = SplitPlus(cell(row, "students sets"));
    p.subject = cell(row, "subject");
    p.teachers = SplitPlus(cell(row, "teachers"));
    p.tags = SplitPlus(cell(row, "activity tags"));
    p.room = cell(row, "room");
    p.comments = cell(row, "comments");
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace ej::formats
