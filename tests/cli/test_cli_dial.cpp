// test_cli_dial.cpp - `scopegate dial` through the example config (SPEC.md
// 2.3): emergency numbers, prefix rules with user and queue targets, pattern
// rules, unmatched destinations.
#include "expect_decision.hpp"

namespace scopegate::test {
namespace {

TEST(CliDial, EmergencyIsAllowedForEveryCaller) {
  expect_allow({"dial", "103@acme.example", "911"}, "emergency");       // disabled
  expect_allow({"dial", "aa-main@acme.example", "933"}, "emergency");   // system
  expect_allow({"dial", "170@acme.example", "112"}, "emergency");       // no_portal
  expect_allow({"dial", "999@acme.example", "911"}, "emergency");       // unknown
  expect_allow({"dial", "101@nowhere.example", "911"}, "emergency");    // unknown domain
}

TEST(CliDial, EmergencyNumbersMatchExactly) {
  expect_allow({"dial", "101@acme.example", "9110"});
  expect_deny({"dial", "103@acme.example", "9110"}, "disabled_user");
}

TEST(CliDial, UnmatchedDestinationIsAllowedForEnabledUsers) {
  expect_allow({"dial", "101@acme.example", "2125551234"});
  expect_allow({"dial", "aa-main@acme.example", "2125551234"});  // system users place calls
  expect_deny({"dial", "103@acme.example", "2125551234"}, "disabled_user");
  expect_deny({"dial", "999@acme.example", "2125551234"}, "unknown_user");
}

TEST(CliDial, MonitorPrefixFollowsSupervisorQueues) {
  expect_allow({"dial", "150@acme.example", "*33160"});  // 160 is an agent of sales
  expect_deny({"dial", "150@acme.example", "*33161"}, "out_of_reach");  // support: not 150's
  expect_deny({"dial", "101@acme.example", "*33102"}, "scope_lacks_feature");
  expect_deny({"dial", "150@acme.example", "*33999"}, "unknown_target");
  expect_deny({"dial", "150@acme.example", "*33"}, "unknown_target");
}

TEST(CliDial, SiteManagerMonitorsOnlyTheirSite) {
  expect_allow({"dial", "200@acme.example", "*34101"});
  expect_deny({"dial", "200@acme.example", "*35102"}, "out_of_reach");
  expect_deny({"dial", "200@acme.example", "*33100"}, "out_of_reach");  // 100 has no site
}

TEST(CliDial, AgentLoginPrefixNamesTheQueue) {
  expect_allow({"dial", "160@acme.example", "*71sales"});
  expect_deny({"dial", "160@acme.example", "*71support"}, "out_of_reach");
  expect_allow({"dial", "161@acme.example", "*72support"});
  expect_deny({"dial", "160@acme.example", "*71nosuch"}, "unknown_target");
}

TEST(CliDial, PatternRulesUseConfigPolicy) {
  expect_allow({"dial", "101@acme.example", "01144201234567"});
  expect_deny({"dial", "160@acme.example", "01144201234567"}, "scope_lacks_feature");
  // A no_portal phone still dials, but only what its scope is granted.
  expect_deny({"dial", "170@acme.example", "01144201234567"}, "scope_lacks_feature");
  expect_deny({"dial", "101@acme.example", "19005551234"}, "scope_lacks_feature");
  expect_allow({"dial", "100@acme.example", "19005551234"});
}

TEST(CliDial, MalformedRequestsAreBadRequest) {
  expect_bad_request({"dial", "101", "911"});
  expect_bad_request({"dial", "101@acme.example"});
  expect_bad_request({"dial", "101@acme.example", std::string(256, '5')});
}

}  // namespace
}  // namespace scopegate::test
