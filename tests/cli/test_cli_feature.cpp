// test_cli_feature.cpp - `scopegate feature` through the example config:
// every target kind and option of the grammar, the decision rules of SPEC.md
// 2.2 as output lines, and what the CLI itself refuses as bad_request.
#include "expect_decision.hpp"

namespace scopegate::test {
namespace {

TEST(CliFeature, NoTargetNeedsOnlyAGrant) {
  expect_allow({"feature", "100@acme.example", "fax.send"});
  expect_allow({"feature", "160@acme.example", "agent_page.view"});
  expect_deny({"feature", "101@acme.example", "agent_page.view"}, "scope_lacks_feature");
}

TEST(CliFeature, UnknownFeatureIsADenyNotAnError) {
  expect_deny({"feature", "101@acme.example", "teleport.enable"}, "unknown_feature");
  expect_deny({"feature", "101@acme.example", "teleport.enable", "user:101"}, "unknown_feature");
}

TEST(CliFeature, ActorChecksComeFirst) {
  expect_deny({"feature", "999@acme.example", "users.view"}, "unknown_user");
  expect_deny({"feature", "103@acme.example", "users.view", "user:103"}, "disabled_user");
  expect_deny({"feature", "vm-email@acme.example", "voicemail.manage", "user:101"},
              "system_user");
  expect_deny({"feature", "170@acme.example", "voicemail.manage", "user:170"},
              "no_portal_scope");
}

TEST(CliFeature, UserTargets) {
  expect_allow({"feature", "101@acme.example", "extension.settings.edit", "user:101"});
  expect_deny({"feature", "101@acme.example", "extension.settings.edit", "user:102"},
              "out_of_reach");
  expect_allow({"feature", "200@acme.example", "users.edit", "user:101"});
  expect_deny({"feature", "200@acme.example", "users.edit", "user:102"}, "out_of_reach");
  expect_deny({"feature", "200@acme.example", "users.edit", "user:404"}, "unknown_target");
}

TEST(CliFeature, UserTargetInAnotherDomain) {
  expect_deny({"feature", "100@acme.example", "users.view", "user:101@globex.example"},
              "out_of_reach");
  expect_allow({"feature", "ops@provider.example", "users.edit", "user:101@globex.example"});
  expect_allow({"feature", "root@provider.example", "users.edit", "user:101@globex.example"});
}

TEST(CliFeature, GuardedFeatureNeedsAHigherRank) {
  expect_allow({"feature", "100@acme.example", "users.edit", "user:200"});
  expect_deny({"feature", "ops@provider.example", "users.edit", "user:root@provider.example"},
              "rank_too_low");
}

TEST(CliFeature, QueueTargetsAndSupervisorViews) {
  expect_allow({"feature", "150@acme.example", "stats.realtime.view", "queue:sales"});
  expect_deny({"feature", "150@acme.example", "stats.realtime.view", "queue:support"},
              "out_of_reach");
  expect_deny({"feature", "150@acme.example", "reports.call_center.run", "queue:sales"},
              "view_disabled");
  expect_allow({"feature", "151@acme.example", "reports.call_center.run", "queue:sales"});
  expect_deny({"feature", "150@acme.example", "stats.realtime.view", "queue:nosuch"},
              "unknown_target");
}

TEST(CliFeature, QueueOptionBesideAUserTarget) {
  expect_allow({"feature", "160@acme.example", "agent.status.change", "user:160", "--queue",
                "sales"});
  expect_allow({"feature", "150@acme.example", "agent.status.change", "user:160", "--queue",
                "sales"});
  expect_deny({"feature", "150@acme.example", "agent.status.change", "user:161", "--queue",
               "support"},
              "out_of_reach");
  expect_deny({"feature", "160@acme.example", "queue.agent.login", "user:160", "--queue",
               "nosuch"},
              "unknown_target");
}

TEST(CliFeature, QueueOptionWithoutTargetIsTheActor) {
  expect_allow({"feature", "160@acme.example", "queue.agent.login", "--queue", "sales"});
  expect_deny({"feature", "160@acme.example", "queue.agent.login", "--queue=support"},
              "out_of_reach");
}

TEST(CliFeature, SiteAndDomainTargets) {
  expect_allow({"feature", "200@acme.example", "inventory.view", "site:HQ"});
  expect_deny({"feature", "200@acme.example", "inventory.view", "site:Branch"}, "out_of_reach");
  expect_deny({"feature", "200@acme.example", "inventory.view", "site:Moon"}, "unknown_target");
  expect_allow({"feature", "ops@provider.example", "pbx_settings.edit", "domain:globex.example"});
  expect_deny({"feature", "100@acme.example", "pbx_settings.edit", "domain:globex.example"},
              "out_of_reach");
  expect_deny({"feature", "root@provider.example", "pbx_settings.edit", "domain:nowhere.example"},
              "unknown_target");
}

TEST(CliFeature, ObjectTargetsWithSiteAndOwner) {
  expect_allow({"feature", "200@acme.example", "auto_attendants.edit",
                "object:auto_attendant/main", "--site", "HQ"});
  expect_deny({"feature", "200@acme.example", "conferences.edit", "object:conference/board",
               "--site", "Branch"},
              "out_of_reach");
  // No site: not in a site manager's reach.
  expect_deny({"feature", "200@acme.example", "conferences.edit", "object:conference/board"},
              "out_of_reach");
  expect_allow({"feature", "101@acme.example", "time_frames.own.edit", "object:time_frame/tf1",
                "--owner", "101"});
  expect_deny({"feature", "101@acme.example", "time_frames.own.edit", "object:time_frame/tf1",
               "--owner", "102"},
              "out_of_reach");
}

TEST(CliFeature, ScopeAssign) {
  expect_allow({"feature", "100@acme.example", "scope.assign", "user:101", "--scope",
                "site_manager"});
  expect_deny({"feature", "100@acme.example", "scope.assign", "user:101", "--scope",
               "office_manager"},
              "rank_too_low");
  expect_deny({"feature", "100@acme.example", "scope.assign", "user:100", "--scope",
               "basic_user"},
              "self_assignment");
  expect_allow({"feature", "ops@provider.example", "scope.assign", "user:101@acme.example",
                "--scope=office_manager"});
}

TEST(CliFeature, ScopeAssignWithoutScopeIsBadRequestFromTheModule) {
  expect_bad_request({"feature", "100@acme.example", "scope.assign", "user:101"});
}

TEST(CliFeature, UnknownScopeWordIsBadRequest) {
  const CliResult r = run_example(
      {"feature", "100@acme.example", "scope.assign", "user:101", "--scope", "admin"});
  EXPECT_EQ(r.out, "error bad_request\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("admin"), std::string::npos) << r.err;
}

TEST(CliFeature, UnknownTargetKindIsBadRequest) {
  const CliResult r = run_example({"feature", "100@acme.example", "users.view", "person:101"});
  EXPECT_EQ(r.out, "error bad_request\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("person"), std::string::npos) << r.err;
}

TEST(CliFeature, MalformedTargetsAreBadRequest) {
  expect_bad_request({"feature", "100@acme.example", "users.view", "101"});
  expect_bad_request({"feature", "100@acme.example", "users.view", "user:101@"});
  expect_bad_request({"feature", "100@acme.example", "users.view", "user:"});
  expect_bad_request({"feature", "100@acme.example", "conferences.edit", "object:board"});
  expect_bad_request({"feature", "100@acme.example", "users.view",
                      "user:" + std::string(256, '1')});
}

TEST(CliFeature, MalformedOptionsAreBadRequest) {
  expect_bad_request({"feature", "100@acme.example", "users.view", "user:101", "--bogus", "x"});
  expect_bad_request({"feature", "100@acme.example", "users.view", "user:101", "--queue"});
  expect_bad_request({"feature", "100@acme.example", "users.view", "user:101", "--queue", "a",
                      "--queue", "b"});
  expect_bad_request({"feature", "200@acme.example", "conferences.edit", "--site", "HQ"});
}

TEST(CliFeature, MissingWordsAreBadRequest) {
  expect_bad_request({"feature", "100@acme.example"});
  expect_bad_request({"feature", "100", "users.view"});
  expect_bad_request({"feature", "100@acme.example", std::string(256, 'f')});
}

}  // namespace
}  // namespace scopegate::test
