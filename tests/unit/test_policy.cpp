#include <gtest/gtest.h>

#include "config/policy_loader.hpp"
#include "test_support.hpp"

namespace scopegate::test {

namespace {
const Feature &feature_of(const Snapshot &s, std::string_view id) {
  Index f = s.find_feature(id);
  if (f == kNoIndex) throw std::runtime_error("no feature " + std::string(id));
  return s.features[f];
}
Reach grant(const Snapshot &s, std::string_view id, Scope scope) { return feature_of(s, id).grant[size_t(scope)]; }
}  // namespace

TEST(DefaultPolicy, IsBuiltInAndComplete) {
  auto s = must_load("version = 1;");
  // SPEC 3 has 28 rows; three of them name two or three features.
  EXPECT_EQ(s->features.size(), 34u);
  for (const Feature &f : s->features) EXPECT_EQ(f.grant[size_t(Scope::no_portal)], Reach::none) << f.id;
}

TEST(DefaultPolicy, SpotChecksAgainstSpecTable) {
  auto s = must_load("version = 1;");
  EXPECT_EQ(grant(*s, "recordings.listen", Scope::call_center_supervisor), Reach::queue);
  EXPECT_EQ(feature_of(*s, "recordings.listen").view, kViewRecordings);
  EXPECT_EQ(grant(*s, "contacts.shared.edit", Scope::basic_user), Reach::none);
  EXPECT_EQ(grant(*s, "contacts.shared.edit", Scope::call_center_supervisor), Reach::domain);
  EXPECT_EQ(grant(*s, "supervisor.settings.edit", Scope::site_manager), Reach::none);
  EXPECT_EQ(grant(*s, "pbx_settings.edit", Scope::office_manager), Reach::domain);
  EXPECT_EQ(grant(*s, "agent.status.change", Scope::call_center_agent), Reach::self);
  EXPECT_EQ(grant(*s, "agent.status.change", Scope::call_center_supervisor), Reach::queue);
  EXPECT_EQ(grant(*s, "monitor.barge", Scope::reseller), Reach::all);
  EXPECT_EQ(grant(*s, "contacts.shared.view", Scope::reseller), Reach::all);
}

TEST(DefaultPolicy, GuardedFeaturesFollowTheNamingRule) {
  auto s = must_load("version = 1;");
  for (const char *id : {"users.edit", "users.delete", "voicemail.manage", "scope.assign", "agent.status.change",
                         "monitor.listen", "extension.settings.edit", "call_queues.edit"})
    EXPECT_TRUE(feature_of(*s, id).guarded) << id;
  for (const char *id : {"users.view", "users.create", "queue.agent.login", "stats.realtime.view"})
    EXPECT_FALSE(feature_of(*s, id).guarded) << id;
}

TEST(PolicyOverride, ChangesOnlyListedScopes) {
  auto s = must_load("policy = ( { feature = \"users.edit\"; basic_user = \"self\"; site_manager = \"none\"; } );");
  EXPECT_EQ(grant(*s, "users.edit", Scope::basic_user), Reach::self);
  EXPECT_EQ(grant(*s, "users.edit", Scope::site_manager), Reach::none);
  EXPECT_EQ(grant(*s, "users.edit", Scope::office_manager), Reach::domain);  // unchanged
}

TEST(PolicyOverride, NewFeatureGetsNoneForUnlistedScopes) {
  auto s = must_load("policy = ( { feature = \"fax.send\"; new = true; basic_user = \"self\"; office_manager = \"domain\"; } );");
  EXPECT_EQ(grant(*s, "fax.send", Scope::basic_user), Reach::self);
  EXPECT_EQ(grant(*s, "fax.send", Scope::office_manager), Reach::domain);
  EXPECT_EQ(grant(*s, "fax.send", Scope::super_user), Reach::none);
  EXPECT_FALSE(feature_of(*s, "fax.send").guarded);
}

TEST(PolicyOverride, GuardedAndViewCanBeSet) {
  auto s = must_load(
      "policy = ( { feature = \"users.view\"; guarded = true; },\n"
      "           { feature = \"users.edit\"; guarded = false; },\n"
      "           { feature = \"agents.view\"; view = \"reports\"; } );");
  EXPECT_TRUE(feature_of(*s, "users.view").guarded);
  EXPECT_FALSE(feature_of(*s, "users.edit").guarded);
  EXPECT_EQ(feature_of(*s, "agents.view").view, kViewReports);
}

TEST(PolicyOverride, NoPortalCannotBeGranted) {
  ScratchDir dir;
  LoadResult r = load_text(dir, "policy = ( { feature = \"users.view\";\n no_portal = \"self\"; } );");
  EXPECT_FALSE(r.snapshot);
  EXPECT_NE(errors_of(r).find(":2: error: no_portal has no portal features"), std::string::npos) << errors_of(r);
}

TEST(PolicyFile, InstalledCopyMatchesBuiltIn) {
  // conf/scopegate.conf includes conf/policy.conf: no warning means the
  // installed copy equals the compiled-in table.
  LoadResult r = load_config(SG_TEST_CONF_DIR "/scopegate.conf");
  ASSERT_TRUE(r.snapshot) << errors_of(r);
  EXPECT_TRUE(r.diagnostics.warnings().empty());
}

TEST(PolicyFile, EditedCopyWarnsAndChangesNothing) {
  ScratchDir dir;
  LoadResult r = load_text(dir, "default_policy = ( { feature = \"users.edit\"; basic_user = \"domain\"; } );");
  ASSERT_TRUE(r.snapshot) << errors_of(r);
  ASSERT_EQ(r.diagnostics.warnings().size(), 1u);
  EXPECT_NE(r.diagnostics.warnings()[0].text.find("differs from the built-in default policy"), std::string::npos);
  EXPECT_EQ(grant(*r.snapshot, "users.edit", Scope::basic_user), Reach::none);
}

TEST(GuardedRule, ByName) {
  EXPECT_TRUE(guarded_by_default("fax.edit"));
  EXPECT_TRUE(guarded_by_default("monitor.anything"));
  EXPECT_FALSE(guarded_by_default("fax.send"));
  EXPECT_FALSE(guarded_by_default("editor.view"));
}

}  // namespace scopegate::test
