#include "service/people/auth_service.h"

#include "domain/account_rules.h"
#include "domain/rights.h"
#include "domain/utf8.h"
#include "service/common/actor_loader.h"
#include "service/common/crypto.h"
#include "service/people/user_service.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Error;
using domain::ErrorCode;
using storage::TxMode;
using storage::Value;

namespace {

// The account behind a login, as signing in and activation check it.
struct AccountColumns : storage::Columns {
  size_t id = Add("id");
  size_t password_hash = Add("password_hash");
  size_t locked = Add("locked");
  size_t blocked_until = Add("login_blocked_until");
  size_t failed_logins = Add("failed_logins");
};
const AccountColumns kAccount;
const std::string kAccountByLoginSql = "SELECT " + kAccount.List() + " FROM users WHERE login = $1";

struct SessionColumns : storage::Columns {
  size_t id = Add("s.id");
  size_t user_id = Add("s.user_id");
  size_t csrf_token = Add("s.csrf_token");
  size_t last_seen_at = Add("s.last_seen_at");
  size_t expires_at = Add("s.expires_at");
  size_t locked = Add("u.locked");
};
const SessionColumns kSession;

}  // namespace

void RecordAuthEvent(storage::Connection& conn, std::optional<int64_t> user_id, std::string_view login,
                     std::string_view event, std::string_view ip, int64_t at) {
  conn.Query("INSERT INTO auth_events (user_id, login, event, ip, at) VALUES ($1, $2, $3, $4, $5)",
             {storage::OrNull(user_id), Value{std::string(login)}, Value{std::string(event)}, Value{std::string(ip)},
              Value{at}});
}

AuthService::AuthService(const AuthSettings& settings, const Clock& clock)
    : settings_(settings),
      clock_(clock),
      cache_(settings.idle_timeout, settings.revalidate_after),
      dummy_hash_(HashPassword(RandomToken(16))) {}

domain::Result<LoginResult> AuthService::Login(storage::Connection& conn, std::string_view raw_login,
                                               std::string_view password, const ClientInfo& client) {
  if (!domain::IsValidUtf8(raw_login) || !domain::IsValidUtf8(password)) {
    return Error::Of(ErrorCode::kInvalidUtf8);
  }
  const std::string login = domain::NormalizeLogin(raw_login);
  const int64_t now = clock_.Now();
  std::optional<storage::Row> user;
  {
    storage::Transaction tx(conn, TxMode::kRead);
    user = conn.QueryOne(kAccountByLoginSql, {Value{login}});
    tx.Commit();
  }
  const AccountColumns& k = kAccount;
  if (!user || user->IsNull(k.password_hash)) {
    VerifyPassword(dummy_hash_, password);  // the same time as for a real account
    storage::Transaction tx(conn, TxMode::kWrite);
    RecordAuthEvent(conn, std::nullopt, login.substr(0, 64), "login_failed", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kInvalidCredentials);
  }
  const int64_t user_id = user->Int(k.id);
  if (auto until = user->OptInt(k.blocked_until); until && *until > now) {
    return Error::WithDetail(ErrorCode::kTooManyAttempts,
                             "вход будет возможен через " + std::to_string(*until - now) + " с");
  }
  const bool password_ok = VerifyPassword(user->Text(k.password_hash), password);

  storage::Transaction tx(conn, TxMode::kWrite);
  if (!password_ok) {
    // Counted again inside the write transaction: the read above was outside it.
    auto row = conn.QueryOne("SELECT failed_logins FROM users WHERE id = $1", {Value{user_id}});
    const int failures = static_cast<int>(row ? row->Int(0) : 0) + 1;
    const int64_t backoff = domain::LoginBackoffSeconds(failures);
    conn.Query("UPDATE users SET failed_logins = $2, login_blocked_until = $3 WHERE id = $1",
               {Value{user_id}, Value{int64_t{failures}}, backoff > 0 ? Value{now + backoff} : Value{}});
    RecordAuthEvent(conn, user_id, login, "login_failed", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kInvalidCredentials);
  }
  if (user->Int(k.locked) != 0) {
    RecordAuthEvent(conn, user_id, login, "login_locked", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kAccountLocked);
  }
  conn.Query("UPDATE users SET failed_logins = 0, login_blocked_until = NULL WHERE id = $1", {Value{user_id}});
  LoginResult result = OpenSession(conn, user_id, login, "login", client, now);
  tx.Commit();
  return result;
}

LoginResult AuthService::OpenSession(storage::Connection& conn, int64_t user_id, const std::string& login,
                                     std::string_view event, const ClientInfo& client, int64_t now) {
  conn.Query("UPDATE users SET activated_at = $2 WHERE id = $1 AND activated_at IS NULL", {Value{user_id}, Value{now}});
  std::string token = RandomToken(32);
  std::string token_hash = Sha256Hex(token);
  std::string csrf = RandomToken(32);
  const int64_t expires_at = now + settings_.absolute_timeout;
  auto id_row = conn.QueryOne(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at,"
      " ip, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id",
      {Value{token_hash}, Value{user_id}, Value{csrf}, Value{now}, Value{expires_at}, Value{client.ip},
       Value{client.user_agent.substr(0, 512)}});
  RecordAuthEvent(conn, user_id, login, event, client.ip, now);
  auto principal = LoadPrincipal(conn, user_id, clock_.Today());
  auto session = Cache(token_hash, id_row->Int(0), user_id, std::move(csrf), expires_at, now,
                       std::make_shared<const Principal>(std::move(*principal)));
  return LoginResult{std::move(token), std::move(session)};
}

domain::Result<LoginResult> AuthService::Activate(storage::Connection& conn, std::string_view raw_login,
                                                  std::string_view code, std::string_view new_password,
                                                  const ClientInfo& client) {
  if (!domain::IsValidUtf8(raw_login) || !domain::IsValidUtf8(code) || !domain::IsValidUtf8(new_password)) {
    return Error::Of(ErrorCode::kInvalidUtf8);
  }
  const std::string login = domain::NormalizeLogin(raw_login);
  if (auto ok = domain::CheckNewPassword(login, new_password); !ok) return ok.error();
  const int64_t now = clock_.Now();
  const std::string code_hash = Sha256Hex(domain::NormalizeActivationCode(code));
  // The new password's hash first: argon2 must not run inside the write transaction.
  const std::string new_hash = HashPassword(new_password);
  storage::Transaction tx(conn, TxMode::kWrite);
  const AccountColumns& k = kAccount;
  auto user = conn.QueryOne(kAccountByLoginSql, {Value{login}});
  if (!user) {
    RecordAuthEvent(conn, std::nullopt, login.substr(0, 64), "activation_failed", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kInvalidActivationCode);
  }
  const int64_t user_id = user->Int(k.id);
  if (auto until = user->OptInt(k.blocked_until); until && *until > now) {
    return Error::WithDetail(ErrorCode::kTooManyAttempts, "повторите через " + std::to_string(*until - now) + " с");
  }
  auto found = conn.QueryOne(
      "SELECT id FROM activation_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL"
      " AND revoked_at IS NULL AND expires_at > $3",
      {Value{user_id}, Value{code_hash}, Value{now}});
  if (!found) {
    const int failures = static_cast<int>(user->Int(k.failed_logins)) + 1;
    const int64_t backoff = domain::LoginBackoffSeconds(failures);
    conn.Query("UPDATE users SET failed_logins = $2, login_blocked_until = $3 WHERE id = $1",
               {Value{user_id}, Value{int64_t{failures}}, backoff > 0 ? Value{now + backoff} : Value{}});
    RecordAuthEvent(conn, user_id, login, "activation_failed", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kInvalidActivationCode);
  }
  if (user->Int(k.locked) != 0) {
    RecordAuthEvent(conn, user_id, login, "login_locked", client.ip, now);
    tx.Commit();
    return Error::Of(ErrorCode::kAccountLocked);
  }
  conn.Query("UPDATE activation_codes SET used_at = $2 WHERE id = $1", {Value{found->Int(0)}, Value{now}});
  accounts::StorePassword(conn, user_id, new_hash, now);
  // Whoever had the old password is signed out.
  EndSessionsOf(conn, user_id);
  LoginResult result = OpenSession(conn, user_id, login, "activated", client, now);
  tx.Commit();
  return result;
}

SessionCache::Hit AuthService::FindCached(std::string_view token) const {
  return cache_.Find(Sha256Hex(token), clock_.Now());
}

domain::Result<std::shared_ptr<CachedSession>> AuthService::Resolve(storage::Connection& conn, std::string_view token) {
  const std::string token_hash = Sha256Hex(token);
  const int64_t now = clock_.Now();
  // Activity seen by this process since the database last heard of it.
  int64_t seen_here = 0;
  if (auto old = cache_.Find(token_hash, now); old.session) seen_here = old.session->last_seen_at;

  // A read transaction: revalidation must not queue behind (or block) the
  // writers of an SQLite database.
  storage::Transaction tx(conn, TxMode::kRead);
  const SessionColumns& k = kSession;
  auto row =
      conn.QueryOne("SELECT " + k.List() + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                    {Value{token_hash}});
  if (!row) {
    tx.Commit();
    cache_.Erase(token_hash);
    return Error::Of(ErrorCode::kUnauthenticated);
  }
  const int64_t session_id = row->Int(k.id);
  const int64_t user_id = row->Int(k.user_id);
  const int64_t last_seen = std::max(row->Int(k.last_seen_at), seen_here);
  const int64_t expires_at = row->Int(k.expires_at);
  const bool locked = row->Int(k.locked) != 0;
  if (locked || now >= expires_at || now - last_seen >= settings_.idle_timeout) {
    tx.Commit();
    cache_.Erase(token_hash);
    return Error::Of(locked ? ErrorCode::kUnauthenticated : ErrorCode::kSessionExpired);
  }
  auto principal = LoadPrincipal(conn, user_id, clock_.Today());
  tx.Commit();
  if (!principal) return Error::Of(ErrorCode::kUnauthenticated);
  // Activity is written at most once per touch_interval: one short write.
  if (now - row->Int(k.last_seen_at) >= settings_.touch_interval) {
    storage::Transaction touch(conn, TxMode::kWrite);
    conn.Query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1", {Value{session_id}, Value{now}});
    touch.Commit();
  }
  return Cache(token_hash, session_id, user_id, row->Text(k.csrf_token), expires_at, now,
               std::make_shared<const Principal>(std::move(*principal)));
}

std::shared_ptr<CachedSession> AuthService::Cache(const std::string& token_hash, int64_t session_id, int64_t user_id,
                                                  std::string csrf, int64_t expires_at, int64_t last_seen_at,
                                                  std::shared_ptr<const Principal> p) {
  auto s = std::make_shared<CachedSession>();
  s->session_id = session_id;
  s->user_id = user_id;
  s->csrf_token = std::move(csrf);
  s->expires_at = expires_at;
  s->validated_at = clock_.Now();
  s->last_seen_at = last_seen_at;
  s->principal = std::move(p);
  cache_.Put(token_hash, s);
  return s;
}

domain::Result<const Profile*> AuthService::OwnProfile(const CachedSession& session) const {
  if (!domain::Allowed(session.principal->actor, domain::Action::kViewOwnProfile, {})) {
    return Error::Of(ErrorCode::kForbidden);
  }
  return &session.principal->profile;
}

void AuthService::Logout(storage::Connection& conn, std::string_view token, const ClientInfo& client) {
  const std::string token_hash = Sha256Hex(token);
  storage::Transaction tx(conn, TxMode::kWrite);
  auto row = conn.QueryOne("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id", {Value{token_hash}});
  if (row) RecordAuthEvent(conn, row->Int(0), "", "logout", client.ip, clock_.Now());
  tx.Commit();
  cache_.Erase(token_hash);
}

domain::Status AuthService::ChangePassword(storage::Connection& conn, const CachedSession& session,
                                           std::string_view current_password, std::string_view new_password,
                                           const ClientInfo& client) {
  if (!domain::Allowed(session.principal->actor, domain::Action::kChangeOwnPassword, {})) {
    return Error::Of(ErrorCode::kForbidden);
  }
  const std::string& login = session.principal->profile.login;
  if (auto st = domain::CheckNewPassword(login, new_password); !st) return st;
  {
    storage::Transaction tx(conn, TxMode::kRead);
    auto row = conn.QueryOne("SELECT password_hash FROM users WHERE id = $1", {Value{session.user_id}});
    tx.Commit();
    if (!row || row->IsNull(0) || !VerifyPassword(row->Text(0), current_password)) {
      return Error::Of(ErrorCode::kWrongPassword);
    }
  }
  std::string new_hash = HashPassword(new_password);
  const int64_t now = clock_.Now();
  storage::Transaction tx(conn, TxMode::kWrite);
  accounts::StorePassword(conn, session.user_id, new_hash, now);
  conn.Query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
             {Value{session.user_id}, Value{session.session_id}});
  RecordAuthEvent(conn, session.user_id, login, "password_changed", client.ip, now);
  tx.Commit();
  cache_.EraseUser(session.user_id, session.session_id);
  return domain::Ok{};
}

void AuthService::EndSessionsOf(storage::Connection& conn, int64_t user_id) {
  conn.Query("DELETE FROM sessions WHERE user_id = $1", {Value{user_id}});
  cache_.EraseUser(user_id);
}

}  // namespace ej::service
