// In-memory cache of validated sessions, so that the session check on every
// request costs a hash-map lookup instead of database round trips.
//
// The database stays the source of truth: an entry is trusted for at most
// `revalidate_after` seconds, then the session is checked against the
// database again (and the user's roles reloaded). Logout, lock and password
// changes made by this process erase entries at once; those made by another
// process sharing the database take effect within `revalidate_after`.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "service/common/principal.h"

namespace ej::service {

struct CachedSession {
  int64_t session_id = 0;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t expires_at = 0;    // absolute end of the session
  int64_t validated_at = 0;  // when the database last confirmed it
  std::atomic<int64_t> last_seen_at{0};
  std::shared_ptr<const Principal> principal;
};

class SessionCache {
 public:
  SessionCache(int64_t idle_timeout, int64_t revalidate_after)
      : idle_timeout_(idle_timeout), revalidate_after_(revalidate_after) {}

  enum class Status { kFresh, kMissingOrStale, kExpired };
  struct Hit {
    Status status;
    std::shared_ptr<CachedSession> session;  // set for kFresh
  };

  // Safe on io threads: no I/O, a shared lock held for one lookup. A fresh hit
  // also records the activity (last_seen_at) for idle expiry.
  Hit Find(const std::string& token_hash, int64_t now) const;

  // Adds or replaces an entry. When the cache has doubled since the last
  // sweep, entries idle past the timeout are dropped (amortised O(1)).
  void Put(const std::string& token_hash, std::shared_ptr<CachedSession> session);
  void Erase(const std::string& token_hash);
  // Erases every session of the user except `keep_session_id` (0: all).
  void EraseUser(int64_t user_id, int64_t keep_session_id = 0);
  size_t size() const;

 private:
  int64_t idle_timeout_;
  int64_t revalidate_after_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<CachedSession>> entries_;
  size_t sweep_at_ = kMinSweepSize;
  static constexpr size_t kMinSweepSize = 1024;
};

}  // namespace ej::service
