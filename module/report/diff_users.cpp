#include "report/diff_users.hpp"

#include <algorithm>

#include "report/diff_targets.hpp"
#include "report/probe.hpp"

namespace scopegate {

namespace {

struct ReachPair {
  ReachObjects old_objects, new_objects;
};

constexpr Channel kChannels[] = {Channel::portal, Channel::mobile_app, Channel::web_phone,
                                 Channel::attendant_console, Channel::api, Channel::sip_device};

std::string names(const Snapshot &s, std::span<const uint32_t> items, bool queues) {
  std::vector<std::string_view> v;
  for (uint32_t i : items) v.push_back(queues ? s.queues[i].name : s.domains[i].name);
  std::sort(v.begin(), v.end());
  std::string out;
  for (std::string_view n : v) out.append(out.empty() ? "" : ",").append(n);
  return out;
}

std::string views(uint8_t bits) {
  std::string out;
  for (uint8_t b = 1; b <= kViewRecordings; b = uint8_t(b << 1))
    if (bits & b) out.append(out.empty() ? "" : ",").append(view_flag_name(b));
  return out;
}

// The user's facts as words, by field; each field's widening test below.
struct Facts {
  std::string scope, site, enabled, system, queues, supervises, view, domains;
  Scope rank_of = Scope::no_portal;
  uint8_t view_bits = 0;
};

Facts facts_of(const Snapshot &s, Index u) {
  const User &x = s.users[u];
  Facts f;
  f.scope = scope_name(x.scope);
  f.rank_of = x.scope;
  f.site = x.site == kNoIndex ? "" : std::string(s.sites[x.site].name);
  f.enabled = x.enabled ? "yes" : "no";
  f.system = x.system ? "yes" : "no";
  f.queues = names(s, s.span(x.agent_of), true);
  if (x.scope == Scope::call_center_supervisor) {
    f.supervises = x.supervises_all ? "all" : names(s, s.span(x.supervised), true);
    f.view = views(x.views);
    f.view_bits = x.views;
  }
  f.domains = names(s, s.span(x.resold), false);
  return f;
}

// True when every comma-separated item of b is in a (nothing new in b).
bool covers(std::string_view a, std::string_view b) {
  if (a == "all") return true;
  size_t start = 0;
  while (start < b.size()) {
    size_t end = b.find(',', start);
    if (end == std::string_view::npos) end = b.size();
    std::string_view item = b.substr(start, end - start);
    bool found = false;
    for (size_t p = 0; p <= a.size() && !found;) {
      size_t e = a.find(',', p);
      if (e == std::string_view::npos) e = a.size();
      found = a.substr(p, e - p) == item;
      p = e + 1;
    }
    if (!found) return false;
    start = end + 1;
  }
  return true;
}

void add(std::vector<Change> &out, const UserPair &p, const char *what, std::string key, std::string o,
         std::string n, bool widens) {
  std::string user(p.id);
  user.append("@").append(p.domain);
  out.push_back(Change{std::move(user), what, std::move(key), std::move(o), std::move(n), widens});
}

void diff_facts(const Facts &o, const Facts &n, const UserPair &p, std::vector<Change> &out) {
  auto field = [&](const char *name, const std::string &a, const std::string &b, bool widens) {
    if (a != b) add(out, p, "user", name, a, b, widens);
  };
  field("scope", o.scope, n.scope, rank(n.rank_of) > rank(o.rank_of));
  field("site", o.site, n.site, !n.site.empty());
  field("enabled", o.enabled, n.enabled, n.enabled == "yes");
  field("system", o.system, n.system, n.system == "no");
  field("queues", o.queues, n.queues, !covers(o.queues, n.queues));
  field("supervises", o.supervises, n.supervises, !covers(o.supervises, n.supervises));
  field("view", o.view, n.view, (n.view_bits & ~o.view_bits) != 0);
  field("domains", o.domains, n.domains, !covers(o.domains, n.domains));
}

// Returns true when the user is in both configs and a fact that defines
// reach (SPEC 2.4) changed: only then can the targets of an unchanged
// grant differ, so only then are the reach objects built.
bool diff_presence(const Snapshot &old_s, const Snapshot &new_s, const UserPair &p, std::vector<Change> &out) {
  if (p.old_user == kNoIndex) {
    add(out, p, "user", "present", "", scope_name(new_s.users[p.new_user].scope), true);
    return false;
  }
  if (p.new_user == kNoIndex) {
    add(out, p, "user", "present", scope_name(old_s.users[p.old_user].scope), "", false);
    return false;
  }
  Facts o = facts_of(old_s, p.old_user), n = facts_of(new_s, p.new_user);
  diff_facts(o, n, p, out);
  return o.site != n.site || o.queues != n.queues || o.supervises != n.supervises || o.domains != n.domains ||
         o.scope != n.scope;
}

void diff_logins(const Snapshot &old_s, const Snapshot &new_s, const UserPair &p, std::vector<Change> &out) {
  for (Channel c : kChannels) {
    Outcome a = probe_login_named(old_s, p.id, p.domain, c);
    Outcome b = probe_login_named(new_s, p.id, p.domain, c);
    if (a.allowed() != b.allowed()) add(out, p, "login", channel_name(c), verdict_words(a), verdict_words(b), b.allowed());
  }
}

// "allow REACH" or "deny REASON": the verdict class of a feature with no
// target, and the reach it grants.
std::string feature_class(const Outcome &o) {
  return o.allowed() ? std::string("allow ") + reach_name(o.grant) : verdict_words(o);
}

// Targets of a grant whose reach word stayed the same; a changed verdict
// or reach is already one feature line.
void diff_targets(const ReachObjects &o, const ReachObjects &n, Reach reach, const UserPair &p, std::string_view f,
                  std::vector<Change> &out) {
  std::vector<std::string> gained, lost;
  compare_objects(objects_at(o, reach), objects_at(n, reach), gained, lost);
  for (std::string &g : gained) add(out, p, "target", std::string(f), "", std::move(g), true);
  for (std::string &l : lost) add(out, p, "target", std::string(f), std::move(l), "", false);
}

void diff_features(const Snapshot &old_s, const Snapshot &new_s, const UserPair &p,
                   const std::vector<std::string_view> &features, const ReachPair *reach, std::vector<Change> &out) {
  for (std::string_view f : features) {
    Outcome a = probe_feature_named(old_s, p.id, p.domain, f);
    Outcome b = probe_feature_named(new_s, p.id, p.domain, f);
    if (a.allowed() == b.allowed() && (!a.allowed() || a.grant == b.grant)) {
      if (reach != nullptr && a.allowed()) diff_targets(reach->old_objects, reach->new_objects, a.grant, p, f, out);
      continue;
    }
    bool widens = b.allowed() && (!a.allowed() || b.grant > a.grant);
    add(out, p, "feature", std::string(f), feature_class(a), feature_class(b), widens);
  }
}

}  // namespace

std::vector<std::string_view> feature_union(const Snapshot &old_s, const Snapshot &new_s) {
  std::vector<std::string_view> out;
  for (const Feature &f : new_s.features) out.push_back(f.id);
  for (const Feature &f : old_s.features)
    if (new_s.find_feature(f.id) == kNoIndex) out.push_back(f.id);
  return out;
}

void diff_user(const Snapshot &old_s, const Snapshot &new_s, const UserPair &p,
               const std::vector<std::string_view> &features, std::vector<Change> &out) {
  bool reach_moved = diff_presence(old_s, new_s, p, out);
  diff_logins(old_s, new_s, p, out);
  if (!reach_moved) {
    diff_features(old_s, new_s, p, features, nullptr, out);
    return;
  }
  // Once per user and config, not per feature.
  ReachPair reach{reach_objects(old_s, p.old_user), reach_objects(new_s, p.new_user)};
  diff_features(old_s, new_s, p, features, &reach, out);
}

}  // namespace scopegate
