// SPEC 2.1: every rule of the login decision, in order.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace scopegate::test {

class Login : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_ = must_load(std::string(kModelConfig) + "login = { channels = { call_center_agent = [ \"portal\" ]; }; };").release(); }
  static void TearDownTestSuite() { delete s_; }
  static const Snapshot *s_;
  void expect(const std::string &who, Channel c, Reason reason, int rule) {
    Outcome o = login(*s_, who, c);
    EXPECT_EQ(o.reason, reason) << who << " got " << reason_name(o.reason);
    EXPECT_EQ(rule_info(o.rule).number, rule) << who;
    EXPECT_STREQ(rule_info(o.rule).section, "2.1") << who;
    EXPECT_EQ(rule_info(o.rule).reason, o.reason) << who;
  }
};
const Snapshot *Login::s_ = nullptr;

TEST_F(Login, Rule1UnknownUser) {
  expect("999@acme.example", Channel::portal, Reason::unknown_user, 1);
  expect("101@nowhere.example", Channel::sip_device, Reason::unknown_user, 1);
  expect("150@other.example", Channel::portal, Reason::unknown_user, 1);
}
TEST_F(Login, Rule2DisabledUser) { expect("103@acme.example", Channel::sip_device, Reason::disabled_user, 2); }
TEST_F(Login, Rule3SystemUserOnEveryChannel) {
  for (int c = 1; c <= kChannelCount; ++c) {
    expect("aa@acme.example", Channel(c), Reason::system_user, 3);
    expect("vm@acme.example", Channel(c), Reason::system_user, 3);
  }
}
TEST_F(Login, Rule4SipDeviceForNoPortal) { expect("170@acme.example", Channel::sip_device, Reason::ok, 4); }
TEST_F(Login, Rule5NoPortalScope) {
  for (Channel c : {Channel::portal, Channel::mobile_app, Channel::web_phone, Channel::attendant_console, Channel::api})
    expect("170@acme.example", c, Reason::no_portal_scope, 5);
}
TEST_F(Login, Rule6ChannelNotAllowed) {
  expect("160@acme.example", Channel::mobile_app, Reason::channel_not_allowed, 6);
  expect("160@acme.example", Channel::portal, Reason::ok, 7);
  expect("160@acme.example", Channel::sip_device, Reason::ok, 4);  // phones are not restricted
}
TEST_F(Login, Rule7Allow) {
  for (const char *who : {"100@acme.example", "101@acme.example", "150@acme.example", "200@acme.example",
                          "ops@provider.example", "root@provider.example"})
    for (int c = 1; c <= kChannelCount; ++c) {
      Outcome o = login(*s_, who, Channel(c));
      EXPECT_EQ(o.reason, Reason::ok) << who;
      EXPECT_TRUE(o.allowed());
    }
}
TEST_F(Login, MalformedIdsAreBadRequests) {
  EXPECT_EQ(decide_login(*s_, {"", "acme.example", Channel::portal}).reason, Reason::bad_request);
  EXPECT_EQ(decide_login(*s_, {"101", std::string(256, 'a'), Channel::portal}).reason, Reason::bad_request);
  EXPECT_EQ(decide_login(*s_, {"10\n1", "acme.example", Channel::portal}).reason, Reason::bad_request);
}

}  // namespace scopegate::test
