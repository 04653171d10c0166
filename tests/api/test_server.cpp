#include "api/test_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/database_copy.h"

namespace ej::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::atomic<int> counter{0};

pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path, const std::string& in_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    int in = open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
    dup2(in, STDIN_FILENO);
    std::vector<char*> argv;
    std::string binary = EJ_BINARY;
    argv.push_back(binary.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

std::vector<std::string> ApiBackends() {
  std::vector<std::string> out = {"sqlite"};
  const char* pg = std::getenv("EJOURNAL_TEST_POSTGRES");
  if (pg && *pg) {
    out.push_back("postgres");
  } else if (const char* req = std::getenv("EJOURNAL_TEST_REQUIRE_POSTGRES"); req && *req == '1') {
    throw std::runtime_error("EJOURNAL_TEST_REQUIRE_POSTGRES=1 but EJOURNAL_TEST_POSTGRES is not set");
  }
  return out;
}

std::string FreshDatabaseUrl(const std::string& backend, const std::string& dir) {
  const int n = ++counter;
  if (backend == "sqlite") return "sqlite:" + dir + "/api" + std::to_string(n) + ".db";
  std::string name = "ej_api_" + std::to_string(getpid()) + "_" + std::to_string(n);
  auto admin = storage::Open(*storage::ParseDatabaseUrl(std::getenv("EJOURNAL_TEST_POSTGRES")));
  admin->ExecuteScript("DROP DATABASE IF EXISTS " + name);
  admin->ExecuteScript("CREATE DATABASE " + name);
  return PostgresUrlOf(name);
}

int RunEjournal(const std::vector<std::string>& args, std::string& output, const std::string& stdin_text) {
  std::string base =
      (fs::temp_directory_path() / ("ej_run_" + std::to_string(getpid()) + "_" + std::to_string(++counter))).string();
  std::string in_path;
  if (!stdin_text.empty()) {
    in_path = base + ".in";
    std::ofstream(in_path) << stdin_text;
  }
  pid_t pid = Spawn(args, base + ".out", in_path);
  int status = 0;
  waitpid(pid, &status, 0);
  output = ReadFile(base + ".out");
  fs::remove(base + ".out");
  if (!in_path.empty()) fs::remove(in_path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TestServer::TestServer(const Options& options) {
  dir_ =
      (fs::temp_directory_path() / ("ej_api_" + std::to_string(getpid()) + "_" + std::to_string(++counter))).string();
  fs::create_directories(dir_);
  if (options.demo) {
    // `ejournal demo` runs once per backend and size; servers start on copies.
    database_url_ = CopyOfDatabase(
        options.backend, "demo" + std::to_string(options.demo_schools),
        [&](const std::string& url) {
          // Journals nobody has written into: the tests write their own entries.
          std::vector<std::string> args = {"demo", "--database", url, "--empty-journal"};
          if (options.demo_schools > 1) {
            args.push_back("--schools");
            args.push_back(std::to_string(options.demo_schools));
          }
          std::string output;
          if (RunEjournal(args, output) != 0) throw std::runtime_error("ejournal demo failed:\n" + output);
        },
        dir_);
  } else {
    database_url_ = FreshDatabaseUrl(options.backend, dir_);
  }
  std::vector<std::string> args = {"serve",
                                   "--database",
                                   database_url_,
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--web-root",
                                   options.web_root.empty() ? dir_ + "/web" : options.web_root};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  pid_ = Spawn(args, dir_ + "/server.log", "");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string log = ReadFile(dir_ + "/server.log");
    size_t at = log.find("listening on ");
    if (at != std::string::npos && log.find('\n', at) != std::string::npos) {
      size_t colon = log.find(':', at + 13);
      port_ = static_cast<uint16_t>(std::stoi(log.substr(colon + 1)));
      return;
    }
    if (!Running()) throw std::runtime_error("ejournal serve exited:\n" + log);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("ejournal serve did not start:\n" + ReadFile(dir_ + "/server.log"));
}

TestServer::~TestServer() {
  if (pid_ > 0 && Running()) StopWith(SIGKILL);
  try {
    DropDatabase(database_url_);
  } catch (const std::exception&) {
    // A throwaway server; what is left goes with it.
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::unique_ptr<storage::Connection> TestServer::OpenDatabase() const {
  return storage::Open(*storage::ParseDatabaseUrl(database_url_));
}

int TestServer::StopWith(int signal) {
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool TestServer::Running() const {
  if (pid_ <= 0) return false;
  int status = 0;
  return waitpid(pid_, &status, WNOHANG) == 0;
}

namespace {
std::map<std::string, std::unique_ptr<TestServer>>& SharedServers() {
  static std::map<std::string, std::unique_ptr<TestServer>> servers;
  return servers;
}
}  // namespace

TestServer& SharedServer(const std::string& key, const TestServer::Options& options) {
  auto& server = SharedServers()[key];
  if (!server) server = std::make_unique<TestServer>(options);
  return *server;
}

void ReleaseSharedServers() { SharedServers().clear(); }

std::string TestServer::Output() const { return ReadFile(dir_ + "/server.log"); }

}  // namespace ej::testing
