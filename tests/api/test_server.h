// Starts the real `ejournal serve` binary on a fresh demo database and a
// free port, for black-box HTTP tests on SQLite and PostgreSQL.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"

namespace ej::testing {

// "sqlite", and "postgres" when EJOURNAL_TEST_POSTGRES is set (required when
// EJOURNAL_TEST_REQUIRE_POSTGRES=1).
std::vector<std::string> ApiBackends();

class TestServer {
 public:
  struct Options {
    std::string backend = "sqlite";
    int demo_schools = 1;
    std::vector<std::string> extra_args;  // appended to `ejournal serve`
    bool demo = true;                     // fill the demo school first
    std::string web_root;                 // default: an empty folder (no front end)
  };

  // Creates the database (runs `ejournal demo`), starts the server, waits
  // until it listens. Throws with the server's output if it does not start.
  explicit TestServer(const Options& options);
  ~TestServer();

  uint16_t port() const { return port_; }
  const std::string& database_url() const { return database_url_; }
  // A direct connection to the server's database, to check what was written.
  std::unique_ptr<storage::Connection> OpenDatabase() const;

  // Sends the signal and waits for the exit; returns the exit status.
  int StopWith(int signal);
  bool Running() const;
  std::string Output() const;  // what the server printed so far

 private:
  std::string dir_;
  std::string database_url_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

// One server per key for the tests of a suite that share it (each test then
// uses its own demo users for anything that changes state). Created on first
// use; ReleaseSharedServers() in TearDownTestSuite stops them.
TestServer& SharedServer(const std::string& key, const TestServer::Options& options);
void ReleaseSharedServers();

// Runs the ejournal binary with arguments; returns its exit status and
// fills `output` with stdout+stderr.
int RunEjournal(const std::vector<std::string>& args, std::string& output, const std::string& stdin_text = "");

// A fresh empty database URL of the backend (SQLite file in `dir`).
std::string FreshDatabaseUrl(const std::string& backend, const std::string& dir);

}  // namespace ej::testing
