// Domains, sites, users and queues: read from config groups into a snapshot
// under construction, every reference checked.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "config/config_reader.hpp"
#include "config/override_loader.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

class DomainLoader {
 public:
  // main: the line map of the main file, whose settings are read first.
  DomainLoader(Snapshot &s, Diagnostics &d, const LineMap &main);

  // The settings read next come from a domains_dir file with this map;
  // end_source() goes back to the main file's.
  void begin_source(const LineMap &map);
  void end_source();
  // A domains_dir file that failed: references to the domains it may have
  // held are not errors of their own (one mistake, one message).
  void note_failed_file(const std::string &text) { failed_texts_.push_back(text); }

  // Room for this many domains and users more (a hint: loading a million
  // users into tables sized for them saves growing each several times).
  void expect(size_t domains, size_t users);
  // Reads one domain group { name; sites; users; queues; }.
  void add_domain(Setting group);
  // Resolves what may point into domains read later (resellers' domains)
  // and lays the membership lists out in the snapshot's pool.
  void finish();

 private:
  // Where a record was defined: the source (index into maps_) and the
  // line in its text. Kept for every record so a duplicate names both
  // places; turned into FILE:LINE only when a message needs it.
  struct SourceLine {
    uint32_t source, line;
  };
  struct PendingDomainRef {
    Index user;
    std::string name;
    ConfigPlace where;
  };
  struct PendingQueueRef {
    Index user;
    std::string name;
    Setting where;
  };
  using Links = std::vector<std::pair<Index, Index>>;

  Snapshot &s_;
  Diagnostics &d_;
  OverrideLoader overrides_;
  Place place_of(Setting g);
  Links agent_links_;       // (queue, user)
  Links supervised_links_;  // (user, queue)
  Links resold_links_;      // (user, domain)
  std::vector<PendingDomainRef> resold_refs_;
  std::deque<LineMap> maps_;  // a deque: Diagnostics points at its elements
  uint32_t source_ = 0;
  std::vector<SourceLine> domain_lines_, site_lines_, user_lines_, queue_lines_;
  std::vector<std::string> failed_texts_;
  Index first_user_ = 0;           // the first user of the domain being read
  bool sites_unreadable_ = false;  // this domain's `sites` was malformed: no site reference is reported

  SourceLine here(Setting s) const { return SourceLine{source_, s.getSourceLine()}; }
  ConfigPlace place_of(SourceLine at) const { return maps_[at.source].at(at.line); }
  bool in_failed_file(const std::string &name) const;
  void check_agent(const User &agent, const std::string &id, Setting where);
  void warn_idle_call_center_users();

  void add_site(Index domain, const std::string &name, Setting where);
  void read_user(Index domain, Setting u, std::vector<PendingQueueRef> &supervised);
  void read_scope_extras(Index user, GroupReader &r, std::vector<PendingQueueRef> &supervised);
  void read_supervisor(Index user, Setting g, std::vector<PendingQueueRef> &supervised);
  void read_queue(Index domain, Setting q);
  Index site_ref(Index domain, GroupReader &r);
  bool valid_name(const std::string &name, Setting where, const char *what);
  void lay_out(Links &links, size_t records, void (*set)(Snapshot &, Index, Span));
};

}  // namespace scopegate
