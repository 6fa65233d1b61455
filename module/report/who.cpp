#include "report/who.hpp"

#include "report/probe.hpp"

namespace scopegate {

bool report_who(const Snapshot &s, std::string_view feature, const TargetRef &target, std::vector<Index> &allowed) {
  for (Index u = 0; u < s.users.size(); ++u) {
    Outcome o = probe_feature(s, u, feature, target);
    if (o.reason == Reason::bad_request) return false;
    if (o.allowed()) allowed.push_back(u);
  }
  return true;
}

}  // namespace scopegate
