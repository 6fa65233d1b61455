#include "report/probe.hpp"

#include "engine/grant.hpp"

namespace scopegate {

TargetRef no_target() {
  TargetRef t;
  t.scope = Scope::no_portal;
  return t;
}

Outcome probe_login_named(const Snapshot &s, std::string_view user, std::string_view domain, Channel channel) {
  return decide_login(s, LoginRequest{user, domain, channel});
}

Outcome probe_feature_named(const Snapshot &s, std::string_view user, std::string_view domain,
                            std::string_view feature) {
  return decide_feature(s, FeatureRequest{user, domain, feature, no_target()});
}

Outcome probe_login(const Snapshot &s, Index user, Channel channel) {
  const User &u = s.users[user];
  return probe_login_named(s, u.id, s.domains[u.domain].name, channel);
}

Outcome probe_feature(const Snapshot &s, Index user, std::string_view feature, const TargetRef &target) {
  const User &u = s.users[user];
  return decide_feature(s, FeatureRequest{u.id, s.domains[u.domain].name, feature, target});
}

std::string verdict_words(const Outcome &o) {
  if (o.allowed()) return "allow";
  bool error = o.reason == Reason::bad_request || o.reason == Reason::internal_error;
  return std::string(error ? "error " : "deny ") + reason_name(o.reason);
}

std::string user_name(const Snapshot &s, Index user) {
  const User &u = s.users[user];
  std::string out(u.id);
  out += '@';
  out += s.domains[u.domain].name;
  return out;
}

const char *grant_level(const Snapshot &s, Index user, Index feature) {
  return level_name(grant_for(s, user, feature).level);
}

std::string grant_place(const Snapshot &s, Index user, Index feature) {
  return s.place(grant_for(s, user, feature).where);
}

std::string top_grant_place(const Snapshot &s, Index feature, Scope scope) {
  if (feature >= s.features.size()) return {};
  return s.place(s.features[feature].where[static_cast<size_t>(scope)]);
}

}  // namespace scopegate
