// Login, sessions, logout and password change (R-ACC-1, R-ACC-4).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "service/common/clock.h"
#include "service/common/session_cache.h"
#include "storage/database.h"

namespace ej::service {

struct AuthSettings {
  int64_t idle_timeout = 2 * 3600;       // a session ends after this long without requests
  int64_t absolute_timeout = 12 * 3600;  // and in any case this long after login
  int64_t revalidate_after = 5;          // cache entries are rechecked in the database after this
  int64_t touch_interval = 60;           // last_seen_at is written at most this often
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

struct LoginResult {
  std::string token;  // the session cookie's value; only its hash is stored
  std::shared_ptr<CachedSession> session;
};

class AuthService {
 public:
  AuthService(const AuthSettings& settings, const Clock& clock);

  const AuthSettings& settings() const { return settings_; }
  SessionCache& cache() { return cache_; }

  // Checks the password (argon2id: slow, worker threads only), applies the
  // back-off after repeated failures, and opens a session.
  domain::Result<LoginResult> Login(storage::Connection& conn, std::string_view login, std::string_view password,
                                    const ClientInfo& client);

  // The session of a cookie token from the cache, if it is fresh there.
  // No I/O: safe on io threads.
  // A person's first sign-in with the one-time code from their credential
  // slip: sets their own password and opens a session. Wrong codes count as
  // failed logins (the same back-off).
  domain::Result<LoginResult> Activate(storage::Connection& conn, std::string_view login, std::string_view code,
                                       std::string_view new_password, const ClientInfo& client);

  SessionCache::Hit FindCached(std::string_view token) const;

  // Checks the session in the database, records activity, reloads the
  // user's roles and refreshes the cache.
  domain::Result<std::shared_ptr<CachedSession>> Resolve(storage::Connection& conn, std::string_view token);

  // The session user's own profile (GET /me), through the rights function.
  domain::Result<const Profile*> OwnProfile(const CachedSession& session) const;

  // Ends the session of this token. Not an error if it already ended.
  void Logout(storage::Connection& conn, std::string_view token, const ClientInfo& client);

  // Changes the password of the session's user and ends their other sessions.
  domain::Status ChangePassword(storage::Connection& conn, const CachedSession& session,
                                std::string_view current_password, std::string_view new_password,
                                const ClientInfo& client);

  // Ends every session of a user (lock, password reset by an administrator).
  // Runs inside the caller's transaction; the cache is cleared at once.
  void EndSessionsOf(storage::Connection& conn, int64_t user_id);

 private:
  // Inside the caller's write transaction: the session row, the event, the
  // first-sign-in mark, the cached principal.
  LoginResult OpenSession(storage::Connection& conn, int64_t user_id, const std::string& login, std::string_view event,
                          const ClientInfo& client, int64_t now);

  std::shared_ptr<CachedSession> Cache(const std::string& token_hash, int64_t session_id, int64_t user_id,
                                       std::string csrf, int64_t expires_at, int64_t last_seen_at,
                                       std::shared_ptr<const Principal> p);

  AuthSettings settings_;
  const Clock& clock_;
  SessionCache cache_;
  std::string dummy_hash_;  // verified against for unknown logins: equal timing
};

// Appends to auth_events (the activity log of R-ACC-4).
void RecordAuthEvent(storage::Connection& conn, std::optional<int64_t> user_id, std::string_view login,
                     std::string_view event, std::string_view ip, int64_t at);

}  // namespace ej::service
