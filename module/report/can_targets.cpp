#include "report/can_targets.hpp"

#include "report/probe.hpp"

namespace scopegate {

namespace {

bool has_kind(const Feature &f, TargetKind k) { return (f.targets >> static_cast<int>(k)) & 1u; }

// The lowest scope: scope.assign is asked whether some scope could be
// given; every other feature ignores the field.
TargetRef target_of(TargetKind kind, std::string_view id, std::string_view domain) {
  TargetRef t;
  t.kind = kind;
  t.id = id;
  t.domain = domain;
  t.scope = Scope::no_portal;
  return t;
}

bool allows(const Snapshot &s, Index actor, Index feature, const TargetRef &t) {
  return probe_feature(s, actor, s.features[feature].id, t).allowed();
}

void list_everything(const Feature &f, TargetLists &out) {
  if (has_kind(f, TargetKind::user)) out.users = {"*"};
  if (has_kind(f, TargetKind::queue)) out.queues = {"*"};
  if (has_kind(f, TargetKind::site)) out.sites = {"*"};
  if (has_kind(f, TargetKind::domain)) out.domains = {"*"};
}

std::string qualified(std::string_view name, std::string_view domain) {
  std::string out(name);
  out += '@';
  out += domain;
  return out;
}

}  // namespace

// A super user's own domain is still listed: their grants below `all`
// reach only it.
CandidateTargets::CandidateTargets(const Snapshot &s, Index actor) {
  const User &a = s.users[actor];
  everywhere_ = a.scope == Scope::super_user;
  domains_.push_back(a.domain);
  if (!everywhere_)
    for (uint32_t d : s.span(a.resold))
      if (d != a.domain) domains_.push_back(d);
  std::vector<bool> wanted(s.domains.size(), false);
  for (Index d : domains_) wanted[d] = true;
  for (Index i = 0; i < s.users.size(); ++i)
    if (wanted[s.users[i].domain]) users_.push_back(i);
  for (Index i = 0; i < s.queues.size(); ++i)
    if (wanted[s.queues[i].domain]) queues_.push_back(i);
  for (Index i = 0; i < s.sites.size(); ++i)
    if (wanted[s.sites[i].domain]) sites_.push_back(i);
}

namespace {

// Asks the decision about each candidate of one kind; name(i) gives the
// target's id and domain.
template <class Name>
std::vector<std::string> allowed_of(const Snapshot &s, Index actor, Index feature, TargetKind kind,
                                    const std::vector<Index> &candidates, Name name) {
  std::vector<std::string> out;
  for (Index i : candidates) {
    auto [id, domain] = name(i);
    if (allows(s, actor, feature, target_of(kind, id, domain))) out.push_back(qualified(id, domain));
  }
  return out;
}

}  // namespace

TargetLists targets_in_reach(const Snapshot &s, Index actor, Index feature, const CandidateTargets &c) {
  TargetLists out;
  const Feature &f = s.features[feature];
  out.kinds = f.targets;
  if (c.everywhere() && f.grant[static_cast<size_t>(s.users[actor].scope)] == Reach::all) {
    list_everything(f, out);
    return out;
  }
  using Name = std::pair<std::string_view, std::string_view>;
  auto dom = [&](Index d) { return s.domains[d].name; };
  if (has_kind(f, TargetKind::user))
    out.users = allowed_of(s, actor, feature, TargetKind::user, c.users(),
                           [&](Index i) { return Name{s.users[i].id, dom(s.users[i].domain)}; });
  if (has_kind(f, TargetKind::queue))
    out.queues = allowed_of(s, actor, feature, TargetKind::queue, c.queues(),
                            [&](Index i) { return Name{s.queues[i].name, dom(s.queues[i].domain)}; });
  if (has_kind(f, TargetKind::site))
    out.sites = allowed_of(s, actor, feature, TargetKind::site, c.sites(),
                           [&](Index i) { return Name{s.sites[i].name, dom(s.sites[i].domain)}; });
  if (has_kind(f, TargetKind::domain))
    for (Index d : c.domains())
      if (allows(s, actor, feature, target_of(TargetKind::domain, dom(d), {}))) out.domains.emplace_back(dom(d));
  return out;
}

}  // namespace scopegate
