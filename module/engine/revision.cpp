#include "engine/revision.hpp"

#include <cstdio>

namespace scopegate {

namespace {

// Chains hash_bytes over every field, so the result depends on each value
// and on their order (the order of the config).
class RevisionHash {
 public:
  RevisionHash &text(std::string_view s) {
    h_ = hash_bytes(s, h_ ^ s.size());
    return *this;
  }
  template <class T>
  RevisionHash &value(T v) {
    return text(std::string_view(reinterpret_cast<const char *>(&v), sizeof v));
  }
  RevisionHash &span(const Snapshot &s, Span sp) {
    for (uint32_t i : s.span(sp)) value(i);
    return value(sp.count);
  }
  uint64_t result() const { return h_; }

 private:
  uint64_t h_ = 0x5c09e6a7u;
};

void hash_directory(RevisionHash &h, const Snapshot &s) {
  for (const Domain &d : s.domains) h.text(d.name);
  for (const Site &x : s.sites) h.text(x.name).value(x.domain);
  for (const User &u : s.users) {
    h.text(u.id).value(u.domain).value(u.site).value(u.scope).value(u.system).value(u.enabled);
    h.value(u.supervises_all).value(u.views).span(s, u.supervised).span(s, u.agent_of).span(s, u.resold);
  }
  for (const Queue &q : s.queues) h.text(q.name).value(q.domain).value(q.site).span(s, q.agents);
}

void hash_policy(RevisionHash &h, const Snapshot &s) {
  for (const Feature &f : s.features) {
    h.text(f.id).value(f.view).value(f.guarded).value(f.assigns_scope);
    for (Reach r : f.grant) h.value(r);
  }
  for (const DialRule &r : s.dial_rules) h.text(r.text).value(r.pattern != kNoIndex).text(r.feature_id).value(r.target);
  for (std::string_view n : s.emergency_numbers) h.text(n);
  for (uint8_t channels : s.login_channels) h.value(channels);
  h.value(s.log.level).text(s.log.sink).value(s.log.audit);
}

}  // namespace

uint64_t content_revision(const Snapshot &s) {
  RevisionHash h;
  hash_directory(h, s);
  hash_policy(h, s);
  return h.result();
}

std::string revision_text(uint64_t revision) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(revision));
  return text;
}

}  // namespace scopegate
