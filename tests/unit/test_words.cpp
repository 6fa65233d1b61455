#include <gtest/gtest.h>

#include "common/words.hpp"

namespace scopegate {

TEST(Scopes, RankFollowsSpecOrder) {
  const char *order[] = {"no_portal",    "basic_user",     "call_center_agent", "call_center_supervisor",
                         "site_manager", "office_manager", "reseller",          "super_user"};
  for (int r = 0; r < kScopeCount; ++r) {
    auto s = parse_scope(order[r]);
    ASSERT_TRUE(s) << order[r];
    EXPECT_EQ(rank(*s), r);
    EXPECT_STREQ(scope_name(*s), order[r]);
  }
}

TEST(Scopes, UnknownWordsAreRejected) {
  for (const char *w : {"", "admin", "Basic_User", "basic_user ", "superuser"}) EXPECT_FALSE(parse_scope(w)) << w;
}

TEST(Reach, OrderedNarrowToWide) {
  const char *order[] = {"none", "self", "queue", "site", "domain", "all"};
  for (int i = 0; i < 6; ++i) {
    auto r = parse_reach(order[i]);
    ASSERT_TRUE(r);
    EXPECT_EQ(static_cast<int>(*r), i);
    EXPECT_STREQ(reach_name(*r), order[i]);
  }
  EXPECT_LT(Reach::self, Reach::queue);
  EXPECT_LT(Reach::site, Reach::domain);
  EXPECT_FALSE(parse_reach("everything"));
}

TEST(Channels, WordsMatchAbiNumbers) {
  EXPECT_EQ(parse_channel("portal"), Channel(SG_CHANNEL_PORTAL));
  EXPECT_EQ(parse_channel("mobile_app"), Channel(SG_CHANNEL_MOBILE_APP));
  EXPECT_EQ(parse_channel("web_phone"), Channel(SG_CHANNEL_WEB_PHONE));
  EXPECT_EQ(parse_channel("attendant_console"), Channel(SG_CHANNEL_ATTENDANT_CONSOLE));
  EXPECT_EQ(parse_channel("api"), Channel(SG_CHANNEL_API));
  EXPECT_EQ(parse_channel("sip_device"), Channel(SG_CHANNEL_SIP_DEVICE));
  EXPECT_FALSE(parse_channel("sip"));
  EXPECT_STREQ(channel_name(Channel::web_phone), "web_phone");
}

TEST(Reasons, NamesAreTheStableCodes) {
  const char *codes[] = {"ok",           "unknown_user",   "disabled_user",   "system_user",
                         "no_portal_scope", "channel_not_allowed", "unknown_feature", "scope_lacks_feature",
                         "view_disabled", "out_of_reach",  "unknown_target",  "rank_too_low",
                         "self_assignment", "emergency",   "bad_request",     "internal_error"};
  for (int i = 0; i < 16; ++i) EXPECT_STREQ(reason_name(static_cast<Reason>(i)), codes[i]);
  EXPECT_STREQ(reason_name(static_cast<Reason>(200)), "internal_error");
}

TEST(ViewFlags, ParseToDistinctBits) {
  uint8_t all = 0;
  for (const char *w : {"stats_grid", "agents", "call_activity", "reports", "recordings"}) {
    auto f = parse_view_flag(w);
    ASSERT_TRUE(f) << w;
    EXPECT_EQ(all & *f, 0);
    all |= *f;
    EXPECT_STREQ(view_flag_name(*f), w);
  }
  EXPECT_EQ(all, kAllViews);
  EXPECT_FALSE(parse_view_flag("grid"));
}

}  // namespace scopegate
