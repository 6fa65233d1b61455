// test_cli_explain.cpp - `scopegate explain`: the decision line first, then
// the module's account of the rule and grant that decided it.
#include <algorithm>

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

namespace scopegate::test {
namespace {

// The facts of SPEC 6.1: scope, site, queues and defining FILE:LINE of actor
// and target, view flags, allowed channels, reseller domains, the grant and
// its level.
TEST(CliExplainFacts, TextNamesWhereUsersAreDefinedAndTheGrantLevel) {
  const CliResult r = run_example({"explain", "dial", "150@acme.example", "*33160"});
  EXPECT_NE(r.out.find("actor 150@acme.example: call_center_supervisor, site HQ, supervises sales, view stats_grid,agents "
                       "(" + conf_dir() + "/examples/domains.d/acme.example.conf:11)"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("target user 160@acme.example: call_center_agent, site HQ, agent of sales ("), std::string::npos);
  EXPECT_NE(r.out.find("feature monitor.listen: grant queue (level default), guarded"), std::string::npos) << r.out;
}

TEST(CliExplainFacts, TextLoginNamesTheAllowedChannels) {
  const CliResult r = run_example({"explain", "login", "160@acme.example", "api"});
  EXPECT_NE(r.out.find("allowed channels for call_center_agent: portal mobile_app web_phone\n"), std::string::npos)
      << r.out;
}

TEST(CliExplainFacts, TextGrantFromTheConfigNamesItsPlace) {
  const CliResult r = run_example({"explain", "feature", "100@acme.example", "fax.send"});
  EXPECT_NE(r.out.find("feature fax.send: grant domain (level top, " + conf_dir() + "/examples/scopegate.conf:21)"),
            std::string::npos) << r.out;
}

TEST(CliExplainFacts, JsonHasTheFactsAsFields) {
  const CliResult r = run_example({"--json", "explain", "feature", "ops@provider.example", "users.edit",
                                   "user:root@provider.example"});
  EXPECT_EQ(r.exit_code, 1);
  const std::string where = conf_dir() + "/examples/scopegate.conf:";
  EXPECT_NE(r.out.find("\"explain\":{\"rule\":\"2.2.8\",\"reason\":\"rank_too_low\",\"meaning\":"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"actor\":{\"user\":\"ops@provider.example\",\"scope\":\"reseller\",\"site\":null,\"where\":\"" +
                       where),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"domains\":[\"acme.example\",\"globex.example\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"feature\":{\"feature\":\"users.edit\",\"grant\":\"all\",\"level\":\"default\",\"where\":null,"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"target_user\":{\"user\":\"root@provider.example\",\"scope\":\"super_user\""),
            std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

TEST(CliExplainFacts, JsonQueueTargetAndSupervisorView) {
  const CliResult r = run_example({"--json", "explain", "feature", "150@acme.example", "reports.call_center.run",
                                   "queue:sales"});
  EXPECT_NE(r.out.find("\"supervises\":[\"sales\"],\"view\":\"stats_grid,agents\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"view\":\"reports\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace scopegate::test
