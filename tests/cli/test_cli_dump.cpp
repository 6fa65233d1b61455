// test_cli_dump.cpp - `scopegate dump [--domain NAME]`: the module's view of
// the effective policy and of who holds which scope, printed line by line.
#include <gtest/gtest.h>

#include <algorithm>

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

namespace scopegate::test {
namespace {

TEST(CliDumpEffective, SettingsLegendAndOverridePlaces) {
  const CliResult r = run_example({"dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "log: level warn, sink stderr, audit no")) << r.out;
  EXPECT_TRUE(has_line(r.out, "strict_permissions: yes"));
  EXPECT_TRUE(has_line(r.out, "emergency_numbers: 911 933 112"));
  EXPECT_TRUE(has_line(r.out, "  call_center_agent: portal mobile_app web_phone"));
  EXPECT_TRUE(has_line(r.out, "  1 prefix *33 -> monitor.listen (target user)"));
  EXPECT_TRUE(has_line(r.out, "  6 pattern _011. -> dial.international"));
  EXPECT_TRUE(has_line_starting(r.out, "  scopes: B basic_user, A call_center_agent, S call_center_supervisor"));
  // fax.send is set by the config's policy entry, users.edit by the default.
  bool fax = false, users_edit = false;
  for (const std::string& line : lines_of(r.out)) {
    if (line.starts_with("  fax.send ")) fax = line.ends_with("examples/scopegate.conf:21");
    if (line.starts_with("  users.edit ")) users_edit = line.ends_with(" -");
  }
  EXPECT_TRUE(fax) << r.out;
  EXPECT_TRUE(users_edit);
}

TEST(CliDumpEffective, DomainShowsWhoReachesItAndAgentsQueues) {
  const CliResult r = run_example({"dump", "--domain", "acme.example"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has_line(r.out, "  reached from outside: ops@provider.example (reseller) root@provider.example (super_user)"))
      << r.out;
  EXPECT_TRUE(has_line(r.out, "  user 161        call_center_agent site=Branch agent_of=support")) << r.out;
  // Without --domain nobody is listed as reaching from outside.
  EXPECT_FALSE(has_line_starting(run_example({"dump"}).out, "  reached from outside"));
}

TEST(CliDumpEffective, UnknownDomainPrintsOnlyTheError) {
  for (bool json : {false, true}) {
    std::vector<std::string> args{"dump", "--domain", "nosuch.example"};
    if (json) args.insert(args.begin(), "--json");
    const CliResult r = run_example(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("nosuch.example"), std::string::npos) << r.err;
  }
}

TEST(CliDumpEffective, Json) {
  const CliResult r = run_example({"--json", "dump", "--domain", "globex.example"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("{\"generation\":1,\"log\":{\"level\":\"warn\",\"sink\":\"stderr\",\"audit\":false},"
                                "\"strict_permissions\":true,\"emergency_numbers\":[\"911\",\"933\",\"112\"],"))
      << r.out;
  EXPECT_NE(r.out.find("{\"prefix\":\"*33\",\"feature\":\"monitor.listen\",\"target\":\"user\"}"), std::string::npos);
  EXPECT_NE(r.out.find("{\"feature\":\"dial.premium\",\"grant\":{\"no_portal\":\"none\",\"basic_user\":\"none\","),
            std::string::npos);
  EXPECT_NE(r.out.find("\"reached_from_outside\":[\"ops@provider.example\",\"root@provider.example\"]}]}\n"),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"name\":\"acme.example\""), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

}  // namespace
}  // namespace scopegate::test
