// First start of an installation: the school and its first administrator.
#pragma once

#include <string>

#include "domain/result.h"
#include "service/common/clock.h"
#include "service/people/user_service.h"
#include "storage/database.h"

namespace ej::service {

struct InitCommand {
  std::string school_name;
  std::string school_short_name;
  std::string time_zone = "Europe/Moscow";
  NewAccount administrator;  // roles are set to {administrator}
};

struct InitResult {
  int64_t school_id;
  int64_t administrator_id;
};

// One transaction. Refused (kInvalidValue) if the database already has an
// administrator: later administrators are created by administrators.
domain::Result<InitResult> InitInstallation(storage::Connection& conn, const Clock& clock, InitCommand command);

// True if the database holds any school or user.
bool HoldsData(storage::Connection& conn);

}  // namespace ej::service
