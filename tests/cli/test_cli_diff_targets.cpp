// test_cli_diff_targets.cpp - `scopegate diff` at the level of targets: a
// grant whose reach word stays the same but whose queues, site or domains
// change must be reported object by object.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

struct Edits {
  bool new_queue = false, site_move = false, new_domain = false, agent_removed = false;
};

std::string config_text(const Edits& e) {
  const std::string supervised = e.new_queue ? "\"support\", \"sales\"" : "\"support\"";
  const std::string resold = std::string("\"d.example\"") + (e.new_domain ? ", \"e.example\"" : "");
  const std::string sales_agents = e.agent_removed ? "\"160\"" : "\"160\", \"161\"";
  return "version = 1;\nlog = { level = \"error\"; sink = \"stderr\"; };\n"
         "domains = ( { name = \"d.example\"; sites = [ \"HQ\", \"Branch\" ];\n"
         "  users = (\n"
         "    { id = \"120\"; scope = \"site_manager\"; site = \"" + std::string(e.site_move ? "Branch" : "HQ") + "\"; },\n"
         "    { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\"; supervisor = { queues = [ " +
         supervised + " ]; }; },\n"
         "    { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; },\n"
         "    { id = \"161\"; scope = \"call_center_agent\"; site = \"Branch\"; } );\n"
         "  queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ " + sales_agents + " ]; },\n"
         "             { name = \"support\"; site = \"Branch\"; agents = [ \"161\" ]; } ); },\n"
         "  { name = \"e.example\"; users = ( { id = \"200\"; scope = \"basic_user\"; } ); },\n"
         "  { name = \"p.example\"; users = ( { id = \"ops\"; scope = \"reseller\"; domains = [ " + resold +
         " ]; } ); } );\n";
}

CliResult diff(const Edits& edit, const std::vector<std::string>& extra = {}) {
  TempDir dir;
  const std::string old_file = dir.write("old.conf", config_text(Edits{}));
  const std::string new_file = dir.write("new.conf", config_text(edit));
  std::vector<std::string> args{"diff", old_file, new_file};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_with_config(new_file, args);
}

// One text line per feature, in policy order: "+ USER may now F OBJECT"
// or "- USER may no longer F OBJECT".
std::string lines(const std::string& user, bool gained, const std::vector<std::string>& features,
                  const std::string& object) {
  std::string out;
  for (const std::string& f : features)
    out += (gained ? "+ " : "- ") + user + (gained ? " may now " : " may no longer ") + f + " " + object + "\n";
  return out;
}

const std::vector<std::string> kQueueFeatures{"queue.status.view", "queue.agent.login", "queue.agent.logout"};
const std::vector<std::string> kSupervisorFeatures{
    "recordings.listen",   "queue.status.view", "queue.agent.login", "queue.agent.logout",
    "agent.status.change", "stats.realtime.view", "agents.view",      "call_activity.view",
    "reports.call_center.run", "monitor.listen", "monitor.whisper",  "monitor.barge"};
const std::vector<std::string> kSiteFeatures{
    "extension.settings.view", "extension.settings.edit", "call_history.view", "voicemail.manage",
    "recordings.listen",       "contacts.shared.edit",    "time_frames.own.edit", "time_frames.shared.edit",
    "users.view",              "users.edit",              "users.create",      "users.delete",
    "scope.assign",            "auto_attendants.edit",    "call_queues.edit",  "conferences.edit",
    "inventory.view",          "agent_page.view",         "queue.status.view", "queue.agent.login",
    "queue.agent.logout",      "agent.status.change",     "supervisor_page.view", "stats.realtime.view",
    "agents.view",             "call_activity.view",      "reports.call_center.run", "monitor.listen",
    "monitor.whisper",         "monitor.barge"};
const std::vector<std::string> kResellerFeatures{
    "extension.settings.view", "extension.settings.edit", "call_history.view", "voicemail.manage",
    "recordings.listen",       "contacts.shared.view",    "contacts.shared.edit", "time_frames.own.edit",
    "time_frames.shared.view", "time_frames.shared.edit", "users.view",        "users.edit",
    "users.create",            "users.delete",            "scope.assign",      "supervisor.settings.edit",
    "auto_attendants.edit",    "call_queues.edit",        "conferences.edit",  "inventory.view",
    "pbx_settings.edit",       "agent_page.view",         "queue.status.view", "queue.agent.login",
    "queue.agent.logout",      "agent.status.change",     "supervisor_page.view", "stats.realtime.view",
    "agents.view",             "call_activity.view",      "reports.call_center.run", "monitor.listen",
    "monitor.whisper",         "monitor.barge"};

// Gained and lost lines interleave by feature: each feature's gains first.
std::string moved(const std::string& user, const std::vector<std::string>& features, const std::string& from,
                  const std::string& to) {
  std::string out;
  for (const std::string& f : features) out += lines(user, true, {f}, to) + lines(user, false, {f}, from);
  return out;
}

TEST(CliDiffTargets, SupervisorGivenANewQueue) {
  const CliResult r = diff(Edits{.new_queue = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "~ 150@d.example supervises support -> sales,support\n" +
                       lines("150@d.example", true, kSupervisorFeatures, "queue sales"));
  EXPECT_NE(r.out.find("+ 150@d.example may now monitor.listen queue sales\n"), std::string::npos);
}

TEST(CliDiffTargets, SiteManagerMovedToAnotherSite) {
  const CliResult r = diff(Edits{.site_move = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "~ 120@d.example site HQ -> Branch\n" + moved("120@d.example", kSiteFeatures, "site HQ", "site Branch"));
}

TEST(CliDiffTargets, ResellerGivenAnotherDomain) {
  const CliResult r = diff(Edits{.new_domain = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "~ ops@p.example domains d.example -> d.example,e.example\n" +
                       lines("ops@p.example", true, kResellerFeatures, "domain e.example"));
}

TEST(CliDiffTargets, AgentRemovedFromAQueue) {
  const CliResult r = diff(Edits{.agent_removed = true});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "~ 161@d.example queues sales,support -> support\n" +
                       lines("161@d.example", false, kQueueFeatures, "queue sales"));
}

TEST(CliDiffTargets, WidenOnlyDropsLostTargets) {
  CliResult r = diff(Edits{.site_move = true}, {"--widen-only"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "~ 120@d.example site HQ -> Branch\n" + lines("120@d.example", true, kSiteFeatures, "site Branch"));
  r = diff(Edits{.agent_removed = true}, {"--widen-only"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliDiffTargets, JsonNamesTheFeatureAndTheObject) {
  const CliResult r = diff(Edits{.agent_removed = true}, {"--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::string want =
      "{\"user\":\"161@d.example\",\"what\":\"user\",\"field\":\"queues\",\"old\":\"sales,support\","
      "\"new\":\"support\",\"widens\":false}\n";
  for (const std::string& f : kQueueFeatures)
    want += "{\"user\":\"161@d.example\",\"what\":\"target\",\"feature\":\"" + f +
            "\",\"old\":\"queue sales\",\"new\":null,\"widens\":false}\n";
  EXPECT_EQ(r.out, want);
}

}  // namespace
}  // namespace scopegate::test
