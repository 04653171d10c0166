// People and accounts: a person's card, the people of a school, and the
// administrator's account operations (create, lock, unlock, reset password).
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

struct PersonRoleView {
  domain::Role role;
  int64_t school_id = 0;
  std::optional<int64_t> class_id;
  std::optional<std::string> class_name;
  std::optional<std::string> position;
};

struct PersonView {
  int64_t id = 0;
  std::string full_name;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> middle_name;
  std::vector<PersonRoleView> roles;
  // Only for those who keep the person's data (self, school administration,
  // the class teacher): login and contacts.
  bool details = false;
  std::optional<std::string> login;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  bool locked = false;
};

struct PeopleQuery {
  int64_t school_id = 0;
  std::optional<domain::Role> role;
  std::string search;  // a prefix of the last name, case as typed
  int64_t limit = 50;
  int64_t offset = 0;
};

struct NewAccount {
  std::string login;
  std::string password;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> middle_name;
  std::optional<std::string> email;
  std::optional<std::string> position;
  std::vector<domain::Role> roles;  // stored staff roles only
};

class UserService {
 public:
  UserService(const Clock& clock, AuthService& auth) : clock_(clock), auth_(auth) {}

  domain::Result<PersonView> GetPerson(storage::Connection& conn, const domain::Actor& actor, int64_t person_id);
  domain::Result<std::vector<PersonView>> ListPeople(storage::Connection& conn, const domain::Actor& actor,
                                                     const PeopleQuery& query);
  // Creates a staff account in `school_id` (administrator only).
  domain::Result<PersonView> CreateAccount(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                                           const NewAccount& account);
  domain::Status SetLocked(storage::Connection& conn, const domain::Actor& actor, int64_t school_id, int64_t person_id,
                           bool locked);
  domain::Status ResetPassword(storage::Connection& conn, const domain::Actor& actor, int64_t school_id,
                               int64_t person_id, const std::string& new_password);

 private:
  const Clock& clock_;
  AuthService& auth_;
};

// The same operations for the local command line (`ejournal user ...`), run
// by whoever controls the server: validation, no rights check. `actor_id` 0
// records the command line in the log.
namespace accounts {

// Validates an account before anything is written (and before the slow hash).
domain::Status Check(const NewAccount& account);
// Runs inside the caller's transaction; `password_hash` is
// HashPassword(account.password), computed before the transaction began.
domain::Result<int64_t> Create(storage::Connection& conn, const Clock& clock, int64_t school_id,
                               const NewAccount& account, const std::string& password_hash);
domain::Result<int64_t> FindByLogin(storage::Connection& conn, std::string_view login);
// A new password hash; the failed sign-ins are forgotten. Sessions are the
// caller's to end.
void StorePassword(storage::Connection& conn, int64_t user_id, const std::string& password_hash, int64_t now);
// Runs inside the caller's transaction.
domain::Status SetPassword(storage::Connection& conn, const Clock& clock, int64_t user_id,
                           const std::string& new_password);
void SetLocked(storage::Connection& conn, const Clock& clock, int64_t user_id, bool locked);

}  // namespace accounts

}  // namespace ej::service
