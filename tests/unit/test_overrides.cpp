// Policy per customer and per user (SPEC 3.1): which level's entry decides,
// that every later rule still applies, and how misuse is reported.
#include <gtest/gtest.h>

#include <set>

#include "engine/grant.hpp"
#include "test_support.hpp"

namespace scopegate::test {
namespace {

// Two customers; bluefin blocks international dialing for its basic users
// but lets 101 dial abroad, and lets its supervisors edit shared time
// frames. acme has no entries of its own.
const char *const kLevels = R"(version = 1;
dial_rules = ( { pattern = "_011."; feature = "dial.international"; } );
policy = ( { feature = "dial.international"; new = true; basic_user = "self"; call_center_supervisor = "self";
             office_manager = "domain"; },
           { feature = "users.edit"; call_center_supervisor = "site"; } );
domains = (
  { name = "bluefin.example"; sites = [ "HQ", "Branch" ];
    policy = ( { feature = "dial.international"; basic_user = "none"; },
               { feature = "time_frames.shared.edit"; call_center_supervisor = "domain"; },
               { feature = "users.edit"; call_center_supervisor = "domain"; site_manager = "none"; },
               { feature = "scope.assign"; basic_user = "all"; } );
    users = ( { id = "100"; scope = "office_manager"; },
              { id = "101"; scope = "basic_user"; site = "HQ";
                policy = ( { feature = "dial.international"; reach = "self"; },
                           { feature = "users.edit"; reach = "all"; } ); },
              { id = "102"; scope = "basic_user"; site = "Branch"; },
              { id = "150"; scope = "call_center_supervisor"; site = "HQ";
                supervisor = { queues = [ "sales" ]; };
                policy = ( { feature = "time_frames.shared.edit"; reach = "none"; } ); },
              { id = "151"; scope = "call_center_supervisor"; site = "HQ"; supervisor = { queues = [ "sales" ]; }; },
              { id = "160"; scope = "call_center_agent"; },
              { id = "200"; scope = "site_manager"; site = "HQ"; } );
    queues = ( { name = "sales"; agents = [ "160" ]; } ); },
  { name = "acme.example"; sites = [ "HQ" ];
    users = ( { id = "101"; scope = "basic_user"; }, { id = "151"; scope = "call_center_supervisor"; },
              { id = "200"; scope = "site_manager"; site = "HQ"; } ); }
);
)";

TargetRef target(TargetKind kind, std::string_view id = {}) {
  TargetRef t;
  t.kind = kind;
  t.id = id;
  return t;
}

Grant grant_of(const Snapshot &s, const std::string &user, const std::string &domain, const std::string &f) {
  Index actor = s.find_user_at(domain, user);
  Index feature = s.find_feature(f);
  if (actor == kNoIndex || feature == kNoIndex) throw std::runtime_error("unknown " + user + " or " + f);
  return grant_for(s, actor, feature);
}

TEST(Overrides, UserEntryComesFirst) {
  auto s = must_load(kLevels);
  Grant g = grant_of(*s, "101", "bluefin.example", "dial.international");
  EXPECT_EQ(g.reach, Reach::self);
  EXPECT_EQ(g.level, Level::user);
  EXPECT_NE(s->place(g.where).find(":14"), std::string_view::npos) << s->place(g.where);
  EXPECT_EQ(dial(*s, "101@bluefin.example", "01144123").reason, Reason::ok);
}

TEST(Overrides, HomeDomainEntryForTheActorsScopeComesNext) {
  auto s = must_load(kLevels);
  Grant g = grant_of(*s, "102", "bluefin.example", "dial.international");
  EXPECT_EQ(g.reach, Reach::none);
  EXPECT_EQ(g.level, Level::domain);
  EXPECT_NE(s->place(g.where).find(":8"), std::string_view::npos) << s->place(g.where);
  Outcome o = dial(*s, "102@bluefin.example", "01144123");
  EXPECT_EQ(o.reason, Reason::scope_lacks_feature);
  EXPECT_EQ(o.level, Level::domain);
}

TEST(Overrides, DomainEntryForAnotherScopeFallsThroughToTopLevel) {
  auto s = must_load(kLevels);
  Grant g = grant_of(*s, "151", "bluefin.example", "dial.international");
  EXPECT_EQ(g.reach, Reach::self);
  EXPECT_EQ(g.level, Level::top);
  EXPECT_NE(s->place(g.where).find(":3"), std::string_view::npos) << s->place(g.where);
}

TEST(Overrides, AnotherCustomerKeepsTopLevelAndBuiltIn) {
  auto s = must_load(kLevels);
  EXPECT_EQ(grant_of(*s, "101", "acme.example", "dial.international").level, Level::top);
  EXPECT_EQ(dial(*s, "101@acme.example", "01144123").reason, Reason::ok);
  Grant b = grant_of(*s, "151", "acme.example", "time_frames.shared.edit");
  EXPECT_EQ(b.reach, Reach::none);
  EXPECT_EQ(b.level, Level::built_in);
  EXPECT_EQ(b.where, kNoPlace);
  EXPECT_EQ(feature(*s, "151@acme.example", "time_frames.shared.edit", target(TargetKind::domain)).reason,
            Reason::scope_lacks_feature);
}

TEST(Overrides, DomainEntryWidensForThatCustomersSupervisors) {
  auto s = must_load(kLevels);
  TargetRef own = target(TargetKind::domain);
  EXPECT_EQ(feature(*s, "151@bluefin.example", "time_frames.shared.edit", own).reason, Reason::ok);
  TargetRef other = target(TargetKind::domain, "acme.example");
  EXPECT_EQ(feature(*s, "151@bluefin.example", "time_frames.shared.edit", other).reason, Reason::out_of_reach);
}

TEST(Overrides, UserEntryNarrowsBelowTheDomainEntry) {
  auto s = must_load(kLevels);
  Outcome o = feature(*s, "150@bluefin.example", "time_frames.shared.edit", target(TargetKind::domain));
  EXPECT_EQ(o.reason, Reason::scope_lacks_feature);
  EXPECT_EQ(o.level, Level::user);
}

TEST(Overrides, DomainEntryNarrowsBelowTheBuiltInDefault) {
  auto s = must_load(kLevels);
  Outcome o = feature(*s, "200@bluefin.example", "users.edit", user_target("102"));
  EXPECT_EQ(o.reason, Reason::scope_lacks_feature);
  EXPECT_EQ(o.level, Level::domain);
  EXPECT_EQ(feature(*s, "200@acme.example", "users.edit", user_target("101")).reason, Reason::out_of_reach);
}

TEST(Overrides, AllBelowResellerNeverLeavesTheOwnDomain) {
  auto s = must_load(kLevels);
  // 101's own entry says users.edit all: its domain only, and rank still holds.
  EXPECT_EQ(feature(*s, "101@bluefin.example", "users.edit", user_target("101", "acme.example")).reason,
            Reason::out_of_reach);
  EXPECT_EQ(feature(*s, "101@bluefin.example", "users.edit", user_target("102")).reason, Reason::rank_too_low);
  EXPECT_EQ(feature(*s, "101@bluefin.example", "users.edit", user_target("160")).reason, Reason::rank_too_low);
  EXPECT_EQ(feature(*s, "101@bluefin.example", "users.edit", user_target("100")).reason, Reason::rank_too_low);
}

TEST(Overrides, ScopeAssignRulesHoldWhateverTheGrant) {
  auto s = must_load(kLevels);
  TargetRef t = user_target("160");
  t.scope = Scope::no_portal;
  EXPECT_EQ(feature(*s, "102@bluefin.example", "scope.assign", t).reason, Reason::rank_too_low);  // rule 8
  TargetRef self = user_target("102");
  self.scope = Scope::no_portal;
  Outcome o = feature(*s, "102@bluefin.example", "scope.assign", self);
  EXPECT_EQ(o.reason, Reason::self_assignment);
  TargetRef site = target(TargetKind::site, "HQ");
  site.scope = Scope::basic_user;
  EXPECT_EQ(feature(*s, "102@bluefin.example", "scope.assign", site).reason, Reason::rank_too_low);
  site.scope = Scope::no_portal;
  EXPECT_EQ(feature(*s, "102@bluefin.example", "scope.assign", site).reason, Reason::ok);
  site.domain = "acme.example";
  EXPECT_EQ(feature(*s, "102@bluefin.example", "scope.assign", site).reason, Reason::out_of_reach);
}

TEST(Overrides, EmergencyNumbersPassWhateverTheEntries) {
  auto s = must_load(kLevels);
  EXPECT_EQ(dial(*s, "102@bluefin.example", "911").reason, Reason::emergency);
}

TEST(Overrides, NoOverridesMarksNobody) {
  auto s = must_load(kModelConfig);
  for (const User &u : s->users) EXPECT_EQ(u.overrides, 0) << u.id;
  EXPECT_TRUE(s->overrides.empty());
  EXPECT_TRUE(s->domain_overrides.empty());
  EXPECT_EQ(s->user_runs.size(), 0u);
}

TEST(Overrides, OnlyActorsWithEntriesAreMarked) {
  auto s = must_load(kLevels);
  for (const User &u : s->users) {
    bool bluefin = s->domains[u.domain].name == "bluefin.example";
    EXPECT_EQ((u.overrides & kDomainOverrides) != 0, bluefin) << u.id;
    EXPECT_EQ((u.overrides & kOwnOverrides) != 0, bluefin && (u.id == "101" || u.id == "150")) << u.id;
  }
  EXPECT_EQ(s->overrides.size(), 3u);  // memory follows the entries written
  EXPECT_EQ(s->domain_overrides.size(), 5u);
  EXPECT_EQ(s->user_runs.size(), 2u);  // 101 and 150: nobody else has a slot
  Index u101 = s->find_user_at("bluefin.example", "101");
  ASSERT_EQ(s->user_policy(u101).size(), 2u);
  EXPECT_TRUE(s->user_policy(s->find_user_at("bluefin.example", "102")).empty());
}

// Users with entries are found by index in the side table, wherever their
// slots fall (runs of consecutive users collide and wrap around).
TEST(Overrides, UserRunsFindEveryUserWithEntries) {
  std::vector<std::pair<Index, Span>> runs;
  for (Index u = 0; u < 3000; u += 3) runs.emplace_back(u, Span{u * 2, 1 + u % 4});
  UserRuns table;
  table.build(runs);
  EXPECT_EQ(table.size(), runs.size());
  for (auto [user, run] : runs) {
    EXPECT_EQ(table.find(user).offset, run.offset) << user;
    EXPECT_EQ(table.find(user).count, run.count) << user;
    EXPECT_EQ(table.find(user + 1).count, 0u) << user + 1;
  }
  EXPECT_EQ(UserRuns{}.find(0).count, 0u);
}

// An entry's place is a file index and a line: the file's name is stored
// once for every user, queue and entry read from it, not once per entry.
TEST(Overrides, PlacesAreFileAndLine) {
  auto s = must_load(kLevels);
  EXPECT_EQ(s->place_files.size(), 1u);
  Grant g = grant_of(*s, "101", "bluefin.example", "dial.international");
  PlaceView at = s->place_view(g.where);
  EXPECT_EQ(at.line, 14u);
  EXPECT_EQ(s->place(g.where), std::string(at.file) + ":14");
  EXPECT_TRUE(at.file.ends_with(".conf")) << at.file;
  // An entry naming two scopes on one line has one place.
  Index bluefin = s->find_domain("bluefin.example");
  auto users_edit = s->domain_policy(s->domains[bluefin]);
  std::set<uint32_t> wheres;
  for (const Override &o : users_edit)
    if (s->features[o.feature()].id == "users.edit") wheres.insert(o.where);
  EXPECT_EQ(wheres.size(), 1u);
}

// Each misuse: exactly one error, at the line of the mistake, saying what is right.
struct Misuse {
  const char *name, *domain_policy, *user_policy, *line, *words;
};

std::string misuse_config(const Misuse &m) {
  return std::string("version = 1;\n") +                                        // 1
         "policy = ( { feature = \"fax.send\"; new = true; basic_user = \"self\"; } );\n"  // 2
         "domains = ( { name = \"b.example\";\n"                                 // 3
         "  policy = (" + m.domain_policy + ");\n"                               // 4
         "  users = ( { id = \"101\"; scope = \"basic_user\";\n"                 // 5
         "              policy = (" + m.user_policy + "); } ); } );\n";          // 6
}

class OverrideMisuse : public ::testing::TestWithParam<Misuse> {};

TEST_P(OverrideMisuse, IsOneErrorAtItsLine) {
  const Misuse &m = GetParam();
  ScratchDir dir;
  LoadResult r = load_text(dir, misuse_config(m));
  EXPECT_EQ(r.snapshot, nullptr);
  ASSERT_EQ(r.diagnostics.errors().size(), 1u) << errors_of(r);
  std::string e = errors_of(r);
  EXPECT_NE(e.find(std::string(".conf:") + m.line + ":"), std::string::npos) << e;
  EXPECT_NE(e.find(m.words), std::string::npos) << e;
}

INSTANTIATE_TEST_SUITE_P(
    Levels, OverrideMisuse,
    ::testing::Values(
        Misuse{"unknown_feature_domain", R"({ feature = "monitor.barg"; basic_user = "none"; })", "",
               "4", "did you mean 'monitor.barge'?"},
        Misuse{"unknown_feature_user", "", R"({ feature = "fax.sned"; reach = "none"; })", "6",
               "did you mean 'fax.send'?"},
        Misuse{"scope_word_in_user_entry", "", R"({ feature = "fax.send"; basic_user = "none"; })", "6",
               "reach = \"none\""},
        Misuse{"reach_in_domain_entry", R"({ feature = "fax.send"; reach = "none"; })", "", "4", "names scopes"},
        Misuse{"view_in_domain_entry", R"({ feature = "agents.view"; view = "agents"; })", "", "4",
               "top-level policy"},
        Misuse{"guarded_in_user_entry", "", R"({ feature = "fax.send"; reach = "self"; guarded = true; })", "6",
               "top-level policy"},
        Misuse{"new_in_domain_entry", R"({ feature = "fax.receive"; new = true; basic_user = "self"; })", "", "4",
               "unknown feature"},
        Misuse{"new_on_known_in_domain_entry", R"({ feature = "fax.send"; new = true; basic_user = "self"; })", "",
               "4", "top-level policy"},
        Misuse{"targets_in_user_entry", "", R"({ feature = "fax.send"; reach = "self"; targets = [ "user" ]; })",
               "6", "top-level policy"},
        Misuse{"duplicate_domain_entry",
               R"({ feature = "fax.send"; basic_user = "none"; }, { feature = "fax.send"; office_manager = "self"; })",
               "", "4", "first defined at"},
        Misuse{"duplicate_user_entry", "",
               R"({ feature = "fax.send"; reach = "none"; }, { feature = "fax.send"; reach = "self"; })", "6",
               "first defined at"},
        Misuse{"bad_reach_user", "", R"({ feature = "fax.send"; reach = "slef"; })", "6", "did you mean 'self'?"},
        Misuse{"no_portal_in_domain_entry", R"({ feature = "fax.send"; no_portal = "self"; })", "", "4",
               "no_portal has no portal features"},
        Misuse{"user_entry_without_reach", "", R"({ feature = "fax.send"; })", "6", "missing 'reach'"}),
    [](const auto &param_info) { return std::string(param_info.param.name); });

TEST(Overrides, NoPortalUserGetsNoGrant) {
  ScratchDir dir;
  LoadResult r = load_text(dir, R"(version = 1;
domains = ( { name = "b.example"; users = ( { id = "fax"; scope = "no_portal";
  policy = ( { feature = "users.view"; reach = "self"; } ); } ); } );
)");
  EXPECT_EQ(r.snapshot, nullptr);
  EXPECT_NE(errors_of(r).find(":3:"), std::string::npos) << errors_of(r);
  EXPECT_NE(errors_of(r).find("no_portal has no portal features"), std::string::npos) << errors_of(r);
}

TEST(Overrides, DomainsDirFileCarriesPolicyAtItsTop) {
  ScratchDir dir;
  dir.write("domains.d/b.conf", R"(name = "b.example";
policy = ( { feature = "users.view"; basic_user = "domain"; } );
users = ( { id = "101"; scope = "basic_user"; }, { id = "102"; scope = "basic_user"; } );
)");
  LoadResult r = load_text(dir, "version = 1;\ndomains_dir = \"domains.d\";\n");
  ASSERT_NE(r.snapshot, nullptr) << errors_of(r);
  Outcome o = feature(*r.snapshot, "101@b.example", "users.view", user_target("102"));
  EXPECT_EQ(o.reason, Reason::ok);
  EXPECT_EQ(o.level, Level::domain);
  EXPECT_NE(r.snapshot->place(o.grant_where).find("b.conf:2"), std::string_view::npos);
}

}  // namespace
}  // namespace scopegate::test
