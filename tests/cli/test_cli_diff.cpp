// test_cli_diff.cpp - `scopegate diff`: known edits to a config, each alone,
// and the exact change lines they must give; exit 0 for no change, 1 for
// changes, 2 for an error.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

struct Edits {
  bool scope = false, site = false, queue = false, policy = false, removed = false, dial_rule = false;
};

std::string config_text(const Edits& e) {
  std::string policy = e.policy ? "policy = ( { feature = \"users.view\"; call_center_agent = \"site\"; } );\n" : "";
  std::string dial = std::string("dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; }") +
                     (e.dial_rule ? ",\n  { prefix = \"*36\"; feature = \"monitor.whisper\"; target = \"user\"; }" : "") +
                     " );\n";
  return "version = 1;\nlog = { level = \"error\"; sink = \"stderr\"; };\n" + policy + dial +
         "domains = ( { name = \"d.example\"; sites = [ \"HQ\", \"Branch\" ];\n"
         "  users = (\n"
         "    { id = \"100\"; scope = \"office_manager\"; },\n"
         "    { id = \"101\"; scope = \"basic_user\"; site = \"" + std::string(e.site ? "Branch" : "HQ") + "\"; },\n"
         "    { id = \"102\"; scope = \"" + std::string(e.scope ? "site_manager" : "basic_user") + "\"; site = \"HQ\"; },\n" +
         (e.removed ? "" : "    { id = \"103\"; scope = \"basic_user\"; },\n") +
         "    { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\"; supervisor = { queues = [ \"sales\" ]; }; },\n"
         "    { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; },\n"
         "    { id = \"161\"; scope = \"call_center_agent\"; site = \"Branch\"; } );\n"
         "  queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\"" + std::string(e.queue ? ", \"161\"" : "") +
         " ]; },\n"
         "             { name = \"support\"; site = \"Branch\"; agents = [ \"161\" ]; } ); } );\n";
}

CliResult diff(const Edits& edit, const std::vector<std::string>& extra = {}) {
  TempDir dir;
  const std::string old_file = dir.write("old.conf", config_text(Edits{}));
  const std::string new_file = dir.write("new.conf", config_text(edit));
  std::vector<std::string> args{"--json", "diff", old_file, new_file};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_with_config(new_file, args);
}

std::string line(const std::string& user, const std::string& what, const std::string& key_name,
                 const std::string& key, const std::string& old_value, const std::string& new_value, bool widens) {
  auto value = [](const std::string& v) { return v.empty() ? std::string("null") : "\"" + v + "\""; };
  return "{\"user\":\"" + user + "\",\"what\":\"" + what + "\",\"" + key_name + "\":\"" + key + "\",\"old\":" +
         value(old_value) + ",\"new\":" + value(new_value) + ",\"widens\":" + (widens ? "true" : "false") + "}\n";
}

std::string feature(const std::string& user, const std::string& f, const std::string& o, const std::string& n,
                    bool widens) {
  return line(user, "feature", "feature", f, o, n, widens);
}

TEST(CliDiff, NoChange) {
  const CliResult r = diff(Edits{});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliDiff, ScopeChange) {
  const CliResult r = diff(Edits{.scope = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string u = "102@d.example", none = "deny scope_lacks_feature";
  std::string want = line(u, "user", "field", "scope", "basic_user", "site_manager", true);
  for (const char* f : {"extension.settings.view", "extension.settings.edit", "call_history.view", "voicemail.manage",
                        "recordings.listen"})
    want += feature(u, f, "allow self", "allow site", true);
  want += feature(u, "contacts.shared.edit", none, "allow site", true);
  want += feature(u, "time_frames.own.edit", "allow self", "allow site", true);
  want += feature(u, "time_frames.shared.edit", none, "allow site", true);
  want += feature(u, "users.view", "allow self", "allow site", true);
  for (const char* f : {"users.edit", "users.create", "users.delete", "scope.assign", "auto_attendants.edit",
                        "call_queues.edit", "conferences.edit", "inventory.view", "agent_page.view",
                        "queue.status.view", "queue.agent.login", "queue.agent.logout", "agent.status.change",
                        "supervisor_page.view", "stats.realtime.view", "agents.view", "call_activity.view",
                        "reports.call_center.run", "monitor.listen", "monitor.whisper", "monitor.barge"})
    want += feature(u, f, none, "allow site", true);
  EXPECT_EQ(r.out, want);
}

TEST(CliDiff, SiteMove) {
  const CliResult r = diff(Edits{.site = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, line("101@d.example", "user", "field", "site", "HQ", "Branch", true));
}

TEST(CliDiff, QueueMembership) {
  const CliResult r = diff(Edits{.queue = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::string want = line("161@d.example", "user", "field", "queues", "support", "sales,support", true);
  for (const char* f : {"queue.status.view", "queue.agent.login", "queue.agent.logout"})
    want += line("161@d.example", "target", "feature", f, "", "queue sales", true);
  EXPECT_EQ(r.out, want);
}

TEST(CliDiff, PolicyOverride) {
  const CliResult r = diff(Edits{.policy = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, feature("160@d.example", "users.view", "allow self", "allow site", true) +
                       feature("161@d.example", "users.view", "allow self", "allow site", true));
}

TEST(CliDiff, UserRemoved) {
  const CliResult r = diff(Edits{.removed = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string u = "103@d.example";
  std::string want = line(u, "user", "field", "present", "basic_user", "", false);
  for (const char* c : {"portal", "mobile_app", "web_phone", "attendant_console", "api", "sip_device"})
    want += line(u, "login", "channel", c, "allow", "deny unknown_user", false);
  for (const char* f : {"extension.settings.view", "extension.settings.edit", "call_history.view", "voicemail.manage",
                        "recordings.listen"})
    want += feature(u, f, "allow self", "deny unknown_user", false);
  want += feature(u, "contacts.shared.view", "allow domain", "deny unknown_user", false);
  want += feature(u, "time_frames.own.edit", "allow self", "deny unknown_user", false);
  want += feature(u, "time_frames.shared.view", "allow domain", "deny unknown_user", false);
  want += feature(u, "users.view", "allow self", "deny unknown_user", false);
  EXPECT_EQ(r.out, want);
}

TEST(CliDiff, DialRuleAdded) {
  const CliResult r = diff(Edits{.dial_rule = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "{\"what\":\"dial_rule\",\"rule\":\"*36\",\"old\":null,\"new\":\"monitor.whisper user\","
                   "\"widens\":false}\n");
}

TEST(CliDiff, WidenOnlyLeavesOutWhatNarrows) {
  CliResult r = diff(Edits{.removed = true}, {"--widen-only"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = diff(Edits{.site = true, .removed = true}, {"--widen-only"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, line("101@d.example", "user", "field", "site", "HQ", "Branch", true));
}

TEST(CliDiff, TextIsGroupedByUser) {
  TempDir dir;
  const std::string old_file = dir.write("old.conf", config_text(Edits{}));
  const std::string new_file = dir.write("new.conf", config_text(Edits{.site = true, .queue = true, .policy = true}));
  const CliResult r = run_with_config(new_file, {"diff", old_file});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "~ 101@d.example site HQ -> Branch\n"
            "\n"
            "+ 160@d.example may now users.view with reach site (was self)\n"
            "\n"
            "~ 161@d.example queues support -> sales,support\n"
            "+ 161@d.example may now users.view with reach site (was self)\n"
            "+ 161@d.example may now queue.status.view queue sales\n"
            "+ 161@d.example may now queue.agent.login queue sales\n"
            "+ 161@d.example may now queue.agent.logout queue sales\n");
}

TEST(CliDiff, Errors) {
  TempDir dir;
  const std::string good = dir.write("good.conf", config_text(Edits{}));
  const std::string bad = dir.write("bad.conf", "version = 1;\ndomains = ( { name = \"x\"; users = ( { id = 1; } ); } );\n");
  EXPECT_EQ(run_with_config(good, {"diff", bad}).exit_code, 2);
  EXPECT_EQ(run_with_config(good, {"diff", good, bad}).exit_code, 2);
  EXPECT_EQ(run_with_config(good, {"diff"}).exit_code, 2);
  EXPECT_EQ(run_with_config(good, {"diff", good, good, good}).exit_code, 2);
}

}  // namespace
}  // namespace scopegate::test
