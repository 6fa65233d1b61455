#include "report/can.hpp"

#include "report/can_targets.hpp"
#include "report/json_text.hpp"
#include "report/probe.hpp"

namespace scopegate {

namespace {

struct Grant {
  Index feature;
  Reach reach;
  TargetLists targets;
};

constexpr Channel kChannels[] = {Channel::portal, Channel::mobile_app, Channel::web_phone,
                                 Channel::attendant_console, Channel::api, Channel::sip_device};

// A feature is granted when the decision without a target allows it.
std::vector<Grant> granted_features(const Snapshot &s, Index actor, Index only) {
  std::vector<Grant> out;
  CandidateTargets candidates(s, actor);
  for (Index f = 0; f < s.features.size(); ++f) {
    if (only != kNoIndex && f != only) continue;
    Outcome o = probe_feature(s, actor, s.features[f].id, no_target());
    if (o.allowed()) out.push_back(Grant{f, o.grant, targets_in_reach(s, actor, f, candidates)});
  }
  return out;
}

void json_list(std::string &out, std::string_view key, const std::vector<std::string> &items, bool first) {
  if (!first) out.push_back(',');
  append_json_string(out, key);
  out.append(":[");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
}

void json_login(std::string &out, const Snapshot &s, Index actor) {
  std::string reasons;
  out.append(",\"login\":{");
  for (Channel c : kChannels) {
    Outcome o = probe_login(s, actor, c);
    append_json_field(out, channel_name(c), o.allowed() ? "allow" : "deny", c == Channel::portal);
    append_json_field(reasons, channel_name(c), reason_name(o.reason), c == Channel::portal);
  }
  out.append("},\"login_reason\":{").append(reasons).append("}");
}

void json_grant(std::string &out, const Snapshot &s, Index actor, const Grant &g) {
  out.push_back('{');
  append_json_field(out, "feature", s.features[g.feature].id, true);
  append_json_field(out, "reach", reach_name(g.reach));
  append_json_field(out, "level", grant_level(s, actor, g.feature));
  std::string where = grant_place(s, actor, g.feature);
  if (!where.empty()) append_json_field(out, "where", where);
  out.append(",\"targets\":{");
  json_list(out, "users", g.targets.users, true);
  json_list(out, "queues", g.targets.queues, false);
  json_list(out, "sites", g.targets.sites, false);
  json_list(out, "domains", g.targets.domains, false);
  out.append("}}");
}

void write_json(std::string &out, const Snapshot &s, Index actor, const std::vector<Grant> &grants) {
  const User &u = s.users[actor];
  out.push_back('{');
  append_json_field(out, "user", user_name(s, actor), true);
  append_json_field(out, "scope", scope_name(u.scope));
  if (u.site != kNoIndex)
    append_json_field(out, "site", s.sites[u.site].name);
  else
    out.append(",\"site\":null");
  json_login(out, s, actor);
  out.append(",\"features\":[");
  for (size_t i = 0; i < grants.size(); ++i) {
    if (i) out.push_back(',');
    json_grant(out, s, actor, grants[i]);
  }
  out.append("]}\n");
}

// Every list the feature's target kinds call for is printed, empty or not,
// so "users:" with nothing after it says no user is in reach.
void text_list(std::string &out, const char *label, const std::vector<std::string> &items, uint8_t kinds,
               TargetKind kind) {
  if (((kinds >> static_cast<int>(kind)) & 1u) == 0) return;
  out.append("    ").append(label).append(":");
  for (const std::string &item : items) out.append(" ").append(item);
  out.push_back('\n');
}

void write_text(std::string &out, const Snapshot &s, Index actor, const std::vector<Grant> &grants) {
  const User &u = s.users[actor];
  out.append("user ").append(user_name(s, actor)).append(": ").append(scope_name(u.scope));
  if (u.site != kNoIndex) out.append(", site ").append(s.sites[u.site].name);
  out.append("\nlogin:\n");
  for (Channel c : kChannels)
    out.append("  ").append(channel_name(c)).append(" ").append(verdict_words(probe_login(s, actor, c))).append("\n");
  out.append(grants.empty() ? "features: none granted\n" : "features:\n");
  for (const Grant &g : grants) {
    out.append("  ").append(s.features[g.feature].id).append(": reach ").append(reach_name(g.reach));
    std::string where = grant_place(s, actor, g.feature);
    out.append(" (").append(grant_level(s, actor, g.feature));
    if (!where.empty()) out.append(" ").append(where);
    out.append(")\n");
    text_list(out, "users", g.targets.users, g.targets.kinds, TargetKind::user);
    text_list(out, "queues", g.targets.queues, g.targets.kinds, TargetKind::queue);
    text_list(out, "sites", g.targets.sites, g.targets.kinds, TargetKind::site);
    text_list(out, "domains", g.targets.domains, g.targets.kinds, TargetKind::domain);
  }
}

}  // namespace

bool report_can(const Snapshot &s, const CanQuery &q, std::string &out, size_t &granted, std::string &error) {
  Index actor = s.find_user_at(q.domain, q.user);
  if (actor == kNoIndex) {
    error = "no user '" + std::string(q.user) + "@" + std::string(q.domain) + "' in the config";
    return false;
  }
  Index only = kNoIndex;
  if (!q.feature.empty()) {
    only = s.find_feature(q.feature);
    if (only == kNoIndex) {
      error = "unknown feature '" + std::string(q.feature) + "'";
      return false;
    }
  }
  std::vector<Grant> grants = granted_features(s, actor, only);
  granted = grants.size();
  if (q.json)
    write_json(out, s, actor, grants);
  else
    write_text(out, s, actor, grants);
  return true;
}

}  // namespace scopegate
