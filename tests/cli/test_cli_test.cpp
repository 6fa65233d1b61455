// test_cli_test.cpp - `scopegate test FILE...`: failures with their place,
// the closing count, coverage, and the exit statuses.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

CliResult test_text(const std::string& text, const std::vector<std::string>& before = {}) {
  TempDir dir;
  const std::string file = dir.write("x.test", text);
  std::vector<std::string> args = before;
  args.push_back("test");
  args.push_back(file);
  CliResult r = run_example(args);
  // Paths differ per run: name the file x.test in what is compared.
  for (size_t at; (at = r.out.find(file)) != std::string::npos;) r.out.replace(at, file.size(), "x.test");
  return r;
}

TEST(CliTest, AllHold) {
  const CliResult r = test_text("# comment\n\nallow login 101@acme.example portal\n"
                                "deny out_of_reach feature 200@acme.example users.edit user:102\n"
                                "deny * dial 101@acme.example *33102\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.ends_with("\n3 passed, 0 failed\n")) << r.out;
}

TEST(CliTest, FailuresNameFileAndLine) {
  const CliResult r = test_text("allow login 103@acme.example portal\n"
                                "\n"
                                "deny out_of_reach feature 200@acme.example users.edit user:101\n"
                                "deny disabled_user login 103@acme.example portal\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.starts_with("x.test:1: expected allow, got deny disabled_user\n"
                                "x.test:3: expected deny out_of_reach, got allow ok\n"))
      << r.out;
  EXPECT_TRUE(r.out.ends_with("\n1 passed, 2 failed\n")) << r.out;
}

TEST(CliTest, CoverageNamesWhatNoExpectationReached) {
  const CliResult r = test_text("allow login 101@acme.example portal\n"
                                "deny out_of_reach feature 200@acme.example users.edit user:102\n");
  EXPECT_NE(r.out.find("features not exercised: extension.settings.view,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("users.edit,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rules not exercised: 2.1.1, 2.1.2, 2.1.3, 2.1.4, 2.1.5, 2.1.6, 2.2.1,"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("2.2.7"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("2.1.7"), std::string::npos) << r.out;
}

TEST(CliTest, DialReachesItsRuleFeature) {
  const CliResult r = test_text("allow dial 150@acme.example *33160\n");
  EXPECT_EQ(r.out.find("monitor.listen,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2.3 emergency, 2.3 unknown_user, 2.3 disabled_user, 2.3 ok\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("2.2.10"), std::string::npos) << r.out;
}

TEST(CliTest, Json) {
  const CliResult r = test_text("allow login 103@acme.example portal\n", {"--json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.starts_with("{\"file\":\"x.test\",\"line\":1,\"expected\":\"allow\",\"got\":\"deny disabled_user\"}\n"
                                "{\"passed\":0,\"failed\":1,\"features_not_exercised\":[\"extension.settings.view\","))
      << r.out;
}

TEST(CliTest, Errors) {
  EXPECT_EQ(test_text("maybe login 101@acme.example portal\n").exit_code, 2);
  EXPECT_EQ(test_text("deny login 101@acme.example portal\n").exit_code, 2);
  EXPECT_EQ(test_text("allow\n").exit_code, 2);
  EXPECT_EQ(run_example({"test", "/nonexistent/x.test"}).exit_code, 2);
  EXPECT_EQ(run_example({"test"}).exit_code, 2);
}

TEST(CliTest, ShippedExpectationsHoldAndCoverEverything) {
  const CliResult r = run_example({"test", conf_dir() + "/examples/expectations.test"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("features not exercised: none\nrules not exercised: none\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace scopegate::test
