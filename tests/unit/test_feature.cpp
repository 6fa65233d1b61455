// SPEC 2.2: every rule of the feature decision, in order, against the model config.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace scopegate::test {

class Feature : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_ = must_load(kModelConfig).release(); }
  static void TearDownTestSuite() { delete s_; }
  static const Snapshot *s_;
  Outcome decide(const std::string &who, const std::string &f, TargetRef t = {}) { return feature(*s_, who, f, t); }
  void expect(const std::string &who, const std::string &f, TargetRef t, Reason reason, int rule) {
    Outcome o = decide(who, f, t);
    EXPECT_EQ(o.reason, reason) << who << " " << f << " " << t.id << ": got " << reason_name(o.reason);
    EXPECT_EQ(rule_info(o.rule).number, rule) << who << " " << f << " " << t.id;
    EXPECT_STREQ(rule_info(o.rule).section, rule == 0 ? "" : "2.2") << who << " " << f;
    EXPECT_EQ(rule_info(o.rule).reason, o.reason);
  }
  static TargetRef with_queue(TargetRef t, std::string_view q) {
    t.queue = q;
    return t;
  }
  static TargetRef assign(std::string_view id, std::optional<Scope> scope, std::string_view domain = {}) {
    TargetRef t = user_target(id, domain);
    t.scope = scope;
    return t;
  }
};
const Snapshot *Feature::s_ = nullptr;

TEST_F(Feature, Rule1UnknownOrDisabledActor) {
  expect("999@acme.example", "users.view", {}, Reason::unknown_user, 1);
  expect("103@acme.example", "users.view", {}, Reason::disabled_user, 1);
}

TEST_F(Feature, Rule2SystemThenNoPortal) {
  expect("aa@acme.example", "users.view", {}, Reason::system_user, 2);  // system and no_portal: system first
  expect("vm@acme.example", "users.view", {}, Reason::system_user, 2);
  expect("170@acme.example", "users.view", {}, Reason::no_portal_scope, 2);
}

TEST_F(Feature, Rule3UnknownFeature) { expect("100@acme.example", "coffee.make", {}, Reason::unknown_feature, 3); }

TEST_F(Feature, Rule4ScopeLacksFeature) {
  expect("101@acme.example", "users.edit", user_target("101"), Reason::scope_lacks_feature, 4);
  expect("200@acme.example", "pbx_settings.edit", {}, Reason::scope_lacks_feature, 4);
}

TEST_F(Feature, Rule5ViewDisabledForSupervisorsOnly) {
  expect("150@acme.example", "call_activity.view", queue_target("sales"), Reason::view_disabled, 5);
  expect("150@acme.example", "reports.call_center.run", queue_target("sales"), Reason::view_disabled, 5);
  expect("150@acme.example", "stats.realtime.view", queue_target("sales"), Reason::ok, 10);
  expect("151@acme.example", "reports.call_center.run", queue_target("sales"), Reason::ok, 10);  // all views on
}

TEST_F(Feature, Rule6UnknownTarget) {
  expect("100@acme.example", "users.edit", user_target("999"), Reason::unknown_target, 6);
  expect("100@acme.example", "call_queues.edit", queue_target("nope"), Reason::unknown_target, 6);
  expect("160@acme.example", "queue.agent.login", with_queue(user_target("160"), "nope"), Reason::unknown_target, 6);
  expect("root@provider.example", "users.edit", user_target("101", "nowhere.example"), Reason::unknown_target, 6);
}

TEST_F(Feature, Rule7OutOfReach) {
  expect("101@acme.example", "users.view", user_target("102"), Reason::out_of_reach, 7);
  expect("200@acme.example", "users.edit", user_target("102"), Reason::out_of_reach, 7);       // other site
  expect("200@acme.example", "users.edit", user_target("104"), Reason::out_of_reach, 7);       // no site
  expect("100@acme.example", "users.edit", user_target("101", "other.example"), Reason::out_of_reach, 7);
}

TEST_F(Feature, Rule8RankGuard) {
  expect("200@acme.example", "users.edit", user_target("201"), Reason::rank_too_low, 8);  // same rank
  expect("100@acme.example", "users.edit", user_target("110"), Reason::rank_too_low, 8);
  expect("root@provider.example", "users.edit", user_target("root2", "provider.example"), Reason::rank_too_low, 8);
  expect("100@acme.example", "users.view", user_target("110"), Reason::ok, 10);            // not guarded
  expect("100@acme.example", "users.edit", user_target("100"), Reason::ok, 10);            // oneself
  expect("ops@provider.example", "users.edit", user_target("100", "acme.example"), Reason::ok, 10);
}

TEST_F(Feature, Rule9ScopeAssign) {
  expect("100@acme.example", "scope.assign", assign("100", Scope::basic_user), Reason::self_assignment, 9);
  expect("100@acme.example", "scope.assign", assign("101", Scope::office_manager), Reason::rank_too_low, 9);
  expect("100@acme.example", "scope.assign", assign("101", Scope::site_manager), Reason::ok, 10);
  expect("100@acme.example", "scope.assign", assign("101", Scope::no_portal), Reason::ok, 10);
  expect("200@acme.example", "scope.assign", assign("101", Scope::site_manager), Reason::rank_too_low, 9);
  expect("200@acme.example", "scope.assign", assign("101", Scope::call_center_supervisor), Reason::ok, 10);
  expect("ops@provider.example", "scope.assign", assign("101", Scope::office_manager, "acme.example"), Reason::ok, 10);
  expect("ops@provider.example", "scope.assign", assign("101", Scope::reseller, "acme.example"), Reason::rank_too_low, 9);
  expect("root@provider.example", "scope.assign", assign("101", Scope::reseller, "acme.example"), Reason::ok, 10);
  expect("root@provider.example", "scope.assign", assign("101", Scope::super_user, "acme.example"), Reason::rank_too_low, 9);
  expect("root@provider.example", "scope.assign", assign("root", Scope::basic_user), Reason::self_assignment, 9);
}

TEST_F(Feature, ScopeAssignWithoutScopeIsBadRequest) {
  expect("100@acme.example", "scope.assign", assign("101", std::nullopt), Reason::bad_request, 0);
}

TEST_F(Feature, NoTargetAllowsAnyReachButNone) {
  expect("160@acme.example", "agent_page.view", {}, Reason::ok, 10);
  expect("101@acme.example", "agent_page.view", {}, Reason::scope_lacks_feature, 4);
  expect("150@acme.example", "supervisor_page.view", {}, Reason::ok, 10);
}

TEST_F(Feature, MalformedTargetFieldsAreBadRequests) {
  TargetRef t = user_target("101");
  t.site = "a\x01";
  expect("100@acme.example", "users.view", t, Reason::bad_request, 0);
  expect("100@acme.example", "users.view", user_target(""), Reason::bad_request, 0);
  EXPECT_EQ(feature(*s_, "100@acme.example", "", {}).reason, Reason::bad_request);
}

}  // namespace scopegate::test
