// test_cli_module.cpp - how the CLI finds and loads scopegate.so (--module,
// $SCOPEGATE_MODULE, the build tree), what it says when it cannot, and the
// options that need no config: --version, --help, usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

CliRun login_run() {
  CliRun run;
  run.args = {"-c", example_config(), "login", "101@acme.example", "portal"};
  return run;
}

TEST(CliModule, MissingModuleFileExitsTwo) {
  CliRun run = login_run();
  run.args.insert(run.args.begin(), {"--module", "/nonexistent/scopegate.so"});
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("/nonexistent/scopegate.so"), std::string::npos) << r.err;
}

TEST(CliModule, FileThatIsNotASharedObjectExitsTwo) {
  CliRun run = login_run();
  run.args.insert(run.args.begin(), {"--module", example_config()});
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(CliModule, SharedObjectWithoutEntryPointExitsTwo) {
  CliRun run = login_run();
  run.args.insert(run.args.begin(), {"--module", SG_TEST_NOT_A_MODULE});
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sg_module_api"), std::string::npos) << r.err;
}

TEST(CliModule, ModuleOfAnotherAbiExitsTwo) {
  CliRun run = login_run();
  run.args.insert(run.args.begin(), {"--module", SG_TEST_WRONG_ABI_MODULE});
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ABI"), std::string::npos) << r.err;
}

TEST(CliModule, CheckWithUnloadableModuleExitsTwoNotOne) {
  CliRun run;
  run.args = {"--module", "/nonexistent/scopegate.so", "-c", example_config(), "check"};
  EXPECT_EQ(run_cli(run).exit_code, 2);
}

TEST(CliModule, BuildTreeModuleIsTheDefault) {
  // Neither --module nor $SCOPEGATE_MODULE: <build>/tools/../module/scopegate.so.
  const CliResult r = run_cli(login_run());
  EXPECT_EQ(r.out, "allow ok\n") << r.err;
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliModule, EnvironmentVariableIsUsed) {
  CliRun run = login_run();
  run.env["SCOPEGATE_MODULE"] = "/nonexistent/from-env.so";
  CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/from-env.so"), std::string::npos) << r.err;
  run.env["SCOPEGATE_MODULE"] = module_path();
  r = run_cli(run);
  EXPECT_EQ(r.out, "allow ok\n") << r.err;
}

TEST(CliModule, ModuleOptionWinsOverEnvironment) {
  CliRun run = login_run();
  run.env["SCOPEGATE_MODULE"] = "/nonexistent/from-env.so";
  run.args.insert(run.args.begin(), {"--module", module_path()});
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.out, "allow ok\n") << r.err;
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliModule, CopiedCliWithoutModuleBesideItFallsBackToTheInstalledPath) {
  // A copy outside the build tree has no ../module/scopegate.so; unless the
  // module happens to be installed, loading fails with the installed path.
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "bin");
  const auto copy = dir.path() / "bin" / "scopegate";
  std::filesystem::copy_file(cli_path(), copy);
  CliRun run = login_run();
  run.program = copy.string();
  const CliResult r = run_cli(run);
  if (!std::filesystem::exists(SG_TEST_INSTALLED_MODULE)) {
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(SG_TEST_INSTALLED_MODULE), std::string::npos) << r.err;
  }
  run.args.insert(run.args.begin(), {"--module", module_path()});
  EXPECT_EQ(run_cli(run).out, "allow ok\n");
}

TEST(CliModule, VersionNamesCliAndModule) {
  CliRun run;
  run.args = {"--module", module_path(), "--version"};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(scopegate [0-9]+\.[0-9]+\.[0-9]+ \(module [^ )]+\)\n)")))
      << r.out;
}

TEST(CliModule, VersionWithoutModuleExitsTwo) {
  CliRun run;
  run.args = {"--module", "/nonexistent/scopegate.so", "--version"};
  EXPECT_EQ(run_cli(run).exit_code, 2);
}

TEST(CliModule, HelpShowsTheGrammar) {
  CliRun run;
  run.args = {"--help"};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"check", "info", "login", "dial", "feature", "explain", "batch", "dump",
                           "USER@DOMAIN", "--queue", "--scope", "--site", "--owner", "--json",
                           "--module", "-c FILE", "object:KIND/ID[@DOMAIN]", "domain:NAME"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
}

TEST(CliModule, NoCommandIsAUsageError) {
  CliRun run;
  run.args = {"--module", module_path()};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err, "");
}

TEST(CliModule, UnknownCommandIsAUsageError) {
  const CliResult r = run_example({"reload"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("reload"), std::string::npos);
}

TEST(CliModule, UnknownGlobalOptionIsAUsageError) {
  CliRun run;
  run.args = {"--verbose", "check"};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--verbose"), std::string::npos);
}

TEST(CliModule, OptionWithoutValueIsAUsageError) {
  CliRun run;
  run.args = {"check", "-c"};
  EXPECT_EQ(run_cli(run).exit_code, 2);
  run.args = {"--module"};
  EXPECT_EQ(run_cli(run).exit_code, 2);
  // An empty value must not quietly fall back to the default.
  run.args = {"--module=", "-c", example_config(), "check"};
  EXPECT_EQ(run_cli(run).exit_code, 2);
  run.args = {"--module", module_path(), "-c", "", "check"};
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(CliModule, DefaultConfigPathIsBuiltIn) {
  // Without -c the CLI reads SG_DEFAULT_CONFIG; the error names that path
  // when it is absent.
  CliRun run;
  run.args = {"--module", module_path(), "check"};
  const CliResult r = run_cli(run);
  if (std::filesystem::exists(SG_TEST_DEFAULT_CONFIG)) {
    GTEST_SKIP() << SG_TEST_DEFAULT_CONFIG << " exists on this machine";
  }
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(SG_TEST_DEFAULT_CONFIG), std::string::npos) << r.err;
}

}  // namespace
}  // namespace scopegate::test
