// ejournal: the electronic class journal. One binary: the server and the
// administration commands.
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/config.h"
#include "storage/database.h"

namespace {

void SetUpLogging(const ej::cli::Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  // The access log never blocks an io thread: a background thread writes it,
  // and under overload the oldest lines are dropped instead.
  spdlog::init_thread_pool(16384, 1);
  auto access =
      std::make_shared<spdlog::async_logger>("access", std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                                             spdlog::thread_pool(), spdlog::async_overflow_policy::overrun_oldest);
  access->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z access %v");
  spdlog::register_logger(access);
}

}  // namespace

int main(int argc, char** argv) {
  using ej::cli::Config;
  CLI::App app{"ejournal: электронный классный журнал и дневник"};
  app.require_subcommand(1);
  app.fallthrough();  // --config and --database also after the subcommand
  std::string config_file;
  std::string database;
  app.add_option("--config", config_file, "TOML configuration file (default: EJOURNAL_CONFIG)");
  app.add_option("--database", database, "sqlite:PATH or postgresql://... (EJOURNAL_DATABASE)");

  std::string listen, web_root, log_level;
  int64_t workers = -1, session_idle = -1;
  bool no_access_log = false;
  auto* serve = app.add_subcommand("serve", "Start the HTTP server");
  serve->add_option("--listen", listen, "HOST:PORT (EJOURNAL_LISTEN), default 127.0.0.1:8080");
  serve->add_option("--web-root", web_root, "Built front end, default web/dist");
  serve->add_option("--workers", workers, "Database worker threads");
  serve->add_option("--session-idle-seconds", session_idle, "Idle session timeout");
  serve->add_option("--log-level", log_level, "trace|debug|info|warn|error");
  serve->add_flag("--no-access-log", no_access_log, "Do not log every request");

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  auto* verify =
      app.add_subcommand("verify", "Recompute the journal's history chain; exit 1 naming the first broken event");

  ej::cli::DemoOptions demo_opts;
  auto* demo = app.add_subcommand("demo", "Fill the database with the demo school");
  demo->add_flag("--force", demo_opts.force, "Erase a database that already holds data");
  demo->add_flag("--logins", demo_opts.logins_only, "Only print the demo logins");
  demo->add_flag("--empty-journal", demo_opts.empty_journal,
                 "Leave the journal empty: no topics, marks or absences (tests, benchmarks)");
  demo->add_option("--schools", demo_opts.schools, "Number of schools (benchmarks)")->check(CLI::Range(1, 1000));

  ej::cli::InitOptions init_opts;
  auto* init = app.add_subcommand("init", "Create the school and its first administrator");
  init->add_option("--school", init_opts.school_name, "School name")->required();
  init->add_option("--time-zone", init_opts.time_zone, "IANA time zone, default Europe/Moscow");
  init->add_option("--login", init_opts.login, "Administrator login, default admin");
  init->add_option("--last-name", init_opts.last_name, "Administrator's last name")->required();
  init->add_option("--first-name", init_opts.first_name, "Administrator's first name")->required();
  init->add_option("--middle-name", init_opts.middle_name, "Administrator's middle name");
  init->add_flag("--password-stdin", init_opts.password_stdin, "Read the password from stdin");

  ej::cli::UserOptions user_opts;
  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a staff account");
  user_add->add_option("--login", user_opts.login)->required();
  user_add->add_option("--last-name", user_opts.last_name)->required();
  user_add->add_option("--first-name", user_opts.first_name)->required();
  user_add->add_option("--middle-name", user_opts.middle_name);
  user_add->add_option("--email", user_opts.email);
  user_add->add_option("--position", user_opts.position);
  user_add->add_option("--role", user_opts.roles, "administrator|director|deputy|teacher|secretary")->required();
  user_add->add_option("--school", user_opts.school_id, "School id")->required();
  user_add->add_flag("--password-stdin", user_opts.password_stdin);
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password");
  user_passwd->add_option("--login", user_opts.login)->required();
  user_passwd->add_flag("--password-stdin", user_opts.password_stdin);
  auto* user_lock = user->add_subcommand("lock", "Lock (or --unlock) an account");
  user_lock->add_option("--login", user_opts.login)->required();
  user_lock->add_flag("--unlock", user_opts.unlock);

  CLI11_PARSE(app, argc, argv);

  Config config;
  try {
    if (config_file.empty()) {
      if (const char* env = std::getenv("EJOURNAL_CONFIG"); env && *env) config_file = env;
    }
    if (!config_file.empty()) ej::cli::LoadConfigFile(config_file, config);
    ej::cli::ApplyEnvironment(config);
    if (!database.empty()) config.database = database;
    if (!listen.empty()) config.listen = listen;
    if (!web_root.empty()) config.web_root = web_root;
    if (!log_level.empty()) config.log_level = log_level;
    if (workers >= 0) config.workers = workers;
    if (session_idle > 0) config.session_idle_seconds = session_idle;
    if (no_access_log) config.access_log = false;
    ej::cli::Validate(config);
    SetUpLogging(config);

    if (*serve) return ej::cli::Serve(config);
    if (*migrate) return ej::cli::Migrate(config);
    if (*verify) return ej::cli::Verify(config);
    if (*demo) return ej::cli::Demo(config, demo_opts);
    if (*init) return ej::cli::Init(config, init_opts);
    if (*user_add) return ej::cli::UserAdd(config, user_opts);
    if (*user_passwd) return ej::cli::UserPasswd(config, user_opts);
    if (*user_lock) return ej::cli::UserLock(config, user_opts);
  } catch (const std::exception& e) {
    std::cerr << "ejournal: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
