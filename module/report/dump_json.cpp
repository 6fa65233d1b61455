#include "report/dump_json.hpp"

#include "engine/reach.hpp"
#include "report/dump_settings.hpp"
#include "report/json_text.hpp"
#include "report/probe.hpp"

namespace scopegate {

namespace {

template <class Items, class Name>
void json_array(std::string &out, std::string_view key, const Items &items, Name name) {
  out.append(",\"").append(key).append("\":[");
  bool first = true;
  for (const auto &item : items) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, name(item));
  }
  out.push_back(']');
}

void json_bool(std::string &out, std::string_view key, bool value) {
  out.append(",\"").append(key).append(value ? "\":true" : "\":false");
}

void json_settings(std::string &out, const Snapshot &s) {
  static constexpr const char *kLevels[] = {"debug", "info", "warn", "error"};
  out.append(",\"log\":{");
  append_json_field(out, "level", kLevels[s.log.level & 3], true);
  append_json_field(out, "sink", s.log.sink);
  json_bool(out, "audit", s.log.audit);
  out.push_back('}');
  json_bool(out, "strict_permissions", s.strict_permissions);
  json_array(out, "emergency_numbers", s.emergency_numbers, [](std::string_view n) { return n; });
  out.append(",\"login_channels\":{");
  for (int i = 0; i < kScopeCount; ++i) {
    if (i) out.push_back(',');
    append_json_string(out, scope_name(static_cast<Scope>(i)));
    out.append(":\"").append(i == 0 ? "sip_device" : channel_words(s.login_channels[size_t(i)])).append("\"");
  }
  out.append("},\"dial_rules\":[");
  for (size_t i = 0; i < s.dial_rules.size(); ++i) {
    const DialRule &r = s.dial_rules[i];
    out.append(i ? ",{" : "{");
    append_json_field(out, r.pattern != kNoIndex ? "pattern" : "prefix", r.text, true);
    append_json_field(out, "feature", r.feature_id);
    append_json_field(out, "target", dial_target_word(r.target));
    out.push_back('}');
  }
  out.push_back(']');
}

void json_feature(std::string &out, const Snapshot &s, Index fi) {
  const Feature &f = s.features[fi];
  out.push_back('{');
  append_json_field(out, "feature", f.id, true);
  out.append(",\"grant\":{");
  std::string where;
  for (int i = 0; i < kScopeCount; ++i) {
    auto scope = static_cast<Scope>(i);
    append_json_field(out, scope_name(scope), reach_name(f.grant[size_t(i)]), i == 0);
    if (std::string p = top_grant_place(s, fi, scope); !p.empty()) append_json_field(where, scope_name(scope), p, where.empty());
  }
  out.append("},\"where\":{").append(where).append("}");
  append_json_field(out, "view", f.view ? view_flag_name(f.view) : "");
  json_bool(out, "guarded", f.guarded);
  out.push_back('}');
}

// A domain's or a user's own entries (SPEC 3.1): [{"feature":F,"scope":S,
// "reach":R,"where":"FILE:LINE"}, ...]; a user's entries name the user's scope.
void json_policy(std::string &out, const Snapshot &s, std::span<const Override> entries) {
  out.append(",\"policy\":[");
  for (size_t i = 0; i < entries.size(); ++i) {
    const Override &o = entries[i];
    out.append(i ? ",{" : "{");
    append_json_field(out, "feature", s.features[o.feature()].id, true);
    append_json_field(out, "scope", scope_name(o.scope()));
    append_json_field(out, "reach", reach_name(o.reach));
    append_json_field(out, "where", s.place(o.where));
    out.push_back('}');
  }
  out.push_back(']');
}

void json_user(std::string &out, const Snapshot &s, Index u) {
  const User &x = s.users[u];
  out.push_back('{');
  append_json_field(out, "id", x.id, true);
  append_json_field(out, "scope", scope_name(x.scope));
  append_json_field(out, "site", x.site == kNoIndex ? "" : s.sites[x.site].name);
  json_bool(out, "system", x.system);
  json_bool(out, "enabled", x.enabled);
  json_array(out, "agent_of", s.span(x.agent_of), [&](uint32_t q) { return s.queues[q].name; });
  if (x.scope == Scope::call_center_supervisor) {
    json_bool(out, "supervises_all", x.supervises_all);
    json_array(out, "supervises", s.span(x.supervised), [&](uint32_t q) { return s.queues[q].name; });
  }
  if (x.scope == Scope::reseller) json_array(out, "domains", s.span(x.resold), [&](uint32_t d) { return s.domains[d].name; });
  json_policy(out, s, s.user_policy(u));
  out.push_back('}');
}

void json_domain(std::string &out, const Snapshot &s, Index d, bool with_outside) {
  out.push_back('{');
  append_json_field(out, "name", s.domains[d].name, true);
  std::vector<std::string_view> sites;
  for (const Site &site : s.sites)
    if (site.domain == d) sites.push_back(site.name);
  json_array(out, "sites", sites, [](std::string_view n) { return n; });
  json_policy(out, s, s.domain_policy(s.domains[d]));
  out.append(",\"users\":[");
  bool first = true;
  for (Index u = 0; u < s.users.size(); ++u) {
    if (s.users[u].domain != d) continue;
    if (!first) out.push_back(',');
    first = false;
    json_user(out, s, u);
  }
  out.append("],\"queues\":[");
  first = true;
  for (const Queue &q : s.queues) {
    if (q.domain != d) continue;
    out.append(first ? "{" : ",{");
    first = false;
    append_json_field(out, "name", q.name, true);
    append_json_field(out, "site", q.site == kNoIndex ? "" : s.sites[q.site].name);
    json_array(out, "agents", s.span(q.agents), [&](uint32_t u) { return s.users[u].id; });
    out.push_back('}');
  }
  out.push_back(']');
  if (with_outside) {
    std::vector<std::string> outside;
    for (Index u = 0; u < s.users.size(); ++u) {
      const User &x = s.users[u];
      bool high = x.scope == Scope::reseller || x.scope == Scope::super_user;
      if (high && x.domain != d && domain_in_reach(s, x, Reach::all, d)) outside.push_back(user_name(s, u));
    }
    json_array(out, "reached_from_outside", outside, [](const std::string &n) { return std::string_view(n); });
  }
  out.push_back('}');
}

}  // namespace

bool dump_json(const Snapshot &s, std::string_view domain, std::string &out) {
  Index only = domain.empty() ? kNoIndex : s.find_domain(domain);
  if (!domain.empty() && only == kNoIndex) return false;
  out.append("{\"generation\":").append(std::to_string(s.generation));
  json_settings(out, s);
  out.append(",\"policy\":[");
  for (Index f = 0; f < s.features.size(); ++f) {
    if (f) out.push_back(',');
    json_feature(out, s, f);
  }
  out.append("],\"domains\":[");
  bool first = true;
  for (Index d = 0; d < s.domains.size(); ++d) {
    if (only != kNoIndex && d != only) continue;
    if (!first) out.push_back(',');
    first = false;
    json_domain(out, s, d, only != kNoIndex);
  }
  out.append("]}\n");
  return true;
}

}  // namespace scopegate
