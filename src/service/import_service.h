// Imports, because nobody types 800 students: rosters (students with their
// parents) and staff from CSV or XLSX as school secretaries keep them. Every
// import is previewed first and applied all or nothing; bad rows are listed
// with their line numbers, and then nothing is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/clock.h"
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

struct ImportReport {
  std::string format;  // "CSV" / "XLSX"
  std::string encoding;
  std::string separator;
  std::string sheet;
  std::vector<std::string> columns;  // recognized
  std::vector<std::string> ignored_columns;
  std::vector<ImportedStudent> students;
  std::vector<ImportedStaff> staff;
  std::vector<RowError> errors;
  bool applied = false;
};

struct RosterImportOptions {
  std::optional<int64_t> school_id;
  std::string date;  // the first day in the classes; default today
  std::string order_number;  // the admission order (приказ)
  std::string order_date;
};

class ImportService {
 public:
  explicit ImportService(const Clock& clock) : clock_(clock) {}

  // The administration and the secretary. With apply=false nothing is
  // written; with apply=true a file with any bad row is refused
  // (import.invalid_rows, the errors in the report) and nothing is written.
  domain::Result<ImportReport> ImportRoster(storage::Connection& conn, const domain::Actor& actor,
                                            const ImportFile& file, const RosterImportOptions& options, bool apply);
  // The administrator: staff accounts with logins made from their names (no
  // password: credentials are issued as activation codes).
  domain::Result<ImportReport> ImportStaff(storage::Connection& conn, const domain::Actor& actor,
                                           const ImportFile& file, std::optional<int64_t> school_id, bool apply);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
