// test_cli_check.cpp - `scopegate check`: 0 and "<path>: ok" for a valid
// config, 1 and every error as FILE:LINE: message on stderr for a broken one.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <regex>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

// A config with three independent errors on lines 6, 7 and 8.
constexpr const char* kThreeErrors =
    "version = 1;\n"
    "domains = (\n"
    "  { name = \"acme.example\";\n"
    "    sites = [ \"HQ\" ];\n"
    "    users = (\n"
    "      { id = \"101\"; scope = \"admin\"; },\n"
    "      { id = \"102\"; scope = \"basic_user\"; site = \"Moon\"; },\n"
    "      { id = \"103\"; scope = \"site_manager\"; }\n"
    "    );\n"
    "  }\n"
    ");\n";

constexpr const char* kSmallValid =
    "version = 1;\n"
    "domains = ( { name = \"small.example\"; users = ( { id = \"1\"; scope = \"basic_user\"; } ); } );\n";

// check prints what it read, then its verdict on the last line.
std::string verdict(const std::string& out) {
  const std::vector<std::string> lines = lines_of(out);
  return lines.empty() ? std::string() : lines.back() + "\n";
}

bool has_line_starting(const std::string& text, const std::string& prefix) {
  for (const std::string& line : lines_of(text)) {
    if (line.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(CliCheck, ExampleConfigIsValid) {
  const CliResult r = run_example({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(verdict(r.out), example_config() + ": ok\n");
}

TEST(CliCheck, ShippedConfigIsValid) {
  const std::string shipped = conf_dir() + "/scopegate.conf";
  const CliResult r = run_with_config(shipped, {"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(verdict(r.out), shipped + ": ok\n");
}

TEST(CliCheck, SmallWrittenConfigIsValid) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf", kSmallValid);
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(verdict(r.out), path + ": ok\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliCheck, WarningsGoToStderrAndTheConfigIsStillValid) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf",
                                     std::string(kSmallValid) +
                                         "dial_rules = (\n"
                                         "  { prefix = \"*99\"; feature = \"nosuch.feature\"; }\n"
                                         ");\n");
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(verdict(r.out), path + ": ok\n");
  EXPECT_TRUE(has_line_starting(r.err, path + ":4: ")) << r.err;
  EXPECT_NE(r.err.find("nosuch.feature"), std::string::npos) << r.err;
  // And what the warning says holds: such dials are denied.
  const CliResult dial = run_with_config(path, {"dial", "1@small.example", "*991"});
  EXPECT_EQ(dial.out, "deny unknown_feature\n");
}

TEST(CliCheck, EveryErrorIsReportedWithFileAndLine) {
  TempDir dir;
  const std::string path = dir.write("broken.conf", kThreeErrors);
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(verdict(r.out), path + ": invalid\n");
  EXPECT_TRUE(has_line_starting(r.err, path + ":6: ")) << r.err;
  EXPECT_TRUE(has_line_starting(r.err, path + ":7: ")) << r.err;
  EXPECT_TRUE(has_line_starting(r.err, path + ":8: ")) << r.err;
  std::string pattern = "^";
  pattern += std::regex_replace(path, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
  pattern += ":[0-9]+: error: .+$";
  const std::regex located(pattern);
  for (const std::string& line : lines_of(r.err)) {
    EXPECT_TRUE(std::regex_match(line, located)) << line;
  }
}

TEST(CliCheck, MissingFileIsInvalid) {
  TempDir dir;
  const std::string path = (dir.path() / "absent.conf").string();
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(verdict(r.out), path + ": invalid\n");
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
}

// Broken configs and their exact diagnostics are the shared corpus of
// tests/configs; the tests here are about check's own options and output.

TEST(CliCheck, StrictMakesWarningsErrors) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf",
                                     "version = 1;\n"
                                     "domains = ( { name = \"a.example\"; users = ( { id = \"160\"; scope = \"call_center_agent\"; } ); } );\n");
  const CliResult plain = run_with_config(path, {"check"});
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.err, path + ":2: warning: call_center_agent '160' is an agent of no queue\n");
  const CliResult strict = run_with_config(path, {"check", "--strict"});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_EQ(strict.err, path + ":2: error: call_center_agent '160' is an agent of no queue"
                               " (a warning, made an error by strict warnings)\n");
  EXPECT_EQ(verdict(strict.out), path + ": invalid\n");
}

TEST(CliCheck, JsonSaysWhatWasReadAndFound) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf",
                                     "version = 1;\n"
                                     "domains_dir = \"d\";\n"
                                     "domains = ( { name = \"a.example\"; users = ( { id = \"1\"; scope = \"basic_usr\"; } ); } );\n");
  const std::string domain = dir.write("d/b.example.conf", "name = \"b.example\";\nusers = ( { id = \"2\"; scope = \"basic_user\"; } );\n");
  dir.write("d/b.example.conf.bak", "name = \"old\";\n");
  const CliResult r = run_with_config(path, {"--json", "check"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string dir_path = dir.path().string();
  EXPECT_EQ(r.out, "{\"ok\":false,\"files\":[\"" + path + "\",\"" + domain + "\"],\"skipped\":[\"" + dir_path +
                       "/d/b.example.conf.bak\"],\"counts\":{\"domains\":2,\"users\":2,\"queues\":0},"
                       "\"diagnostics\":[{\"severity\":\"error\",\"file\":\"" + path +
                       "\",\"line\":3,\"column\":0,\"message\":\"unknown scope 'basic_usr' (did you mean 'basic_user'?)\"}]}\n");
}

TEST(CliCheck, UnopenableLogSinkIsAnErrorAtTheLogLine) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf",
                                     "version = 1;\n"
                                     "log = {\n"
                                     "  level = \"info\";\n"
                                     "  sink = \"file:" + dir.path().string() + "/scopegate.conf/x.log\";\n"
                                     "};\n");
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err.rfind(path + ":4: error: cannot open log sink 'file:", 0), 0u) << r.err;
}

// As root, check --user drops to that user: a file only root may read is
// an error then, as it would be for a PBX running as that user.
TEST(CliCheck, UserChecksAsThatUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop privileges";
  TempDir dir;
  const std::string path = dir.write("scopegate.conf", kSmallValid);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  const CliResult as_root = run_with_config(path, {"check"});
  EXPECT_EQ(as_root.exit_code, 0) << as_root.err;
  const CliResult as_nobody = run_with_config(path, {"check", "--user", "nobody"});
  EXPECT_EQ(as_nobody.exit_code, 1) << as_nobody.err;
  EXPECT_EQ(as_nobody.err, path + ":1: error: cannot open config: Permission denied\n");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  const CliResult readable = run_with_config(path, {"check", "--user", "nobody"});
  EXPECT_EQ(readable.exit_code, 0) << readable.err;
}

TEST(CliCheck, UnknownUserIsAnError) {
  const CliResult r = run_example({"check", "--user", "no-such-user-here"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "scopegate: unknown user 'no-such-user-here'\n");
}

TEST(CliCheck, ExtraArgumentIsAUsageError) {
  const CliResult r = run_example({"check", "now"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(CliCheck, ConfigOptionMayFollowTheCommand) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf", kSmallValid);
  CliRun run;
  run.args = {"check", "-c", path, "--module", module_path()};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(verdict(r.out), path + ": ok\n");
}

TEST(CliCheck, LongConfigOptionSpellings) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf", kSmallValid);
  CliRun run;
  run.args = {"--module=" + module_path(), "--config=" + path, "check"};
  EXPECT_EQ(run_cli(run).exit_code, 0);
  run.args = {"--module", module_path(), "--config", path, "check"};
  EXPECT_EQ(run_cli(run).exit_code, 0);
}

TEST(CliCheck, DecisionsOnABrokenConfigAreErrors) {
  TempDir dir;
  const std::string path = dir.write("broken.conf", kThreeErrors);
  const CliResult r = run_with_config(path, {"login", "101@acme.example", "portal"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has_line_starting(r.err, path + ":6: ")) << r.err;
}

TEST(CliCheck, DecisionsOnAMissingConfigAreErrors) {
  TempDir dir;
  const CliResult r = run_with_config((dir.path() / "absent.conf").string(),
                                      {"dial", "101@acme.example", "911"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err, "");
}

TEST(CliCheck, SmallConfigDecides) {
  TempDir dir;
  const std::string path = dir.write("scopegate.conf", kSmallValid);
  CliResult r = run_with_config(path, {"login", "1@small.example", "portal"});
  EXPECT_EQ(r.out, "allow ok\n");
  r = run_with_config(path, {"login", "101@acme.example", "portal"});
  EXPECT_EQ(r.out, "deny unknown_user\n");
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace scopegate::test
