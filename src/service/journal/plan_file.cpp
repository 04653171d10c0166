#include "service/journal/plan_file.h"

#include <cctype>
#include <charconv>

#include "domain/utf8.h"
#include "formats/table.h"
#include "service/imports/table_columns.h"

namespace ej::service::plans {

using domain::Error;
using domain::ErrorCode;

namespace {

domain::Result<table_columns::Columns> MatchPlanColumns(const formats::Table& table) {
  auto columns = table_columns::MatchColumns(
      table.rows.front(),
      {{"number", {"№", "№ п/п", "№ урока", "номер", "номер урока", "n"}, false},
       {"section", {"раздел", "тема раздела", "модуль", "глава"}, false},
       {"title", {"тема", "тема урока", "темы уроков", "название темы", "содержание", "тема занятия"}, true},
       {"hours", {"часы", "часов", "кол-во часов", "количество часов", "кол. часов"}, false},
       {"date", {"дата", "дата по плану", "плановая дата", "дата (план)", "план"}, false}});
  if (!columns.missing.empty()) {
    return Error::WithDetail(ErrorCode::kImportBadFile,
                             "в первой строке нет столбца «Тема» (первая строка — заголовки)");
  }
  return columns;
}

// Reads the topic of one row into `t`; returns why it can't be one, or "".
std::string ReadTopic(const table_columns::Columns& columns, const formats::Row& row, const std::string& section,
                      PlanTopicInput& t) {
  t.title = columns.Get(row, "title");
  if (!section.empty()) t.section = section;
  const std::string hours_text = columns.Get(row, "hours");
  if (!hours_text.empty()) {
    int hours = 0;
    auto [p, ec] = std::from_chars(hours_text.data(), hours_text.data() + hours_text.size(), hours);
    if (ec != std::errc() || p != hours_text.data() + hours_text.size() || hours < 1 || hours > 200) {
      return "часы: целое число от 1 до 200, а не «" + hours_text + "»";
    }
    t.hours = hours;
  }
  const std::string date = columns.Get(row, "date");
  if (!date.empty()) {
    auto parsed = table_columns::ParseRussianDate(date);
    if (!parsed) return "дата «" + date + "»: ожидается ДД.ММ.ГГГГ";
    t.planned_on = *parsed;
  }
  if (domain::Utf8Length(t.title) > 500) return "тема длиннее 500 знаков";
  return "";
}

// A row without a topic may be a section heading for the rows below it:
// «Раздел 2. Дроби (12 ч)» in the number column of an otherwise empty row.
std::optional<std::string> SectionHeading(const table_columns::Columns& columns, const formats::Row& row) {
  const std::string number = columns.Get(row, "number");
  if (!number.empty() && columns.Get(row, "hours").empty() && !std::isdigit(static_cast<unsigned char>(number[0]))) {
    return number;
  }
  return std::nullopt;
}

}  // namespace

domain::Result<PlanImport> ReadPlanFile(const ImportFile& file) {
  auto table = formats::ReadTableFile(file.bytes, file.name);
  if (!table) return table.error();
  if (table->rows.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "в файле нет ни одной строки");
  auto columns = MatchPlanColumns(*table);
  if (!columns) return columns.error();
  PlanImport out;
  out.format = table->format;
  out.encoding = table->encoding;
  out.sheet = table->sheet;
  out.columns = columns->recognized;
  out.ignored_columns = columns->ignored;
  std::string section;  // a section heading row gives the rows below it their section
  for (size_t i = 1; i < table->rows.size(); ++i) {
    const auto& row = table->rows[i];
    if (std::string sec = columns->Get(row, "section"); !sec.empty()) section = sec;
    if (columns->Get(row, "title").empty()) {
      if (auto heading = SectionHeading(*columns, row)) section = *heading;
      continue;
    }
    PlanTopicInput topic;
    if (std::string error = ReadTopic(*columns, row, section, topic); !error.empty()) {
      out.errors.push_back({row.line, std::move(error)});
      continue;
    }
    out.topics.push_back(std::move(topic));
  }
  if (out.topics.empty() && out.errors.empty()) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "в файле нет ни одной темы");
  }
  if (out.topics.size() > kMaxTopics) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "больше " + std::to_string(kMaxTopics) + " тем");
  }
  return out;
}

}  // namespace ej::service::plans
