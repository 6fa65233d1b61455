// Config files that go bad under a running module, and config trust.
//
// A file that vanishes, becomes unreadable, is cut short mid-write or grows
// into 100 MB of junk before a reload is refused with an error naming it,
// and the snapshot in force keeps deciding. Files owned by someone else or
// writable by group or others are refused (strict_permissions), symlinks
// are judged by what they point to.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <random>

#include "faults_support.hpp"

namespace sgfault {
namespace {

const std::vector<std::string> kAnswersA = {
    "allow ok", "deny disabled_user",        "deny unknown_user", "allow emergency",           "allow emergency",
    "allow ok", "deny scope_lacks_feature", "allow ok",          "deny scope_lacks_feature", "allow ok",
};

class ConfigFiles : public ::testing::Test {
 protected:
  TempDir dir;
  ConfigTree tree{dir};
  LogCapture log;
  sg_handle *h = nullptr;

  void SetUp() override {
    sg_error err;
    h = open_config(tree.main, err, &log);
    ASSERT_NE(h, nullptr) << err.message;
    ASSERT_EQ(answers(h), kAnswersA);
  }
  void TearDown() override {
    if (h) api().close(h);
  }

  // Reload must fail naming the file and saying why; the old snapshot stays.
  void expect_refused(const std::string &file, const std::string &why) {
    sg_error err;
    SG_INIT(err);
    EXPECT_EQ(api().reload(h, &err), -1);
    std::string message = err.message;
    EXPECT_NE(message.find(file), std::string::npos) << message;
    EXPECT_NE(message.find(why), std::string::npos) << message;
    EXPECT_EQ(generation(h), 1u);
    EXPECT_EQ(answers(h), kAnswersA);
    sg_info info;
    SG_INIT(info);
    ASSERT_EQ(api().info(h, &info), 0);
    EXPECT_EQ(info.last_reload_ok, 0);
    EXPECT_NE(std::string(info.last_reload_message).find(file), std::string::npos);
  }

  void expect_reload_ok() {
    sg_error err;
    SG_INIT(err);
    EXPECT_EQ(api().reload(h, &err), 0) << err.message;
  }
};

TEST_F(ConfigFiles, MainFileVanishes) {
  ASSERT_EQ(::unlink(tree.main.c_str()), 0);
  expect_refused(tree.main, "No such file");
}

TEST_F(ConfigFiles, IncludedFileVanishes) {
  ASSERT_EQ(::unlink(tree.include.c_str()), 0);
  expect_refused(tree.main + ":2:", "include");  // the @include line
}

TEST_F(ConfigFiles, DomainsDirVanishes) {
  ASSERT_EQ(::unlink(tree.domain.c_str()), 0);
  ASSERT_EQ(::rmdir(dir.file("domains.d").c_str()), 0);
  expect_refused("domains.d", "domains_dir");
}

TEST_F(ConfigFiles, MainFileBecomesADirectory) {
  ASSERT_EQ(::unlink(tree.main.c_str()), 0);
  ASSERT_EQ(::mkdir(tree.main.c_str(), 0755), 0);
  expect_refused(tree.main, "directory");
}

TEST_F(ConfigFiles, DomainFileBecomesAFifo) {
  ASSERT_EQ(::unlink(tree.domain.c_str()), 0);
  ASSERT_EQ(::mkfifo(tree.domain.c_str(), 0644), 0);
  auto start = std::chrono::steady_clock::now();
  expect_refused(tree.domain, "FIFO");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "reload waited on the FIFO";
}

// Mode 000: root reads anything, so the reload runs in a child process that
// gives up root first (as a PBX running as its own user would be).
TEST_F(ConfigFiles, MainFileBecomesUnreadable) {
  ASSERT_EQ(::chmod(tree.main.c_str(), 0), 0);
  if (::geteuid() != 0) {
    expect_refused(tree.main, "Permission denied");
    return;
  }
  api().close(h);
  h = nullptr;
  ASSERT_EQ(::chmod(tree.main.c_str(), 0644), 0);
  for (const std::string &f : {tree.main, tree.include, tree.domain, dir.path(), dir.file("domains.d")})
    ASSERT_EQ(::chown(f.c_str(), 65534, 65534), 0) << f;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(10);
    sg_error err;
    sg_handle *mine = open_config(tree.main, err);
    if (mine == nullptr) ::_exit(11);
    if (::chmod(tree.main.c_str(), 0) != 0) ::_exit(12);
    SG_INIT(err);
    if (api().reload(mine, &err) != -1) ::_exit(13);
    std::string message = err.message;
    if (message.find(tree.main) == std::string::npos || message.find("Permission denied") == std::string::npos)
      ::_exit(14);
    if (generation(mine) != 1 || answers(mine) != kAnswersA) ::_exit(15);
    api().close(mine);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10 setuid, 11 open, 12 chmod, 13 reload ok, 14 message, 15 answers";
}

TEST_F(ConfigFiles, MainFileTruncatedMidWrite) {
  std::string text = ConfigTree::main_text();
  // Written in place (no rename), cut inside the dial rule's group.
  std::ofstream(tree.main, std::ios::trunc) << text.substr(0, text.find("feature"));
  expect_refused(tree.main, "syntax error");
}

TEST_F(ConfigFiles, DomainFileTruncatedMidWrite) {
  std::string text = ConfigTree::domain_text();
  std::ofstream(tree.domain, std::ios::trunc) << text.substr(0, text.size() / 2);
  expect_refused(tree.domain, "syntax error");
}

TEST_F(ConfigFiles, DomainFileTruncatedToNothing) {
  std::ofstream(tree.domain, std::ios::trunc).flush();
  expect_refused(tree.domain, "empty");
}

std::string junk(size_t bytes) {
  std::string out(bytes, '\0');
  std::mt19937_64 random(42);
  for (size_t i = 0; i + 8 <= bytes; i += 8) {
    uint64_t r = random();
    std::memcpy(&out[i], &r, 8);
  }
  return out;
}

TEST_F(ConfigFiles, MainFileGrowsTo100MBOfJunk) {
  {
    std::ofstream out(tree.main, std::ios::app | std::ios::binary);
    out << junk(100u << 20);
  }
  auto start = std::chrono::steady_clock::now();
  expect_refused(tree.main, "larger than a config file may be");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(ConfigFiles, DomainFileGrowsTo100MBOfText) {
  {
    std::ofstream out(tree.domain, std::ios::app);
    std::string line = "# " + std::string(1021, 'x') + "\n";
    for (int i = 0; i < 100 * 1024; ++i) out << line;
  }
  expect_refused(tree.domain, "larger than a config file may be");
}

TEST_F(ConfigFiles, JunkBytesInTheMainFile) {
  dir.write("scopegate.conf", junk(4096));
  sg_error err;
  SG_INIT(err);
  EXPECT_EQ(api().reload(h, &err), -1);
  EXPECT_NE(std::string(err.message).find(tree.main), std::string::npos) << err.message;
  EXPECT_EQ(answers(h), kAnswersA);
}

TEST_F(ConfigFiles, GoodAgainAfterFailures) {
  ASSERT_EQ(::unlink(tree.include.c_str()), 0);
  expect_refused(tree.main + ":2:", "include");
  dir.write("inc.conf", ConfigTree::include_text());
  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text_101_disabled());
  expect_reload_ok();
  EXPECT_EQ(generation(h), 2u);
  EXPECT_EQ(login(h, "101", "acme.example"), "deny disabled_user");
}

// --- config trust ----------------------------------------------------------

TEST_F(ConfigFiles, WorldWritableMainFileIsRefused) {
  ASSERT_EQ(::chmod(tree.main.c_str(), 0666), 0);
  expect_refused(tree.main, "writable by others");
}

TEST_F(ConfigFiles, GroupWritableIncludeIsRefused) {
  ASSERT_EQ(::chmod(tree.include.c_str(), 0664), 0);
  expect_refused(tree.include, "writable by group");
}

TEST_F(ConfigFiles, WritableDomainFileIsRefused) {
  ASSERT_EQ(::chmod(tree.domain.c_str(), 0646), 0);
  expect_refused(tree.domain, "writable by others");
}

TEST_F(ConfigFiles, FileOwnedBySomeoneElseIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
  ASSERT_EQ(::chown(tree.domain.c_str(), 65534, 65534), 0);
  expect_refused(tree.domain, "owned by uid 65534");
  ASSERT_EQ(::chown(tree.domain.c_str(), 0, 65534), 0);  // root's: fine
  expect_reload_ok();
}

TEST_F(ConfigFiles, IncludedFileOwnedBySomeoneElseIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
  ASSERT_EQ(::chown(tree.include.c_str(), 65534, 65534), 0);
  expect_refused(tree.include, "owned by uid 65534");
}

TEST_F(ConfigFiles, SymlinkToAnUntrustedFileIsRefused) {
  std::string target = dir.write("elsewhere/acme.conf", ConfigTree::domain_text());
  ASSERT_EQ(::chmod(target.c_str(), 0666), 0);
  ASSERT_EQ(::unlink(tree.domain.c_str()), 0);
  ASSERT_EQ(::symlink(target.c_str(), tree.domain.c_str()), 0);
  expect_refused(tree.domain, "symlink to " + target + ", which is writable by others");
  ASSERT_EQ(::chmod(target.c_str(), 0644), 0);  // the same link to a good file is followed
  expect_reload_ok();
  EXPECT_EQ(generation(h), 2u);
}

TEST_F(ConfigFiles, DanglingSymlinkIsRefused) {
  ASSERT_EQ(::unlink(tree.domain.c_str()), 0);
  ASSERT_EQ(::symlink(dir.file("nowhere.conf").c_str(), tree.domain.c_str()), 0);
  sg_error err;
  SG_INIT(err);
  EXPECT_EQ(api().reload(h, &err), -1);
  EXPECT_NE(std::string(err.message).find(tree.domain), std::string::npos) << err.message;
  EXPECT_EQ(answers(h), kAnswersA);
}

TEST_F(ConfigFiles, StrictPermissionsFalseAcceptsWithAWarning) {
  ASSERT_EQ(::chmod(tree.domain.c_str(), 0666), 0);
  dir.write("scopegate.conf", std::string("strict_permissions = false;\n") + ConfigTree::main_text());
  expect_reload_ok();
  EXPECT_EQ(generation(h), 2u);
  EXPECT_TRUE(log.contains("strict_permissions = false")) << "no warning logged";
  EXPECT_TRUE(log.contains("unsafe"));
}

TEST_F(ConfigFiles, StrictPermissionsMustBeABoolean) {
  dir.write("scopegate.conf", std::string("strict_permissions = \"no\";\n") + ConfigTree::main_text());
  expect_refused(tree.main, "strict_permissions");
}

TEST_F(ConfigFiles, OpenRefusesAnUntrustedConfigToo) {
  ASSERT_EQ(::chmod(tree.main.c_str(), 0622), 0);
  sg_error err;
  sg_handle *other = open_config(tree.main, err);
  EXPECT_EQ(other, nullptr);
  EXPECT_EQ(err.code, -1);
  EXPECT_NE(std::string(err.message).find(tree.main + ":"), std::string::npos) << err.message;
  EXPECT_NE(std::string(err.message).find("writable by others"), std::string::npos) << err.message;
}

}  // namespace
}  // namespace sgfault
