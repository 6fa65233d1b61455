// Explanations as one JSON object of facts (SG_REQ_EXPLAIN_JSON): the rule,
// the actor's and target's records and where they are defined, the grant
// and the level that set it, the dial rule; for scripts and for batch, where
// each request keeps one output line.
#include <cstring>

#include "report/dump_settings.hpp"
#include "report/explain.hpp"
#include "report/json_text.hpp"
#include "report/probe.hpp"

namespace scopegate {

namespace {

template <class Name>
void json_list(std::string &out, std::string_view key, std::span<const uint32_t> items, Name name) {
  out.append(",\"").append(key).append("\":[");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, name(items[i]));
  }
  out.push_back(']');
}

void json_optional(std::string &out, std::string_view key, std::string_view value) {
  out.append(",\"").append(key).append("\":");
  if (value.empty()) out.append("null");
  else append_json_string(out, value);
}

void json_user(std::string &out, const Snapshot &s, Index u) {
  const User &x = s.users[u];
  auto queue_name = [&](uint32_t q) { return s.queues[q].name; };
  out.push_back('{');
  append_json_field(out, "user", user_name(s, u), true);
  append_json_field(out, "scope", scope_name(x.scope));
  json_optional(out, "site", x.site == kNoIndex ? "" : s.sites[x.site].name);
  json_optional(out, "where", place_text(s, s.user_places, u));
  out.append(x.enabled ? ",\"enabled\":true" : ",\"enabled\":false");
  out.append(x.system ? ",\"system\":true" : ",\"system\":false");
  json_list(out, "agent_of", s.span(x.agent_of), queue_name);
  if (x.scope == Scope::call_center_supervisor) {
    out.append(x.supervises_all ? ",\"supervises_all\":true" : ",\"supervises_all\":false");
    json_list(out, "supervises", s.span(x.supervised), queue_name);
    append_json_field(out, "view", view_words(x.views));
  }
  if (x.scope == Scope::reseller)
    json_list(out, "domains", s.span(x.resold), [&](uint32_t d) { return s.domains[d].name; });
  append_json_field(out, "channels", x.scope == Scope::no_portal ? "sip_device" : channel_words(s.login_channels[size_t(x.scope)]));
  out.push_back('}');
}

void json_queue(std::string &out, const Snapshot &s, Index q) {
  const Queue &x = s.queues[q];
  out.push_back('{');
  append_json_field(out, "queue", std::string(x.name) + "@" + std::string(s.domains[x.domain].name), true);
  json_optional(out, "site", x.site == kNoIndex ? "" : s.sites[x.site].name);
  json_optional(out, "where", place_text(s, s.queue_places, q));
  json_list(out, "agents", s.span(x.agents), [&](uint32_t u) { return s.users[u].id; });
  out.push_back('}');
}

void json_feature(std::string &out, const Snapshot &s, const Outcome &o) {
  const Feature &f = s.features[o.feature];
  out.append(",\"feature\":{");
  append_json_field(out, "feature", f.id, true);
  append_json_field(out, "grant", reach_name(o.grant));
  if (o.actor != kNoIndex) {
    Scope scope = s.users[o.actor].scope;
    append_json_field(out, "level", grant_level(s, o.feature, scope));
    json_optional(out, "where", grant_place(s, o.feature, scope));
  }
  json_optional(out, "view", f.view ? view_flag_name(f.view) : "");
  out.append(f.guarded ? ",\"guarded\":true}" : ",\"guarded\":false}");
}

void json_target(std::string &out, const Snapshot &s, const Outcome &o, const TargetRef *t) {
  if (!target_looked_at(o.rule)) return;
  if (t != nullptr) {
    out.append(",\"target\":{");
    append_json_field(out, "kind", target_kind_name(t->kind), true);
    json_optional(out, "id", t->id);
    json_optional(out, "domain", t->domain);
    if (t->kind == TargetKind::object) {
      json_optional(out, "site", t->site);
      json_optional(out, "owner", t->owner);
    }
    out.push_back('}');
  }
  if (o.target_user != kNoIndex) {
    out.append(",\"target_user\":");
    json_user(out, s, o.target_user);
  }
  if (o.target_queue != kNoIndex) {
    out.append(",\"target_queue\":");
    json_queue(out, s, o.target_queue);
  }
}

void json_request(std::string &out, const Snapshot &s, const Outcome &o, const ExplainInput &in) {
  if (o.hook == Hook::login) append_json_field(out, "channel", in.subject);
  if (o.hook == Hook::dial) append_json_field(out, "destination", in.subject);
  if (o.hook == Hook::dial && o.dial_rule != kNoIndex) {
    const DialRule &r = s.dial_rules[o.dial_rule];
    out.append(",\"dial_rule\":{\"number\":").append(std::to_string(o.dial_rule + 1));
    append_json_field(out, r.pattern != kNoIndex ? "pattern" : "prefix", r.text);
    append_json_field(out, "feature", r.feature_id);
    out.push_back('}');
  }
}

// "2.2.7"; "2.3" for the dialplan's unnumbered rules; "" for a bad request
// or an internal error (no rule of SPEC).
std::string rule_id(const Outcome &o) {
  const RuleInfo &rule = rule_info(o.rule);
  if (rule.number == 0) return rule.section;
  return std::string(rule.section) + "." + std::to_string(rule.number);
}

std::string explanation(const Snapshot *s, const Outcome &o, const ExplainInput &in) {
  std::string out = "{";
  append_json_field(out, "rule", rule_id(o), true);
  append_json_field(out, "reason", reason_name(o.reason));
  append_json_field(out, "meaning", rule_info(o.rule).meaning);
  if (s != nullptr && o.reason != Reason::bad_request) {
    out.append(",\"actor\":");
    if (o.actor != kNoIndex) json_user(out, *s, o.actor);
    else out.append("null");
    json_request(out, *s, o, in);
    if (o.feature != kNoIndex) json_feature(out, *s, o);
    json_target(out, *s, o, in.target);
  }
  out.append("}");
  return out;
}

}  // namespace

void write_explanation_json(const Snapshot *s, const Outcome &o, const ExplainInput &in, char *buf, size_t cap) {
  if (buf == nullptr || cap == 0) return;
  std::string text = explanation(s, o, in);
  if (text.size() >= cap) {
    text = "{";
    append_json_field(text, "rule", rule_id(o), true);
    text.append(",\"cut\":true}");
  }
  size_t n = std::min(text.size(), cap - 1);
  std::memcpy(buf, text.data(), n);
  buf[n] = '\0';
}

}  // namespace scopegate
