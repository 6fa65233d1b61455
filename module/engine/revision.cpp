#include "engine/revision.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

namespace scopegate {

namespace {

// Chains hash_bytes over every field, so the result depends on each value
// and on their order. Records are tagged with their kind, so a site cannot
// be read as the start of a user.
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
  RevisionHash &tag(char kind) { return value(kind); }
  uint64_t result() const { return h_; }

 private:
  uint64_t h_ = 0x5c09e6a7u;
};

// Names, not record numbers: a record's number depends on how many came
// before it in other domains, which is the order the files were read in.
std::string_view site_name(const Snapshot &s, Index site) { return site == kNoIndex ? "" : s.sites[site].name; }

void hash_queue_names(RevisionHash &h, const Snapshot &s, Span queues) {
  for (uint32_t q : s.span(queues)) h.text(s.queues[q].name);
  h.value(queues.count);
}

// A reseller's domains as a set: their record numbers follow the read order.
void hash_domain_set(RevisionHash &h, const Snapshot &s, Span domains) {
  std::vector<std::string_view> names;
  for (uint32_t d : s.span(domains)) names.push_back(s.domains[d].name);
  std::sort(names.begin(), names.end());
  for (std::string_view n : names) h.text(n);
  h.value(domains.count);
}

void hash_overrides(RevisionHash &h, const Snapshot &s, std::span<const Override> entries) {
  for (const Override &o : entries) h.text(s.features[o.feature()].id).value(o.scope()).value(o.reach);
  h.value(entries.size());
}

void hash_user(RevisionHash &h, const Snapshot &s, Index user) {
  const User &u = s.users[user];
  h.tag('u').text(u.id).text(site_name(s, u.site)).value(u.scope).value(u.system).value(u.enabled);
  h.value(u.supervises_all).value(u.views);
  hash_queue_names(h, s, u.supervised);
  hash_queue_names(h, s, u.agent_of);
  hash_domain_set(h, s, u.resold);
  hash_overrides(h, s, s.user_policy(user));
}

void hash_queue(RevisionHash &h, const Snapshot &s, const Queue &q) {
  h.tag('q').text(q.name).text(site_name(s, q.site));
  for (uint32_t u : s.span(q.agents)) h.text(s.users[u].id);
  h.value(q.agents.count);
}

// One hash per domain over its own records, in config order; then the
// domains in name order.
void hash_directory(RevisionHash &h, const Snapshot &s) {
  std::vector<RevisionHash> domain(s.domains.size());
  for (size_t i = 0; i < s.domains.size(); ++i) {
    domain[i].tag('d').text(s.domains[i].name);
    hash_overrides(domain[i], s, s.domain_policy(s.domains[i]));
  }
  for (const Site &x : s.sites) domain[x.domain].tag('s').text(x.name);
  for (Index u = 0; u < s.users.size(); ++u) hash_user(domain[s.users[u].domain], s, u);
  for (const Queue &q : s.queues) hash_queue(domain[q.domain], s, q);

  std::vector<Index> by_name(s.domains.size());
  std::iota(by_name.begin(), by_name.end(), Index{0});
  std::sort(by_name.begin(), by_name.end(), [&](Index a, Index b) { return s.domains[a].name < s.domains[b].name; });
  for (Index i : by_name) h.value(domain[i].result());
  h.value(s.domains.size());
}

void hash_policy(RevisionHash &h, const Snapshot &s) {
  for (const Feature &f : s.features) {
    h.tag('f').text(f.id).value(f.view).value(f.guarded).value(f.assigns_scope).value(f.targets);
    for (Reach r : f.grant) h.value(r);
  }
  for (const DialRule &r : s.dial_rules)
    h.tag('r').text(r.text).value(r.pattern != kNoIndex).text(r.feature_id).value(r.target);
  for (std::string_view n : s.emergency_numbers) h.tag('e').text(n);
  for (uint8_t channels : s.login_channels) h.value(channels);
  h.value(s.log.level).text(s.log.sink).value(s.log.audit).value(s.strict_permissions);
}

}  // namespace

uint64_t content_revision(const Snapshot &s) {
  RevisionHash h;
  hash_policy(h, s);
  hash_directory(h, s);
  return h.result();
}

std::string revision_text(uint64_t revision) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(revision));
  return text;
}

}  // namespace scopegate
