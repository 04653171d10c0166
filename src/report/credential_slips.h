// Credential slips: one per person, eight to an A4 page with cut lines, for
// a class teacher to hand out at a parents' meeting.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"

namespace ej::report {

struct CredentialSlip {
  std::string full_name;  // «Иванов Пётр Сергеевич»
  std::string role_line;  // «Ученик 7Б класса», «Родитель (законный представитель): ...»
  std::string login;
  std::string secret;  // an activation code "K7QF-2M9X" or a temporary password
  bool secret_is_activation_code = true;
};

struct SlipSheet {
  std::string school_name;
  std::string site_url;     // where to sign in
  std::string valid_until;  // «30.11.2026», may be empty
  std::string issued_by;    // «Выдал: ...»
  std::string issued_on;    // «24.11.2026»
};

// The PDF; an empty list is an error (nothing to print).
domain::Result<std::string> RenderCredentialSlipsPdf(const std::vector<CredentialSlip>& slips, const SlipSheet& sheet);

}  // namespace ej::report
