// SPEC 1 "Reach": how far from the actor each grant reaches.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace scopegate::test {

class ReachTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_ = must_load(kModelConfig).release(); }
  static void TearDownTestSuite() { delete s_; }
  static const Snapshot *s_;
  Reason decide(const std::string &who, const std::string &f, TargetRef t) { return feature(*s_, who, f, t).reason; }
  static TargetRef with_queue(TargetRef t, std::string_view q) {
    t.queue = q;
    return t;
  }
  static TargetRef object(std::string_view id, std::string_view site, std::string_view owner = {},
                          std::string_view domain = {}) {
    TargetRef t;
    t.kind = TargetKind::object;
    t.id = id;
    t.object_kind = "auto_attendant";
    t.site = site;
    t.owner = owner;
    t.domain = domain;
    return t;
  }
  static TargetRef of_kind(TargetKind k, std::string_view id, std::string_view domain = {}) {
    TargetRef t;
    t.kind = k;
    t.id = id;
    t.domain = domain;
    return t;
  }
};
const Snapshot *ReachTest::s_ = nullptr;

TEST_F(ReachTest, SelfReachesOnlyTheActor) {
  EXPECT_EQ(decide("101@acme.example", "extension.settings.edit", user_target("101")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "extension.settings.edit", user_target("102")), Reason::out_of_reach);
  EXPECT_EQ(decide("150@acme.example", "extension.settings.edit", user_target("160")), Reason::out_of_reach);
}

TEST_F(ReachTest, QueueReachForSupervisors) {
  EXPECT_EQ(decide("150@acme.example", "queue.status.view", queue_target("sales")), Reason::ok);
  EXPECT_EQ(decide("150@acme.example", "queue.status.view", queue_target("support")), Reason::out_of_reach);
  EXPECT_EQ(decide("151@acme.example", "queue.status.view", queue_target("sales")), Reason::ok);  // "all"
  EXPECT_EQ(decide("150@acme.example", "agent.status.change", user_target("160")), Reason::ok);
  EXPECT_EQ(decide("150@acme.example", "agent.status.change", user_target("161")), Reason::out_of_reach);
  EXPECT_EQ(decide("150@acme.example", "agent.status.change", user_target("150")), Reason::ok);  // self
}

TEST_F(ReachTest, QueueReachForAgents) {
  EXPECT_EQ(decide("160@acme.example", "queue.status.view", queue_target("sales")), Reason::ok);
  EXPECT_EQ(decide("160@acme.example", "queue.status.view", queue_target("support")), Reason::out_of_reach);
  EXPECT_EQ(decide("160@acme.example", "queue.agent.login", with_queue(user_target("160"), "sales")), Reason::ok);
  EXPECT_EQ(decide("160@acme.example", "queue.agent.login", with_queue(user_target("161"), "support")),
            Reason::out_of_reach);  // only themselves
}

TEST_F(ReachTest, UserBesideQueueMustBeItsAgentUnderQueueReach) {
  EXPECT_EQ(decide("150@acme.example", "queue.agent.login", with_queue(user_target("160"), "sales")), Reason::ok);
  EXPECT_EQ(decide("151@acme.example", "queue.agent.login", with_queue(user_target("160"), "support")),
            Reason::out_of_reach);  // manages both, but 160 is no agent of support
  EXPECT_EQ(decide("100@acme.example", "queue.agent.login", with_queue(user_target("160"), "support")),
            Reason::ok);  // domain reach: membership not required
}

TEST_F(ReachTest, QueueBesideUserUnderSelfReach) {
  EXPECT_EQ(decide("160@acme.example", "agent.status.change", with_queue(user_target("160"), "sales")), Reason::ok);
  EXPECT_EQ(decide("160@acme.example", "agent.status.change", with_queue(user_target("160"), "support")),
            Reason::out_of_reach);
}

TEST_F(ReachTest, SiteReach) {
  EXPECT_EQ(decide("200@acme.example", "users.edit", user_target("101")), Reason::ok);
  EXPECT_EQ(decide("200@acme.example", "users.edit", user_target("102")), Reason::out_of_reach);
  EXPECT_EQ(decide("200@acme.example", "call_queues.edit", queue_target("sales")), Reason::ok);
  EXPECT_EQ(decide("200@acme.example", "call_queues.edit", queue_target("support")), Reason::out_of_reach);
  EXPECT_EQ(decide("200@acme.example", "inventory.view", of_kind(TargetKind::site, "HQ")), Reason::ok);
  EXPECT_EQ(decide("200@acme.example", "inventory.view", of_kind(TargetKind::site, "Branch")), Reason::out_of_reach);
  EXPECT_EQ(decide("200@acme.example", "inventory.view", of_kind(TargetKind::domain, "")), Reason::out_of_reach);
  EXPECT_EQ(decide("200@acme.example", "inventory.view", of_kind(TargetKind::site, "Moon")), Reason::unknown_target);
  EXPECT_EQ(decide("200@acme.example", "users.view", user_target("200")), Reason::ok);  // self is in every reach
}

TEST_F(ReachTest, ObjectsBySiteAndOwner) {
  EXPECT_EQ(decide("200@acme.example", "auto_attendants.edit", object("aa1", "HQ")), Reason::ok);
  EXPECT_EQ(decide("200@acme.example", "auto_attendants.edit", object("aa1", "Branch")), Reason::out_of_reach);
  EXPECT_EQ(decide("200@acme.example", "auto_attendants.edit", object("aa1", "")), Reason::out_of_reach);
  EXPECT_EQ(decide("100@acme.example", "conferences.edit", object("c1", "")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "time_frames.own.edit", object("tf", "", "101")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "time_frames.own.edit", object("tf", "", "101@acme.example")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "time_frames.own.edit", object("tf", "", "102")), Reason::out_of_reach);
  EXPECT_EQ(decide("100@acme.example", "conferences.edit", object("c1", "", "", "nowhere.example")), Reason::unknown_target);
}

TEST_F(ReachTest, DomainReachAndOtherDomains) {
  EXPECT_EQ(decide("101@acme.example", "contacts.shared.view", of_kind(TargetKind::domain, "")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "contacts.shared.view", of_kind(TargetKind::domain, "acme.example")), Reason::ok);
  EXPECT_EQ(decide("101@acme.example", "contacts.shared.view", of_kind(TargetKind::domain, "other.example")),
            Reason::out_of_reach);
  EXPECT_EQ(decide("100@acme.example", "users.edit", user_target("101", "other.example")), Reason::out_of_reach);
}

TEST_F(ReachTest, ResellerReachesListedAndOwnDomains) {
  EXPECT_EQ(decide("ops@provider.example", "pbx_settings.edit", of_kind(TargetKind::domain, "acme.example")), Reason::ok);
  EXPECT_EQ(decide("ops@provider.example", "pbx_settings.edit", of_kind(TargetKind::domain, "other.example")),
            Reason::out_of_reach);
  EXPECT_EQ(decide("ops@provider.example", "pbx_settings.edit", of_kind(TargetKind::domain, "provider.example")),
            Reason::ok);
  EXPECT_EQ(decide("root@provider.example", "pbx_settings.edit", of_kind(TargetKind::domain, "other.example")), Reason::ok);
  EXPECT_EQ(decide("root@provider.example", "pbx_settings.edit", of_kind(TargetKind::domain, "nowhere.example")),
            Reason::unknown_target);
}

TEST_F(ReachTest, AllBelowResellerMeansOwnDomain) {
  std::string text = kModelConfig;
  text.replace(text.find("policy = ( "), 11, "policy = ( { feature = \"users.view\"; basic_user = \"all\"; }, ");
  auto s = must_load(text);
  EXPECT_EQ(feature(*s, "101@acme.example", "users.view", user_target("102")).reason, Reason::ok);
  EXPECT_EQ(feature(*s, "101@acme.example", "users.view", user_target("101", "other.example")).reason,
            Reason::out_of_reach);
}

}  // namespace scopegate::test
