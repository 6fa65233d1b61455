#include "report/diff_targets.hpp"

#include <algorithm>

namespace scopegate {

namespace {

std::string word(const char *kind, std::string_view name) {
  std::string out(kind);
  out.push_back(' ');
  out.append(name);
  return out;
}

// Queue reach covers the queues a supervisor manages and those a user is
// an agent of (SPEC 2.4). "all" is kept as one word rather than expanded:
// a queue added to the domain is then no change for this user, which is
// what "all" means.
void add_queues(const Snapshot &s, const User &u, ReachObjects &r) {
  if (u.scope == Scope::call_center_supervisor) {
    if (u.supervises_all)
      r.queues.push_back("queue *");
    else
      for (uint32_t q : s.span(u.supervised)) r.queues.push_back(word("queue", s.queues[q].name));
  }
  for (uint32_t q : s.span(u.agent_of)) r.queues.push_back(word("queue", s.queues[q].name));
  std::sort(r.queues.begin(), r.queues.end());
  r.queues.erase(std::unique(r.queues.begin(), r.queues.end()), r.queues.end());
}

}  // namespace

ReachObjects reach_objects(const Snapshot &s, Index user) {
  const User &u = s.users[user];
  ReachObjects r;
  add_queues(s, u, r);
  if (u.site != kNoIndex) r.site = word("site", s.sites[u.site].name);
  r.domain = word("domain", s.domains[u.domain].name);
  if (u.scope == Scope::super_user)
    r.resold.push_back("domain *");
  else
    for (uint32_t d : s.span(u.resold))
      if (d != u.domain) r.resold.push_back(word("domain", s.domains[d].name));
  return r;
}

std::vector<std::string> objects_at(const ReachObjects &r, Reach reach) {
  std::vector<std::string> out;
  if (reach == Reach::queue || reach == Reach::site) out = r.queues;
  if (reach == Reach::site && !r.site.empty()) out.push_back(r.site);
  if (reach >= Reach::domain) out.push_back(r.domain);
  if (reach == Reach::all) out.insert(out.end(), r.resold.begin(), r.resold.end());
  std::sort(out.begin(), out.end());
  return out;
}

void compare_objects(const std::vector<std::string> &was, const std::vector<std::string> &is,
                     std::vector<std::string> &gained, std::vector<std::string> &lost) {
  std::set_difference(is.begin(), is.end(), was.begin(), was.end(), std::back_inserter(gained));
  std::set_difference(was.begin(), was.end(), is.begin(), is.end(), std::back_inserter(lost));
}

}  // namespace scopegate
