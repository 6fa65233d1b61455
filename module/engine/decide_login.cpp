// SPEC 2.1 login: rules 1-7, first that applies wins.
#include "engine/feature_rules.hpp"

namespace scopegate {

// Every path returns the one named Outcome, so it is built in the caller's
// place instead of copied there.
Outcome decide_login(const Snapshot &s, const LoginRequest &r) {
  Outcome o;
  o.hook = Hook::login;
  o.actor = find_actor(s, r.user, r.domain);
  if (deny_bad_actor_ids(o, r.user, r.domain)) return o;
  if (deny_unknown_or_disabled(s, o, Rule::login_unknown_user, Rule::login_disabled_user)) return o;
  const User &u = s.users[o.actor];
  if (u.system) {
    decided(o, Rule::login_system_user);
  } else if (r.channel == Channel::sip_device) {  // a no_portal person still has phones
    decided(o, Rule::login_sip_device);
  } else if (u.scope == Scope::no_portal) {
    decided(o, Rule::login_no_portal);
  } else if ((s.login_channels[static_cast<size_t>(u.scope)] & channel_bit(r.channel)) == 0) {
    decided(o, Rule::login_channel_not_allowed);
  } else {
    decided(o, Rule::login_allow);
  }
  return o;
}

}  // namespace scopegate
