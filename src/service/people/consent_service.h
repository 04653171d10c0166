// Consents of parents to personal-data processing (152-ФЗ): who gave or
// withdrew it, when, by which document. Withdrawal is a new record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

struct ConsentView {
  int64_t id = 0;
  std::string kind;  // given, withdrawn
  std::string date;
  std::string document;
  int64_t recorded_by = 0;
  int64_t recorded_at = 0;
};

struct ConsentState {
  bool given = false;                // the latest record is "given"
  std::vector<ConsentView> history;  // oldest first
};

class ConsentService {
 public:
  explicit ConsentService(const Clock& clock) : clock_(clock) {}

  // The parent themself, or whoever keeps their data.
  domain::Result<ConsentState> Get(storage::Connection& conn, const domain::Actor& actor, int64_t parent_id);
  // Whoever keeps the parent's data (administration, secretary, class teacher
  // of a child); the date is not in the future.
  domain::Result<ConsentState> Record(storage::Connection& conn, const domain::Actor& actor, int64_t parent_id,
                                      const std::string& kind, const std::string& date, const std::string& document);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
