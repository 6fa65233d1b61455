// SPEC 2.1 login: rules 1-7, first that applies wins.
#include "engine/feature_rules.hpp"

namespace scopegate {

// Every path returns the one named Outcome (no "return deny(...), o"), so
// it is built in the caller's place instead of copied there.
Outcome decide_login(const Snapshot &s, const LoginRequest &r) {
  Outcome o;
  o.hook = Hook::login;
  o.actor = find_actor(s, r.user, r.domain);
  if (deny_bad_actor_ids(o, r.user, r.domain)) return o;
  if (deny_unknown_or_disabled(s, o, 1)) {
    if (o.reason == Reason::disabled_user) o.rule = 2;
    return o;
  }
  const User &u = s.users[o.actor];
  if (u.system) {
    deny(o, Reason::system_user, 3);
    return o;
  }
  if (r.channel == Channel::sip_device) {  // a no_portal person still has phones
    o.reason = Reason::ok;
    o.rule = 4;
    return o;
  }
  if (u.scope == Scope::no_portal) {
    deny(o, Reason::no_portal_scope, 5);
    return o;
  }
  if ((s.login_channels[static_cast<size_t>(u.scope)] & channel_bit(r.channel)) == 0) {
    deny(o, Reason::channel_not_allowed, 6);
    return o;
  }
  o.reason = Reason::ok;
  o.rule = 7;
  return o;
}

}  // namespace scopegate
