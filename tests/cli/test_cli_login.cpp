// test_cli_login.cpp - `scopegate login` through the example config: every
// rule of SPEC.md 2.1 as an output line and exit status.
#include "expect_decision.hpp"

namespace scopegate::test {
namespace {

TEST(CliLogin, BasicUserOnThePortalIsAllowed) {
  expect_allow({"login", "101@acme.example", "portal"});
}

TEST(CliLogin, UnknownUserIsDenied) {
  expect_deny({"login", "999@acme.example", "portal"}, "unknown_user");
  expect_deny({"login", "101@nowhere.example", "portal"}, "unknown_user");
}

TEST(CliLogin, DisabledUserIsDeniedOnEveryChannel) {
  expect_deny({"login", "103@acme.example", "portal"}, "disabled_user");
  expect_deny({"login", "103@acme.example", "sip_device"}, "disabled_user");
}

TEST(CliLogin, SystemUserIsDeniedEvenForSipDevices) {
  expect_deny({"login", "aa-main@acme.example", "sip_device"}, "system_user");
  expect_deny({"login", "vm-email@acme.example", "portal"}, "system_user");
}

TEST(CliLogin, NoPortalUserKeepsPhonesButNotThePortal) {
  expect_allow({"login", "170@acme.example", "sip_device"});
  expect_deny({"login", "170@acme.example", "portal"}, "no_portal_scope");
}

TEST(CliLogin, AgentChannelsAreRestrictedByConfig) {
  expect_allow({"login", "160@acme.example", "web_phone"});
  expect_deny({"login", "160@acme.example", "attendant_console"}, "channel_not_allowed");
  expect_deny({"login", "160@acme.example", "api"}, "channel_not_allowed");
  // Scopes the config does not restrict keep every channel.
  expect_allow({"login", "101@acme.example", "attendant_console"});
}

TEST(CliLogin, ProviderStaffLogIn) {
  expect_allow({"login", "ops@provider.example", "portal"});
  expect_allow({"login", "root@provider.example", "api"});
}

TEST(CliLogin, UnknownChannelIsBadRequest) {
  const CliResult r = run_example({"login", "101@acme.example", "fax"});
  EXPECT_EQ(r.out, "error bad_request\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("fax"), std::string::npos) << r.err;
}

TEST(CliLogin, MissingOrEmptyDomainIsBadRequest) {
  expect_bad_request({"login", "101", "portal"});
  expect_bad_request({"login", "101@", "portal"});
  expect_bad_request({"login", "@acme.example", "portal"});
}

TEST(CliLogin, WrongNumberOfArgumentsIsBadRequest) {
  expect_bad_request({"login", "101@acme.example"});
  expect_bad_request({"login", "101@acme.example", "portal", "api"});
}

TEST(CliLogin, IdOver255BytesIsBadRequest) {
  expect_bad_request({"login", std::string(256, '1') + "@acme.example", "portal"});
  // 255 bytes is a well-formed id; it is just nobody.
  expect_deny({"login", std::string(255, '1') + "@acme.example", "portal"}, "unknown_user");
}

TEST(CliLogin, ControlCharacterInIdIsBadRequestFromTheModule) {
  // The CLI passes it on; the module's own id check answers.
  expect_bad_request({"login", "10\x01" "1@acme.example", "portal"});
}

}  // namespace
}  // namespace scopegate::test
