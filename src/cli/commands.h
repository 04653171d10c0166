// The subcommands of the ejournal binary. Each returns the process exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/config.h"

namespace ej::cli {

int Serve(const Config& config);
int Migrate(const Config& config);
// Recomputes every school's chain of journal events: 0 when intact, 1 naming
// the first broken event.
int Verify(const Config& config);

struct DemoOptions {
  bool force = false;
  bool logins_only = false;  // print the demo logins, touch nothing
  int schools = 1;
  bool empty_journal = false;  // lessons only, nothing written into them
};
int Demo(const Config& config, const DemoOptions& options);

struct InitOptions {
  std::string school_name;
  std::string time_zone = "Europe/Moscow";
  std::string login = "admin";
  std::string last_name;
  std::string first_name;
  std::string middle_name;
  bool password_stdin = false;
};
int Init(const Config& config, const InitOptions& options);

struct UserOptions {
  std::string login;
  std::string last_name;
  std::string first_name;
  std::string middle_name;
  std::string email;
  std::string position;
  std::vector<std::string> roles;
  int64_t school_id = 0;
  bool password_stdin = false;
  bool unlock = false;
};
int UserAdd(const Config& config, const UserOptions& options);
int UserPasswd(const Config& config, const UserOptions& options);
int UserLock(const Config& config, const UserOptions& options);

}  // namespace ej::cli
