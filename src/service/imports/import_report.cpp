#include "service/imports/import_report.h"

#include "storage/columns.h"

namespace ej::service::imports {

using domain::Error;
using domain::ErrorCode;
using storage::Value;

namespace {

constexpr size_t kMaxRows = 5000;
constexpr size_t kMaxReportedErrors = 200;

struct ClassColumns : storage::Columns {
  size_t id = Add("id");
  size_t grade = Add("grade");
  size_t letter = Add("letter");
};
const ClassColumns kClass;

const std::string kClassesOfYear = "SELECT " + kClass.List() + " FROM classes WHERE year_id = $1";

}  // namespace

int64_t SchoolOf(const domain::Actor& actor, std::optional<int64_t> school_id) {
  return school_id.value_or(actor.grants.empty() ? 0 : actor.grants.front().school_id);
}

domain::Result<formats::Table> ReadFile(const ImportFile& file) {
  auto table = formats::ReadTableFile(file.bytes, file.name);
  if (!table) return table.error();
  if (table->rows.empty()) return Error::WithDetail(ErrorCode::kImportBadFile, "в файле нет ни одной строки");
  if (table->rows.size() > kMaxRows + 1) {
    return Error::WithDetail(ErrorCode::kImportBadFile, "больше " + std::to_string(kMaxRows) + " строк за один раз");
  }
  return table;
}

domain::Result<table_columns::Columns> MatchRequiredColumns(const formats::Row& header,
                                                            std::initializer_list<table_columns::ColumnDef> defs,
                                                            std::string_view hint) {
  table_columns::Columns columns = table_columns::MatchColumns(header, defs);
  if (columns.missing.empty()) return columns;
  std::string list;
  for (const auto& m : columns.missing) list += (list.empty() ? "«" : ", «") + m + "»";
  return Error::WithDetail(ErrorCode::kImportBadFile, "в первой строке нет столбцов " + list + std::string(hint));
}

void Describe(ImportReport& report, const formats::Table& table, const table_columns::Columns& columns) {
  report.format = table.format;
  report.encoding = table.encoding;
  report.separator = table.separator ? std::string(1, table.separator) : "";
  report.sheet = table.sheet;
  report.columns = columns.recognized;
  report.ignored_columns = columns.ignored;
}

void AddError(ImportReport& report, int line, std::string message) {
  if (report.errors.size() < kMaxReportedErrors) report.errors.push_back({line, std::move(message)});
}

void RowCheck::Fail(std::string message) {
  AddError(report, line, std::move(message));
  bad = true;
}

Error RowsError(const ImportReport& report) {
  return Error::WithDetail(ErrorCode::kImportInvalidRows, std::to_string(report.errors.size()) + " (первая — строка " +
                                                              std::to_string(report.errors.front().line) + ": " +
                                                              report.errors.front().message + ")");
}

std::optional<std::string> Opt(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::vector<YearClass> ClassesOfYear(storage::Connection& conn, int64_t year_id) {
  std::vector<YearClass> classes;
  for (const auto& r : conn.Query(kClassesOfYear, {Value{year_id}})) {
    classes.push_back({r.Int(kClass.id), static_cast<int>(r.Int(kClass.grade)), r.Text(kClass.letter)});
  }
  return classes;
}

}  // namespace ej::service::imports
