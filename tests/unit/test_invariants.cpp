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
//   - emergency numbers are allowed for every caller.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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

class ConfigGenerator {
 public:
  explicit ConfigGenerator(uint32_t seed) : rng_(seed) {}

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

  std::string user(int d, int k) {
    int scope = pick(8);
    std::string out = "{ id = \"" + Names::user(k) + "\"; scope = \"" + kScopes[scope] + "\";";
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
    std::string out = "{ name = \"" + Names::domain(d) + "\"; sites = [ \"s0\", \"s1\" ];\n  users = (\n";
    for (int k = 0; k < kUsers; ++k) out += "    " + user(d, k) + (k + 1 < kUsers ? ",\n" : "\n");
    out += "  );\n  queues = (\n";
    for (int k = 0; k < kQueues; ++k) out += "    " + queue(k) + (k + 1 < kQueues ? ",\n" : "\n");
    return out + "  ); }";
  }

  std::mt19937 rng_;
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

// Decides r once per reach, narrowest first, with only the actor's grant
// for the feature changed, and checks every invariant on each decision.
void check_request(Snapshot &s, const Request &r, Tally &tally) {
  const FeatureRequest fr = r.view();
  Index actor_index = s.find_user_at(r.domain, r.user);
  Index f = s.find_feature(r.feature);
  ASSERT_NE(actor_index, kNoIndex);
  ASSERT_NE(f, kNoIndex);
  const User &actor = s.users[actor_index];
  Reach &grant = s.features[f].grant[static_cast<size_t>(actor.scope)];
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
    allowed_narrower = allowed_narrower || o.allowed();
    if (!o.allowed()) continue;
    EXPECT_NE(grant, Reach::none) << describe(r, grant, o);
    EXPECT_FALSE(grant == Reach::self && r.kind == TargetKind::queue) << "self reached a queue: " << describe(r, grant, o);
    Index domain = target_domain(s, r, actor);
    if (actor.scope < Scope::reseller && r.kind != TargetKind::none) {
      EXPECT_EQ(domain, actor.domain) << "crossed domains below reseller: " << describe(r, grant, o);
    }
    if (s.features[f].assigns_scope) {
      EXPECT_TRUE(r.scope && *r.scope < actor.scope) << "assigned a scope at or above the actor's: "
                                                     << describe(r, grant, o);
    }
  }
  grant = original;
}

TEST(Invariants, HoldOverGeneratedConfigsAndRequests) {
  Tally tally;
  for (uint32_t seed = 1; seed <= 25; ++seed) {
    SCOPED_TRACE("config seed " + std::to_string(seed));
    auto s = must_load(ConfigGenerator(seed).config());
    RequestGenerator requests(*s, seed * 7919);
    for (int i = 0; i < 800; ++i) check_request(*s, requests.next(), tally);
  }
  // Not vacuous: the requests allow and deny, and widening was exercised.
  EXPECT_GT(tally.allowed, tally.decisions / 20);
  EXPECT_LT(tally.allowed, tally.decisions);
  EXPECT_GT(tally.widening_checked, 10000);
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
