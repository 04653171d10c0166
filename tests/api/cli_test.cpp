// The command line: init, user add/passwd/lock, demo refusing data, migrate.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "api/http_client.h"
#include "api/test_server.h"

namespace ej::testing {
namespace {

namespace fs = std::filesystem;

class CliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() / ("ej_cli_" + std::to_string(getpid()))).string();
    fs::create_directories(dir_);
    url_ = FreshDatabaseUrl(GetParam(), dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  int Run(const std::vector<std::string>& args, const std::string& input = "") {
    // --database is an option of the program, given before the subcommand.
    std::vector<std::string> ordered = {"--database", url_};
    ordered.insert(ordered.end(), args.begin(), args.end());
    return RunEjournal(ordered, out_, input);
  }
  std::string dir_, url_, out_;
};

TEST_P(CliTest, InitThenManageUsers) {
  ASSERT_EQ(
      Run({"init", "--school", "МБОУ СОШ № 1", "--last-name", "Иванова", "--first-name", "Мария", "--password-stdin"},
          "first admin pass\n"),
      0)
      << out_;
  // A second init is refused: administrators create administrators.
  EXPECT_NE(Run({"init", "--school", "Другая", "--last-name", "А", "--first-name", "Б", "--password-stdin"},
                "another pass 1\n"),
            0);
  EXPECT_NE(out_.find("администратор уже есть"), std::string::npos) << out_;
  EXPECT_EQ(Run({"user", "add", "--login", "Petrov.IV", "--last-name", "Петров", "--first-name", "Иван", "--role",
                 "teacher", "--role", "deputy", "--school", "1", "--password-stdin"},
                "teacher pass 1\n"),
            0)
      << out_;
  EXPECT_NE(Run({"user", "add", "--login", "petrov.iv", "--last-name", "П", "--first-name", "И", "--role", "teacher",
                 "--school", "1", "--password-stdin"},
                "teacher pass 1\n"),
            0);
  EXPECT_NE(out_.find("user.login_taken"), std::string::npos) << out_;
  EXPECT_NE(Run({"user", "add", "--login", "weak", "--last-name", "П", "--first-name", "И", "--role", "teacher",
                 "--school", "1", "--password-stdin"},
                "123\n"),
            0);
  EXPECT_NE(Run({"user", "add", "--login", "pupil", "--last-name", "П", "--first-name", "И", "--role", "student",
                 "--school", "1", "--password-stdin"},
                "long password\n"),
            0);

  {
    auto db = storage::Open(*storage::ParseDatabaseUrl(url_));
    EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM user_roles WHERE role IN ('teacher', 'deputy')")->Int(0), 2);
  }
  EXPECT_EQ(Run({"user", "passwd", "--login", "petrov.iv", "--password-stdin"}, "changed pass 1\n"), 0) << out_;
  EXPECT_EQ(Run({"user", "lock", "--login", "petrov.iv"}), 0) << out_;
  auto db = storage::Open(*storage::ParseDatabaseUrl(url_));
  EXPECT_EQ(db->QueryOne("SELECT locked FROM users WHERE login = 'petrov.iv'")->Int(0), 1);
  EXPECT_EQ(Run({"user", "lock", "--login", "petrov.iv", "--unlock"}), 0) << out_;
  EXPECT_EQ(db->QueryOne("SELECT locked FROM users WHERE login = 'petrov.iv'")->Int(0), 0);
  EXPECT_NE(Run({"user", "lock", "--login", "nobody"}), 0);
}

TEST_P(CliTest, DemoRefusesADatabaseWithDataUnlessForced) {
  ASSERT_EQ(Run({"migrate"}), 0) << out_;
  EXPECT_NE(out_.find("schema version"), std::string::npos);
  ASSERT_EQ(Run({"demo"}), 0) << out_;
  EXPECT_NE(out_.find("classteacher"), std::string::npos) << "the demo logins are printed";
  EXPECT_NE(Run({"demo"}), 0);
  EXPECT_NE(out_.find("--force"), std::string::npos) << out_;
  ASSERT_EQ(Run({"demo", "--force"}), 0) << out_;
  auto db = storage::Open(*storage::ParseDatabaseUrl(url_));
  EXPECT_EQ(db->QueryOne("SELECT COUNT(*) FROM schools")->Int(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CliTest, ::testing::ValuesIn(ApiBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ej::testing
