// A compromised account (R-ACC-3, seed 001 5.3-5.4): an administrator declares
// that a user's credentials were compromised from a moment; the account is
// locked, its sessions end, and every journal change it made since is flagged
// invalid until the director or a deputy confirms it or reverts it. The
// declaration, each confirmation and each revert are events of the journal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/roles.h"
#include "service/common/clock.h"
#include "service/people/auth_service.h"
#include "storage/database.h"

namespace ej::service {

struct Compromise {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t since = 0;  // Unix time
  int flagged = 0;    // journal changes put under review
};

struct ReviewItem {
  int64_t event_id = 0;
  int64_t compromise_id = 0;
  std::string status;  // pending, confirmed, reverted
  int64_t occurred_at = 0;
  int64_t actor_id = 0;
  std::string actor_name;
  std::string action;  // "mark.create", ...
  std::string entity;
  int64_t entity_id = 0;
  std::optional<std::string> before;  // JSON
  std::optional<std::string> after;   // JSON
  std::optional<std::string> reason;
  // Where it was: «5А · Математика · 2026-11-20 · Иванов Пётр».
  std::string place;
  std::optional<int64_t> reviewed_by;
  std::string reviewer_name;
  std::optional<int64_t> reviewed_at;
  std::optional<std::string> note;
};

class ReviewService {
 public:
  ReviewService(const Clock& clock, AuthService& auth) : clock_(clock), auth_(auth) {}

  // `since` is "YYYY-MM-DDTHH:MM" in the school's (the server's) time, not
  // in the future and within the last year.
  domain::Result<Compromise> DeclareCompromise(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                               int64_t user_id, const std::string& since, const std::string& reason);
  // Changes under review, newest first; status "" for all.
  domain::Result<std::vector<ReviewItem>> List(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                               const std::string& status);
  domain::Result<ReviewItem> Confirm(storage::Connection& conn, const domain::Actor& actor, int64_t event_id,
                                     const std::string& note);
  // Puts the entity back as it was before the change. A later change of the
  // same entry is review.later_changes: it is reviewed first.
  domain::Result<ReviewItem> Revert(storage::Connection& conn, const domain::Actor& actor, int64_t event_id,
                                    const std::string& note);

 private:
  const Clock& clock_;
  AuthService& auth_;
};

}  // namespace ej::service
