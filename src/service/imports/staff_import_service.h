// Staff from CSV or XLSX: teachers and the administration, with logins made
// from their names. Previewed first, applied all or nothing.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/imports/import_report.h"
#include "storage/database.h"

namespace ej::service {

class StaffImportService {
 public:
  explicit StaffImportService(const Clock& clock) : clock_(clock) {}

  // The administrator: staff accounts with logins made from their names,
  // none an account or an earlier row has (no password: credentials are
  // issued as activation codes). People the school already has on its staff
  // are marked `exists` and skipped. Bad rows refuse an apply whole.
  domain::Result<ImportReport> Import(storage::Connection& conn, const domain::Actor& actor, const ImportFile& file,
                                      std::optional<int64_t> school_id, bool apply);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
