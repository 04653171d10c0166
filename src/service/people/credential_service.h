// Credentials handed out on paper (R-ACC-1): one-time activation codes for
// students and parents (issued by their class teacher or the administrator)
// and for staff (the administrator), and who has taken up their account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "storage/database.h"

namespace ej::service {

// How long an activation code is valid.
inline constexpr int64_t kActivationCodeLifetime = 30 * 24 * 3600;

struct IssuedCredential {
  int64_t user_id = 0;
  std::string full_name;
  std::string role_line;  // «Ученик 7Б класса», «Родитель (законный представитель): ...»
  std::string login;
  std::string code;  // "K7QF-2M9X", shown once
  int64_t expires_at = 0;
};

struct CredentialBatch {
  std::string school_name;
  std::string title;      // «7Б: ученики и родители»
  std::string issued_by;  // the actor's full name
  std::string issued_on;  // "YYYY-MM-DD"
  std::vector<IssuedCredential> items;
};

struct CredentialRequest {
  std::optional<int64_t> school_id;  // default the actor's first school
  // Either a class (its students and/or their parents, who haven't signed in
  // yet) or named people (re-issued even if they have: a lost password).
  std::optional<int64_t> class_id;
  enum class Who { kStudents, kParents, kAll } who = Who::kAll;
  std::vector<int64_t> user_ids;
};

struct ActivationCount {
  int64_t total = 0;
  int64_t activated = 0;
};

struct ClassActivation {
  int64_t class_id = 0;
  std::string name;
  ActivationCount students;
  ActivationCount parents;
};

struct PersonActivation {
  int64_t user_id = 0;
  std::string full_name;
  std::string role;  // student, parent
  std::optional<std::string> login;
  std::optional<int64_t> activated_at;
  std::optional<int64_t> code_issued_at;  // the latest code
  std::optional<int64_t> code_expires_at;
};

struct ActivationReport {
  ActivationCount students;
  ActivationCount parents;
  ActivationCount staff;
  std::vector<ClassActivation> classes;
  std::vector<PersonActivation> people;  // with a class: its students and parents
};

class CredentialService {
 public:
  explicit CredentialService(const Clock& clock) : clock_(clock) {}

  // New codes (and logins where a person has none); older unused codes of
  // the same people are revoked. All or nothing: one person the actor may not
  // issue for refuses the whole request.
  domain::Result<CredentialBatch> Issue(storage::Connection& conn, const domain::Actor& actor,
                                        const CredentialRequest& request);
  // The administration for the school; a class teacher for their class.
  domain::Result<ActivationReport> Report(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                          std::optional<int64_t> class_id);

 private:
  const Clock& clock_;
};

}  // namespace ej::service
