// Rosters, because nobody types 800 students: students with their parents
// from CSV or XLSX as school secretaries keep them, one row per child and
// parent. Previewed first, applied all or nothing; bad rows are listed with
// their line numbers, and then nothing is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/imports/import_report.h"
#include "storage/database.h"

namespace ej::service {

struct RosterImportOptions {
  std::optional<int64_t> school_id;
  std::string date;          // the first day in the classes; default today
  std::string order_number;  // the admission order (приказ)
  std::string order_date;
};

class RosterImportService {
 public:
  explicit RosterImportService(const Clock& clock) : clock_(clock) {}

  // The administration and the secretary. With apply=false nothing is
  // written; with apply=true a file with any bad row is refused
  // (import.invalid_rows, the errors in the report) and nothing is written.
  // Students the school already has are marked `exists` and skipped; a
  // parent named for several children is created once.
  domain::Result<ImportReport> Import(storage::Connection& conn, const domain::Actor& actor, const ImportFile& file,
                                      const RosterImportOptions& options, bool apply);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
