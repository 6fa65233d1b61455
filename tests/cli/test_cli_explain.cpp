// test_cli_explain.cpp - `scopegate explain`: the decision line first, then
// the module's account of the rule and grant that decided it.
#include "expect_decision.hpp"

namespace scopegate::test {
namespace {

// The decision line, and whether any explain text followed it.
void expect_explained(const std::vector<std::string>& args, const std::string& first_line,
                      int status) {
  const CliResult r = run_example(args);
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 2u) << "scopegate " << joined(args) << "\n" << r.out << r.err;
  EXPECT_EQ(lines[0], first_line);
  EXPECT_EQ(r.exit_code, status);
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(CliExplain, LoginAllowHasTextAfterTheDecision) {
  expect_explained({"explain", "login", "101@acme.example", "portal"}, "allow ok", 0);
}

TEST(CliExplain, DialDenyKeepsTheDenyExitStatus) {
  expect_explained({"explain", "dial", "150@acme.example", "*33161"}, "deny out_of_reach", 1);
}

TEST(CliExplain, FeatureViewDisabled) {
  expect_explained({"explain", "feature", "150@acme.example", "reports.call_center.run",
                    "queue:sales"},
                   "deny view_disabled", 1);
}

TEST(CliExplain, TextNamesTheFeatureThatDecided) {
  const CliResult r = run_example({"explain", "feature", "200@acme.example", "users.edit",
                                   "user:102"});
  EXPECT_NE(r.out.find("users.edit"), std::string::npos) << r.out;
}

TEST(CliExplain, EmergencyIsExplained) {
  expect_explained({"explain", "dial", "103@acme.example", "911"}, "allow emergency", 0);
}

TEST(CliExplain, WithoutAHookIsBadRequest) {
  expect_bad_request({"explain"});
  expect_bad_request({"explain", "check"});
  expect_bad_request({"explain", "login", "101", "portal"});
}

TEST(CliExplain, PlainDecisionsHaveNoExplainText) {
  const CliResult r = run_example({"feature", "200@acme.example", "users.edit", "user:102"});
  EXPECT_EQ(r.out, "deny out_of_reach\n");
}

}  // namespace
}  // namespace scopegate::test
