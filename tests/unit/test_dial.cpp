// SPEC 2.3: emergency first, then the first matching dial rule's feature.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace scopegate::test {

class Dial : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_ = must_load(kModelConfig).release(); }
  static void TearDownTestSuite() { delete s_; }
  static const Snapshot *s_;
  Reason reason(const std::string &who, const std::string &dest) { return dial(*s_, who, dest).reason; }
};
const Snapshot *Dial::s_ = nullptr;

TEST_F(Dial, EmergencyForEveryCaller) {
  for (const char *who : {"101@acme.example", "999@acme.example", "103@acme.example", "aa@acme.example",
                          "170@acme.example", "x@nowhere.example"})
    for (const char *n : {"911", "933", "112"}) EXPECT_EQ(reason(who, n), Reason::emergency) << who << " " << n;
}

TEST_F(Dial, EmergencyEvenWithMalformedCaller) {
  EXPECT_EQ(decide_dial(*s_, {"", "", "911"}).reason, Reason::emergency);
  EXPECT_EQ(decide_dial(*s_, {"a\nb", "acme.example", "911"}).reason, Reason::emergency);
  EXPECT_EQ(decide_dial(*s_, {"101", "acme.example", ""}).reason, Reason::bad_request);
}

TEST_F(Dial, EmergencyNumbersMatchExactly) {
  EXPECT_EQ(reason("101@acme.example", "9911"), Reason::unknown_feature);  // the "9" rule: dial.outside is in no policy
  EXPECT_EQ(reason("101@acme.example", "91"), Reason::unknown_feature);
  EXPECT_EQ(reason("101@acme.example", "1120"), Reason::ok);
}

TEST_F(Dial, UnknownAndDisabledCallers) {
  EXPECT_EQ(reason("999@acme.example", "5551234"), Reason::unknown_user);
  EXPECT_EQ(reason("103@acme.example", "5551234"), Reason::disabled_user);
}

TEST_F(Dial, NoMatchingRuleIsAllowedForEveryEnabledUser) {
  for (const char *who : {"101@acme.example", "aa@acme.example", "170@acme.example", "root@provider.example"})
    EXPECT_EQ(reason(who, "5551234"), Reason::ok) << who;
}

TEST_F(Dial, MonitorPrefixDecidesLikeTheFeature) {
  EXPECT_EQ(reason("150@acme.example", "*33160"), Reason::ok);            // agent of a managed queue
  EXPECT_EQ(reason("150@acme.example", "*33161"), Reason::out_of_reach);  // agent of another queue
  EXPECT_EQ(reason("101@acme.example", "*33160"), Reason::scope_lacks_feature);
  EXPECT_EQ(reason("150@acme.example", "*33999"), Reason::unknown_target);
  EXPECT_EQ(reason("150@acme.example", "*33"), Reason::unknown_target);
  EXPECT_EQ(reason("100@acme.example", "*33101"), Reason::ok);
  EXPECT_EQ(reason("100@acme.example", "*33110"), Reason::rank_too_low);  // another office manager
}

TEST_F(Dial, AgentLoginPrefixTargetsTheCallerInTheQueue) {
  EXPECT_EQ(reason("160@acme.example", "*71sales"), Reason::ok);
  EXPECT_EQ(reason("160@acme.example", "*72sales"), Reason::ok);
  EXPECT_EQ(reason("160@acme.example", "*71support"), Reason::out_of_reach);
  EXPECT_EQ(reason("161@acme.example", "*71sales"), Reason::out_of_reach);
  EXPECT_EQ(reason("160@acme.example", "*71nosuchqueue"), Reason::unknown_target);
  EXPECT_EQ(reason("101@acme.example", "*71sales"), Reason::scope_lacks_feature);
}

TEST_F(Dial, NoPortalAndSystemUsersStillDialButHaveNoGrants) {
  // Rule 2 of 2.2 does not apply to the dialplan: their scope's grants do.
  EXPECT_EQ(reason("170@acme.example", "*33160"), Reason::scope_lacks_feature);
  EXPECT_EQ(reason("vm@acme.example", "01144"), Reason::ok);  // basic_user grant self, system or not
}

TEST_F(Dial, PatternRulesAndUnknownFeatures) {
  EXPECT_EQ(reason("101@acme.example", "01144207"), Reason::ok);
  EXPECT_EQ(reason("150@acme.example", "01144207"), Reason::scope_lacks_feature);
  EXPECT_EQ(reason("101@acme.example", "011"), Reason::ok);  // "_011." needs one more digit: no rule matches
  EXPECT_EQ(reason("101@acme.example", "95551234"), Reason::unknown_feature);
}

TEST_F(Dial, FirstMatchingRuleWins) {
  auto s = must_load(
      "dial_rules = ( { pattern = \"_*3X.\"; feature = \"fax.send\"; },\n"
      "               { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n"
      "policy = ( { feature = \"fax.send\"; new = true; basic_user = \"self\"; } );\n"
      "domains = ( { name = \"d\"; users = ( { id = \"1\"; scope = \"basic_user\"; } ); } );");
  Outcome o = dial(*s, "1@d", "*331");
  EXPECT_EQ(o.reason, Reason::ok);
  EXPECT_EQ(o.dial_rule, 0u);
}

}  // namespace scopegate::test
