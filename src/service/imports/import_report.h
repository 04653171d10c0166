// What every import shares: the uploaded file, the report a preview and an
// apply return, and the steps all three kinds take (read the table, describe
// it, collect row errors, refuse an apply with bad rows).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "formats/table.h"
#include "service/imports/table_columns.h"
#include "storage/database.h"

namespace ej::service {

struct ImportFile {
  std::string bytes;
  std::string name;  // the uploaded file's name (its extension is checked against its content)
};

struct RowError {
  int line = 0;
  std::string message;
};

struct ImportedParent {
  std::string full_name;
  std::string relation;  // mother, father, guardian, other
  std::optional<std::string> phone;
  std::optional<std::string> email;
  bool shared = false;  // the same parent as for an earlier child in the file
};

struct ImportedStudent {
  int line = 0;
  std::string full_name;
  std::string birth_date;
  std::string sex;
  std::string class_name;
  bool exists = false;  // already a student of the school: skipped
  std::vector<ImportedParent> parents;
};

struct ImportedStaff {
  int line = 0;
  std::string full_name;
  std::string position;
  std::vector<std::string> roles;
  std::string login;  // made from the name
  bool exists = false;
};

// A class's or group's week from a FET timetable.
struct ImportedTimetable {
  std::string target;  // «5А», a group's name
  int slots = 0;
};

// A name in the file the school doesn't have (listed, never guessed).
struct UnmatchedName {
  std::string kind;  // day, hour, students, subject, teacher, room
  std::string name;
  std::vector<int> lines;
};

struct ImportReport {
  std::string format;  // "CSV" / "XLSX"
  std::string encoding;
  std::string separator;
  std::string sheet;
  std::vector<std::string> columns;  // recognized
  std::vector<std::string> ignored_columns;
  std::vector<ImportedStudent> students;
  std::vector<ImportedStaff> staff;
  std::vector<ImportedTimetable> timetable;
  std::vector<UnmatchedName> unmatched;
  std::vector<RowError> errors;
  bool applied = false;
  int lessons_created = 0;
};

namespace imports {

// The school an import is for: the one asked for, or the actor's first.
int64_t SchoolOf(const domain::Actor& actor, std::optional<int64_t> school_id);

// A CSV or XLSX table with at least its header row and at most 5000 rows.
domain::Result<formats::Table> ReadFile(const ImportFile& file);

// The header matched to `defs`; a file without a required column is refused,
// the columns named as a header would say them, `hint` appended.
domain::Result<table_columns::Columns> MatchRequiredColumns(const formats::Row& header,
                                                            std::initializer_list<table_columns::ColumnDef> defs,
                                                            std::string_view hint);

// The file and its columns as the report shows them.
void Describe(ImportReport& report, const formats::Table& table, const table_columns::Columns& columns);

// A bad row (the first 200 are reported).
void AddError(ImportReport& report, int line, std::string message);

// The errors of one row, added to the report as they are found.
struct RowCheck {
  ImportReport& report;
  int line = 0;
  bool bad = false;

  void Fail(std::string message);
};

// The error of an apply with bad rows; the report carries the rows.
domain::Error RowsError(const ImportReport& report);

// An empty cell is no value.
std::optional<std::string> Opt(const std::string& s);

// The classes of a year, as files name them by grade and letter.
struct YearClass {
  int64_t id = 0;
  int grade = 0;
  std::string letter;
};
std::vector<YearClass> ClassesOfYear(storage::Connection& conn, int64_t year_id);

}  // namespace imports

}  // namespace ej::service
