#include "service/imports/table_columns.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "domain/calendar.h"
#include "domain/utf8.h"

namespace ej::service::table_columns {

std::string Fold(std::string_view text) {
  std::string out;
  const std::string_view t = domain::Trim(text);
  for (size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      out.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    if (i + 1 < t.size()) {
      const auto d = static_cast<unsigned char>(t[i + 1]);
      // А-П (D0 90..9F) -> а-п (D0 B0..BF); Р-Я (D0 A0..AF) -> р-я (D1 80..8F); Ё/ё -> е.
      if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {
        out += "\xD0";
        out.push_back(static_cast<char>(d + 0x20));
        ++i;
        continue;
      }
      if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {
        out += "\xD1";
        out.push_back(static_cast<char>(d - 0x20));
        ++i;
        continue;
      }
      if ((c == 0xD0 && d == 0x81) || (c == 0xD1 && d == 0x91)) {
        out += "е";
        ++i;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Columns::Get(const formats::Row& row, std::string_view key) const {
  auto it = index.find(std::string(key));
  if (it == index.end() || it->second >= row.cells.size()) return {};
  return std::string(domain::Trim(row.cells[it->second]));
}

Columns MatchColumns(const formats::Row& header, std::initializer_list<ColumnDef> defs) {
  Columns c;
  for (size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = Fold(header.cells[i]);
    if (name.empty()) continue;
    bool known = false;
    for (const auto& d : defs) {
      if (std::find(d.names.begin(), d.names.end(), name) != d.names.end() && !c.index.count(std::string(d.key))) {
        c.index[std::string(d.key)] = i;
        c.recognized.push_back(header.cells[i]);
        known = true;
        break;
      }
    }
    if (!known) c.ignored.push_back(header.cells[i]);
  }
  // Missing columns, named as a header would say them: «Фамилия».
  for (const auto& d : defs) {
    if (d.required && !c.index.count(std::string(d.key))) {
      std::string title(*d.names.begin());
      if (title.size() >= 2 && static_cast<unsigned char>(title[0]) == 0xD0) {
        const auto second = static_cast<unsigned char>(title[1]);
        if (second >= 0xB0 && second <= 0xBF) title[1] = static_cast<char>(second - 0x20);
      } else if (title.size() >= 2 && static_cast<unsigned char>(title[0]) == 0xD1) {
        const auto second = static_cast<unsigned char>(title[1]);
        if (second >= 0x80 && second <= 0x8F) {
          title[0] = static_cast<char>(0xD0);
          title[1] = static_cast<char>(second + 0x20);
        }
      }
      c.missing.push_back(std::move(title));
    }
  }
  return c;
}

std::optional<std::string> ParseRussianDate(const std::string& text) {
  if (auto d = domain::ParseDate(text)) return domain::FormatDate(*d);
  int parts[3] = {0, 0, 0};
  size_t k = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (k < 3 && p < end) {
    auto [next, ec] = std::from_chars(p, end, parts[k]);
    if (ec != std::errc()) return std::nullopt;
    ++k;
    p = next;
    if (p < end && (*p == '.' || *p == '/')) ++p;
  }
  if (k != 3 || p != end || parts[2] < 1900) return std::nullopt;
  const date::year_month_day ymd{date::year{parts[2]}, date::month{static_cast<unsigned>(parts[1])},
                                 date::day{static_cast<unsigned>(parts[0])}};
  if (!ymd.ok()) return std::nullopt;
  return domain::FormatDate(date::sys_days{ymd});
}

std::optional<std::pair<int, std::string>> ParseClassName(const std::string& text) {
  std::string_view t = domain::Trim(text);
  int grade = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), grade);
  if (ec != std::errc() || grade < 1 || grade > 11) return std::nullopt;
  std::string_view rest = domain::Trim(std::string_view(p, static_cast<size_t>(t.data() + t.size() - p)));
  if (!rest.empty() && rest.front() == '-') rest = domain::Trim(rest.substr(1));
  if (rest.empty()) return std::nullopt;
  // Letters upper case (Cyrillic а-я -> А-Я).
  std::string letter;
  for (size_t i = 0; i < rest.size(); ++i) {
    const auto c = static_cast<unsigned char>(rest[i]);
    if (i + 1 < rest.size()) {
      const auto d = static_cast<unsigned char>(rest[i + 1]);
      if (c == 0xD0 && d >= 0xB0 && d <= 0xBF) {
        letter += "\xD0";
        letter.push_back(static_cast<char>(d - 0x20));
        ++i;
        continue;
      }
      if (c == 0xD1 && d >= 0x80 && d <= 0x8F) {
        letter += "\xD0";
        letter.push_back(static_cast<char>(d + 0x20));
        ++i;
        continue;
      }
    }
    letter.push_back(static_cast<char>(c < 0x80 ? std::toupper(c) : c));
  }
  return std::make_pair(grade, letter);
}

}  // namespace ej::service::table_columns
