// Property tests: invariants of SPEC 1-3 that do not depend on reading the
// rules the way the code does, checked over generated configs (fixed seeds,
// so a failure is reproducible) and thousands of generated requests each.
//
//   - a wider grant never allows less than a narrower one for the same
//     request (only the actor's grant for the feature changes);
//   - a `none` grant never allows; a `self` grant never allows a queue target;
//   - below reseller, nothing in another domain is ever allowed, whatever
//     the grant;
//   - scope.assign never allows a requested scope at or above the actor's;
//   - emergency numbers are allowed for every caller;
//   - all of the above with random entries at every level (top, domain,
//     user: SPEC 3.1), for every user and every feature: whatever a domain
//     or user entry says, nothing below reseller reaches another domain,
//     guarded features never touch a user ranked at or above the actor, and
//     nobody assigns their own scope.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/grant.hpp"
#include "test_support.hpp"

namespace scopegate::test {
namespace {

const auto &kScopes = kScopeWords;
const auto &kReaches = kReachWords;
const auto &kViews = kViewWords;
constexpr int kDomains = 3, kSites = 2, kQueues = 3, kUsers = 14;

// The generated names: domain dN.example, sites sK, queues qK, users uK.
struct Names {
  static std::string domain(int d) { return "d" + std::to_string(d) + ".example"; }
  static std::string site(int k) { return "s" + std::to_string(k); }
  static std::string queue(int k) { return "q" + std::to_string(k); }
  static std::string user(int k) { return "u" + std::to_string(k); }
};

// Features the generated entries change (top level and, with overrides,
// domains and users).
constexpr const char *kOverridden[] = {"users.edit",        "queue.status.view", "agent.status.change",
                                       "conferences.edit",  "scope.assign",      "recordings.listen",
                                       "users.view",        "monitor.listen",    "time_frames.shared.edit",
                                       "pbx_settings.edit", "call_queues.edit",  "agents.view"};

class ConfigGenerator {
 public:
  // overrides: domains and users get random policy entries of their own.
  explicit ConfigGenerator(uint32_t seed, bool overrides = false) : rng_(seed), overrides_(overrides) {}

  std::string config() {
    std::string out = "version = 1;\nlog = { level = \"error\"; sink = \"stderr\"; };\n";
    out += "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; },\n"
           "  { prefix = \"*71\"; feature = \"queue.agent.login\"; target = \"queue\"; },\n"
           "  { prefix = \"*72\"; feature = \"queue.agent.logout\"; target = \"queue\"; },\n"
           "  { pattern = \"_9XX\"; feature = \"agent_page.view\"; } );\n";
    out += policy();
    out += "domains = (\n";
    for (int d = 0; d < kDomains; ++d) out += domain(d) + (d + 1 < kDomains ? ",\n" : "\n");
    return out + ");\n";
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  // Overrides of built-in features at top level, each scope at random.
  std::string policy() {
    static constexpr const char *kFeatures[] = {"users.edit", "queue.status.view", "agent.status.change",
                                                "conferences.edit", "scope.assign", "recordings.listen"};
    std::string out = "policy = (\n";
    for (size_t i = 0; i < std::size(kFeatures); ++i) {
      out += std::string("  { feature = \"") + kFeatures[i] + "\";";
      for (const char *scope : kScopes)  // no_portal has no portal features to grant
        if (scope != kScopes[0] && chance(30)) out += std::string(" ") + scope + " = \"" + kReaches[pick(6)] + "\";";
      out += i + 1 < std::size(kFeatures) ? " },\n" : " }\n";
    }
    return out + ");\n";
  }

  // Distinct features, each with a chance: one entry per feature and owner.
  std::vector<const char *> some_features(int percent) {
    std::vector<const char *> out;
    for (const char *f : kOverridden)
      if (chance(percent)) out.push_back(f);
    return out;
  }

  // A domain's entries: random scopes (no_portal only ever none), random reaches.
  std::string domain_policy() {
    if (!overrides_ || !chance(70)) return "";
    std::string out = "  policy = (";
    bool first = true;
    for (const char *f : some_features(40)) {
      out += std::string(first ? " " : ", ") + "{ feature = \"" + f + "\";";
      first = false;
      for (int scope = 0; scope < 8; ++scope)
        if (chance(35)) out += std::string(" ") + kScopes[scope] + " = \"" + kReaches[scope == 0 ? 0 : pick(6)] + "\";";
      out += " }";
    }
    return out + " );\n";
  }

  // A user's own entries (reach for the user's scope; no_portal: none).
  std::string user_policy(int scope) {
    if (!overrides_ || !chance(40)) return "";
    std::string out = " policy = (";
    bool first = true;
    for (const char *f : some_features(20)) {
      out += std::string(first ? " " : ", ") + "{ feature = \"" + f + "\"; reach = \"" +
             kReaches[scope == 0 ? 0 : pick(6)] + "\"; }";
      first = false;
    }
    return out + " );";
  }

  std::string user(int d, int k) {
    int scope = pick(8);
    std::string out = "{ id = \"" + Names::user(k) + "\"; scope = \"" + kScopes[scope] + "\";";
    out += user_policy(scope);
    if (scope == 4 || (scope != 6 && scope != 7 && chance(60))) out += " site = \"" + Names::site(pick(kSites)) + "\";";
    if (chance(8)) out += " enabled = false;";
    if (chance(6)) out += " system = true;";
    if (scope == 3 && chance(85)) out += supervisor();
    if (scope == 6) out += " domains = [ \"" + Names::domain((d + 1 + pick(kDomains - 1)) % kDomains) + "\" ];";
    return out + " }";
  }

  std::string supervisor() {
    std::string out = " supervisor = { queues = ";
    if (chance(20)) {
      out += "\"all\"";
    } else {
      out += "[";
      for (int q = 0; q < kQueues; ++q)
        if (chance(40)) out += std::string(out.back() == '[' ? " " : ", ") + "\"" + Names::queue(q) + "\"";
      out += " ]";
    }
    out += ";";
    if (chance(50)) {
      out += " view = [";
      for (const char *v : kViews)
        if (chance(50)) out += std::string(out.back() == '[' ? " " : ", ") + "\"" + v + "\"";
      out += " ];";
    }
    return out + " };";
  }

  std::string queue(int k) {
    std::string out = "{ name = \"" + Names::queue(k) + "\";";
    if (chance(70)) out += " site = \"" + Names::site(pick(kSites)) + "\";";
    out += " agents = [";
    for (int u = 0; u < kUsers; ++u)
      if (chance(30)) out += std::string(out.back() == '[' ? " " : ", ") + "\"" + Names::user(u) + "\"";
    return out + " ]; }";
  }

  std::string domain(int d) {
    std::string out = "{ name = \"" + Names::domain(d) + "\"; sites = [ \"s0\", \"s1\" ];\n" + domain_policy() +
                      "  users = (\n";
    for (int k = 0; k < kUsers; ++k) out += "    " + user(d, k) + (k + 1 < kUsers ? ",\n" : "\n");
    out += "  );\n  queues = (\n";
    for (int k = 0; k < kQueues; ++k) out += "    " + queue(k) + (k + 1 < kQueues ? ",\n" : "\n");
    return out + "  ); }";
  }

  std::mt19937 rng_;
  bool overrides_;
};

// One generated feature request; its strings live here.
struct Request {
  std::string user, domain, feature, target_id, target_domain, queue, owner, site;
  TargetKind kind = TargetKind::none;
  std::optional<Scope> scope;

  FeatureRequest view() const {
    TargetRef t;
    t.kind = kind;
    t.id = target_id;
    t.domain = target_domain;
    t.queue = queue;
    t.owner = owner;
    t.site = site;
    if (kind == TargetKind::object) t.object_kind = "conference";
    t.scope = scope;
    return FeatureRequest{user, domain, feature, t};
  }
};

class RequestGenerator {
 public:
  RequestGenerator(const Snapshot &s, uint32_t seed) : s_(s), rng_(seed) {}

  Request next() {
    Request r;
    const User &actor = s_.users[pick(s_.users.size())];
    r.user = actor.id;
    r.domain = s_.domains[actor.domain].name;
    r.feature = s_.features[pick(s_.features.size())].id;
    r.kind = static_cast<TargetKind>(pick(6));
    r.target_domain = chance(70) ? std::string(s_.domains[pick(s_.domains.size())].name) : std::string();
    switch (r.kind) {
      case TargetKind::user:
        r.target_id = Names::user(pick(kUsers));
        if (chance(40)) r.queue = Names::queue(pick(kQueues));
        break;
      case TargetKind::queue: r.target_id = Names::queue(pick(kQueues)); break;
      case TargetKind::site: r.target_id = Names::site(pick(kSites)); break;
      case TargetKind::domain: r.target_id = r.target_domain; break;
      case TargetKind::object:
        r.target_id = "c" + std::to_string(pick(5));
        if (chance(50)) r.site = Names::site(pick(kSites));
        if (chance(50)) r.owner = chance(50) ? r.user : r.user + "@" + (chance(70) ? r.domain : r.target_domain);
        break;
      default: break;
    }
    if (chance(60)) r.scope = static_cast<Scope>(pick(kScopeCount));
    return r;
  }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  int pick(int n) { return static_cast<int>(pick(static_cast<size_t>(n))); }
  bool chance(int percent) { return pick(100) < percent; }

  const Snapshot &s_;
  std::mt19937 rng_;
};

// The domain a request's target lies in, or kNoIndex (no target, or one the
// config does not have).
Index target_domain(const Snapshot &s, const Request &r, const User &actor) {
  if (r.kind == TargetKind::none) return kNoIndex;
  std::string_view name = r.kind == TargetKind::domain && !r.target_id.empty() ? r.target_id : r.target_domain;
  return name.empty() ? actor.domain : s.find_domain(name);
}

std::string describe(const Request &r, Reach grant, const Outcome &o) {
  return r.user + "@" + r.domain + " " + r.feature + " kind " + std::to_string(static_cast<int>(r.kind)) + " id '" +
         r.target_id + "' domain '" + r.target_domain + "' queue '" + r.queue + "' owner '" + r.owner +
         "' grant " + reach_name(grant) + " -> " + reason_name(o.reason);
}

struct Tally {
  int decisions = 0, allowed = 0, widening_checked = 0;
};

// The cell grant_for reads for (actor, feature): the user's own entry, the
// home domain's entry for the actor's scope, or the top-level table, so a
// test can change the actor's grant at whichever level decides it.
Reach &deciding_cell(Snapshot &s, Index actor, Index feature) {
  User &u = s.users[actor];
  Span own = s.user_runs.find(actor);
  for (uint32_t i = 0; i < own.count; ++i)
    if (Override &o = s.overrides[own.offset + i]; o.feature() == feature) return o.reach;
  Span d = s.domains[u.domain].policy;
  for (uint32_t i = 0; i < d.count; ++i)
    if (Override &o = s.domain_overrides[d.offset + i]; o.key == override_key(feature, u.scope)) return o.reach;
  return s.features[feature].grant[static_cast<size_t>(u.scope)];
}

// The user a request targets, when it is one the config has.
Index target_user(const Snapshot &s, const Request &r, const User &actor) {
  if (r.kind != TargetKind::user) return kNoIndex;
  Index domain = target_domain(s, r, actor);
  return domain == kNoIndex ? kNoIndex : s.find_user(domain, r.target_id);
}

// Rules 8 and 9 of 2.2 and tenant isolation, on an allowed decision.
void check_allowed(const Snapshot &s, const Request &r, const User &actor, Index actor_index, Index f, Reach grant,
                   const Outcome &o) {
  EXPECT_NE(grant, Reach::none) << describe(r, grant, o);
  EXPECT_FALSE(grant == Reach::self && r.kind == TargetKind::queue) << "self reached a queue: " << describe(r, grant, o);
  Index domain = target_domain(s, r, actor);
  if (actor.scope < Scope::reseller && r.kind != TargetKind::none) {
    EXPECT_EQ(domain, actor.domain) << "crossed domains below reseller: " << describe(r, grant, o);
  }
  Index target = target_user(s, r, actor);
  if (s.features[f].guarded && target != kNoIndex && target != actor_index) {
    EXPECT_LT(s.users[target].scope, actor.scope) << "guarded feature on a rank at or above: " << describe(r, grant, o);
  }
  if (s.features[f].assigns_scope) {
    EXPECT_NE(target, actor_index) << "assigned its own scope: " << describe(r, grant, o);
    EXPECT_TRUE(r.scope && *r.scope < actor.scope) << "assigned a scope at or above the actor's: "
                                                   << describe(r, grant, o);
  }
}

// Decides r once per reach, narrowest first, with only the actor's grant
// for the feature changed (at the level that decides it), and checks every
// invariant on each decision.
void check_request(Snapshot &s, const Request &r, Tally &tally) {
  const FeatureRequest fr = r.view();
  Index actor_index = s.find_user_at(r.domain, r.user);
  Index f = s.find_feature(r.feature);
  ASSERT_NE(actor_index, kNoIndex);
  ASSERT_NE(f, kNoIndex);
  const User &actor = s.users[actor_index];
  Reach &grant = deciding_cell(s, actor_index, f);
  const Reach original = grant;
  bool allowed_narrower = false;
  for (int i = 0; i <= static_cast<int>(Reach::all); ++i) {
    grant = static_cast<Reach>(i);
    Outcome o = decide_feature(s, fr);
    ++tally.decisions;
    tally.allowed += o.allowed();
    EXPECT_NE(o.reason, Reason::internal_error) << describe(r, grant, o);
    if (allowed_narrower) {
      ++tally.widening_checked;
      EXPECT_TRUE(o.allowed()) << "a wider grant allows less: " << describe(r, grant, o);
    }
    if (o.has_grant()) {
      EXPECT_EQ(o.grant, grant) << "the changed cell is not the one that decides: " << describe(r, grant, o);
    }
    allowed_narrower = allowed_narrower || o.allowed();
    if (o.allowed()) check_allowed(s, r, actor, actor_index, f, grant, o);
  }
  grant = original;
}

void check_generated(bool overrides) {
  Tally tally;
  for (uint32_t seed = 1; seed <= 25; ++seed) {
    SCOPED_TRACE("config seed " + std::to_string(seed));
    auto s = must_load(ConfigGenerator(seed, overrides).config());
    if (overrides) {
      EXPECT_FALSE(s->overrides.empty() && s->domain_overrides.empty());
    }
    RequestGenerator requests(*s, seed * 7919);
    for (int i = 0; i < 800; ++i) check_request(*s, requests.next(), tally);
  }
  // Not vacuous: the requests allow and deny, and widening was exercised.
  EXPECT_GT(tally.allowed, tally.decisions / 20);
  EXPECT_LT(tally.allowed, tally.decisions);
  EXPECT_GT(tally.widening_checked, 10000);
}

TEST(Invariants, HoldOverGeneratedConfigsAndRequests) { check_generated(false); }
TEST(Invariants, HoldWithEntriesAtEveryLevel) { check_generated(true); }

// Every user, every feature, every kind of target in every other domain:
// below reseller none is ever allowed, whatever the entries of any level
// say, even when every entry is widened to all.
TEST(Invariants, NoEntryLetsAScopeBelowResellerLeaveItsDomain) {
  int checked = 0;
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("config seed " + std::to_string(seed));
    auto s = must_load(ConfigGenerator(seed, true).config());
    for (bool widened : {false, true}) {
      if (widened)
        for (auto *run : {&s->overrides, &s->domain_overrides})
          for (Override &o : *run) o.reach = o.scope() == Scope::no_portal ? Reach::none : Reach::all;
      for (const User &actor : s->users) {
        if (actor.scope >= Scope::reseller) continue;
        for (const Feature &f : s->features) {
          for (Index d = 0; d < s->domains.size(); ++d) {
            if (d == actor.domain) continue;
            std::string other(s->domains[d].name);
            for (int kind = 1; kind <= static_cast<int>(TargetKind::object); ++kind) {
              Request r;
              r.user = actor.id;
              r.domain = s->domains[actor.domain].name;
              r.feature = f.id;
              r.kind = static_cast<TargetKind>(kind);
              r.target_domain = other;
              r.target_id = r.kind == TargetKind::domain ? other
                            : r.kind == TargetKind::site ? "s0"
                            : r.kind == TargetKind::queue ? "q0"
                            : r.kind == TargetKind::object ? "c1"
                                                           : "u1";
              if (r.kind == TargetKind::object) r.owner = actor.id;
              r.scope = Scope::no_portal;
              Outcome o = decide_feature(*s, r.view());
              ++checked;
              EXPECT_FALSE(o.allowed()) << "crossed domains below reseller: " << describe(r, o.grant, o);
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

// scope.assign on its own: every kind of target, every requested scope,
// every actor, under the widest grant.
TEST(Invariants, ScopeAssignNeverGrantsAtOrAboveTheActor) {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    auto s = must_load(ConfigGenerator(seed).config());
    Index f = s->find_feature("scope.assign");
    ASSERT_NE(f, kNoIndex);
    s->features[f].grant.fill(Reach::all);
    int allowed = 0;
    for (const User &actor : s->users) {
      for (int kind = 0; kind <= static_cast<int>(TargetKind::object); ++kind) {
        for (int scope = 0; scope < kScopeCount; ++scope) {
          Request r;
          r.user = actor.id;
          r.domain = s->domains[actor.domain].name;
          r.feature = "scope.assign";
          r.kind = static_cast<TargetKind>(kind);
          r.target_id = r.kind == TargetKind::domain ? r.domain
                        : r.kind == TargetKind::site ? "s0"
                        : r.kind == TargetKind::queue ? "q0"
                                                      : "u1";
          r.scope = static_cast<Scope>(scope);
          Outcome o = decide_feature(*s, r.view());
          allowed += o.allowed();
          if (o.allowed()) {
            EXPECT_LT(scope, static_cast<int>(actor.scope)) << describe(r, Reach::all, o);
          }
        }
      }
    }
    EXPECT_GT(allowed, 0);
  }
}

TEST(Invariants, EmergencyNumbersAreAllowedForEveryCaller) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    auto s = must_load(ConfigGenerator(seed).config());
    std::vector<std::pair<std::string, std::string>> callers{{"nobody", "d0.example"}, {"u1", "nosuch.example"}};
    for (const User &u : s->users) callers.emplace_back(u.id, s->domains[u.domain].name);
    for (const auto &[user, domain] : callers) {
      for (const char *number : {"911", "933", "112"}) {
        Outcome o = decide_dial(*s, DialRequest{user, domain, number});
        EXPECT_EQ(o.reason, Reason::emergency) << user << "@" << domain << " dials " << number;
        EXPECT_TRUE(o.allowed());
      }
    }
  }
}

}  // namespace
}  // namespace scopegate::test
