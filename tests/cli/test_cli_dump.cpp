// test_cli_dump.cpp - `scopegate dump [--domain NAME]`: the module's view of
// the effective policy and of who holds which scope, printed line by line.
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace scopegate::test {
namespace {

bool has_line(const std::string& text, const std::string& wanted) {
  for (const std::string& line : lines_of(text)) {
    if (line == wanted) return true;
  }
  return false;
}

bool has_line_starting(const std::string& text, const std::string& prefix) {
  for (const std::string& line : lines_of(text)) {
    if (line.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(CliDump, EveryDomainAndThePolicy) {
  const CliResult r = run_example({"dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "domain provider.example")) << r.out;
  EXPECT_TRUE(has_line(r.out, "domain acme.example"));
  EXPECT_TRUE(has_line(r.out, "domain globex.example"));
  // Config policy entries are part of the effective matrix.
  EXPECT_TRUE(has_line_starting(r.out, "  fax.send "));
  EXPECT_TRUE(has_line_starting(r.out, "  scope.assign "));
  EXPECT_NE(r.out.find("call_center_supervisor"), std::string::npos);
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(CliDump, OneDomain) {
  CliResult r = run_example({"dump", "--domain", "globex.example"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "domain globex.example")) << r.out;
  EXPECT_FALSE(has_line(r.out, "domain acme.example"));
  EXPECT_FALSE(has_line(r.out, "domain provider.example"));
  r = run_example({"dump", "--domain=acme.example"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has_line(r.out, "domain acme.example"));
  EXPECT_FALSE(has_line(r.out, "domain globex.example"));
}

TEST(CliDump, UsageErrors) {
  EXPECT_EQ(run_example({"dump", "--domain"}).exit_code, 2);
  EXPECT_EQ(run_example({"dump", "acme.example"}).exit_code, 2);
  EXPECT_EQ(run_example({"dump", "--domain", "a", "b"}).exit_code, 2);
}

TEST(CliDump, UnknownDomainIsAnError) {
  const CliResult r = run_example({"dump", "--domain", "nowhere.example"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(has_line(r.out, "domain nowhere.example"));
  EXPECT_NE(r.err.find("nowhere.example"), std::string::npos) << r.err;
}

TEST(CliDump, ModuleRefusalIsAnError) {
  const CliResult r = run_example({"dump", "--domain", std::string(300, 'd')});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err, "");
}

}  // namespace
}  // namespace scopegate::test
