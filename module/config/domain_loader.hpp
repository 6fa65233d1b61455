// Domains, sites, users and queues: read from config groups into a snapshot
// under construction, every reference checked.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/config_reader.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

class DomainLoader {
 public:
  DomainLoader(Snapshot &s, Diagnostics &d) : s_(s), d_(d) {}

  // Reads one domain group { name; sites; users; queues; }.
  void add_domain(const libconfig::Setting &group);
  // Resolves what may point into domains read later (resellers' domains)
  // and lays the membership lists out in the snapshot's pool.
  void finish();

 private:
  struct PendingDomainRef {
    Index user;
    std::string name;
    std::string file;
    unsigned line;
  };
  struct PendingQueueRef {
    Index user;
    std::string name;
    const libconfig::Setting *where;
  };
  using Links = std::vector<std::pair<Index, Index>>;

  Snapshot &s_;
  Diagnostics &d_;
  Place place_of(const libconfig::Setting &g);
  Links agent_links_;       // (queue, user)
  Links supervised_links_;  // (user, queue)
  Links resold_links_;      // (user, domain)
  std::vector<PendingDomainRef> resold_refs_;

  void add_site(Index domain, const std::string &name, const libconfig::Setting &where);
  void read_user(Index domain, const libconfig::Setting &u, std::vector<PendingQueueRef> &supervised);
  void read_scope_extras(Index user, GroupReader &r, std::vector<PendingQueueRef> &supervised);
  void read_supervisor(Index user, const libconfig::Setting &g, std::vector<PendingQueueRef> &supervised);
  void read_queue(Index domain, const libconfig::Setting &q);
  Index site_ref(Index domain, GroupReader &r);
  bool valid_name(const std::string &name, const libconfig::Setting &where, const char *what);
  void lay_out(Links &links, size_t records, void (*set)(Snapshot &, Index, Span));
};

}  // namespace scopegate
