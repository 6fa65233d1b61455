// test_cli_check.cpp - `scopegate check`: 0 and "<path>: ok" for a valid
// config, 1 and every error as FILE:LINE: message on stderr for a broken one.
#include <gtest/gtest.h>

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

TEST(CliCheck, SyntaxErrorNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("syntax.conf", "version = 1;\n\nlog = { level = ; };\n");
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has_line_starting(r.err, path + ":3:")) << r.err;
}

TEST(CliCheck, ErrorInADomainFileNamesThatFile) {
  TempDir dir;
  const std::string main = dir.write("scopegate.conf", "version = 1;\ndomains_dir = \"domains.d\";\n");
  const std::string domain = dir.write("domains.d/acme.example.conf",
                                       "name = \"acme.example\";\n"
                                       "users = ( { id = \"1\"; scope = \"basic_user\"; colour = \"red\"; } );\n");
  const CliResult r = run_with_config(main, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has_line_starting(r.err, domain + ":2:")) << r.err;
}

TEST(CliCheck, MissingFileIsInvalid) {
  TempDir dir;
  const std::string path = (dir.path() / "absent.conf").string();
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(verdict(r.out), path + ": invalid\n");
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
}

TEST(CliCheck, EmptyFileIsInvalid) {
  TempDir dir;
  const std::string path = dir.write("empty.conf", "");
  const CliResult r = run_with_config(path, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
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
