#include "report/dump.hpp"

#include "engine/reach.hpp"

#include <cstdio>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "report/dump_settings.hpp"
#include "report/probe.hpp"

namespace scopegate {

namespace {

std::string padded(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out + " ";
}

// The config entries that set a feature's grants ("-": the built-in default).
std::string places_of(const Snapshot &s, Index feature) {
  std::set<std::string> places;
  for (int i = 0; i < kScopeCount; ++i)
    if (std::string p = top_grant_place(s, feature, static_cast<Scope>(i)); !p.empty()) places.insert(std::move(p));
  std::string out;
  for (const std::string &p : places) out.append(out.empty() ? "" : " ").append(p);
  return out.empty() ? "-" : out;
}

void dump_policy(const Snapshot &s, const std::function<void(std::string_view)> &emit) {
  size_t width = 8;
  for (const Feature &f : s.features) width = std::max(width, f.id.size());
  emit("policy (reach per scope; no_portal is none everywhere; set at: the config entry, - the default):");
  emit("  scopes: B basic_user, A call_center_agent, S call_center_supervisor, SM site_manager,");
  emit("          OM office_manager, R reseller, SU super_user");
  static constexpr const char *kColumns[] = {"B", "A", "S", "SM", "OM", "R", "SU"};
  std::string header = "  " + padded("feature", width);
  for (const char *c : kColumns) header += padded(c, 6);
  emit(header + "view           guarded set at");
  for (Index fi = 0; fi < s.features.size(); ++fi) {
    const Feature &f = s.features[fi];
    std::string line = "  " + padded(f.id, width);
    for (int scope = rank(Scope::basic_user); scope < kScopeCount; ++scope)
      line += padded(f.grant[static_cast<size_t>(scope)] == Reach::none ? "-" : reach_name(f.grant[static_cast<size_t>(scope)]), 6);
    line += padded(f.view ? view_flag_name(f.view) : "-", 14);
    emit(line + padded(f.guarded ? "yes" : "no", 7) + places_of(s, fi));
  }
}

std::string place_note(const Snapshot &s, uint32_t where) { return " (" + s.place(where) + ")"; }

// A domain's entries (per scope) or a user's (for the user's own scope).
void dump_overrides(const Snapshot &s, std::span<const Override> entries, bool per_scope, const std::string &indent,
                    const std::function<void(std::string_view)> &emit) {
  for (const Override &o : entries)
    emit(indent + "policy " + std::string(s.features[o.feature()].id) + " " +
         (per_scope ? scope_name(o.scope()) : "reach") + "=" + reach_name(o.reach) + place_note(s, o.where));
}

std::string names_of(const Snapshot &s, std::span<const uint32_t> indices, bool queues) {
  std::string out;
  for (uint32_t i : indices) {
    if (!out.empty()) out += ",";
    out += queues ? s.queues[i].name : s.users[i].id;
  }
  return out;
}

std::string views_of(uint8_t views) {
  std::string out;
  for (uint8_t bit = 1; bit <= kViewRecordings; bit = uint8_t(bit << 1))
    if (views & bit) {
      if (!out.empty()) out += ',';
      out += view_flag_name(bit);
    }
  return out.empty() ? "none" : out;
}

std::string describe_user(const Snapshot &s, const User &u) {
  std::string line = "  user " + padded(u.id, 10) + scope_name(u.scope);
  if (u.site != kNoIndex) line += " site=" + std::string(s.sites[u.site].name);
  if (u.system) line += " system";
  if (!u.enabled) line += " disabled";
  if (u.scope == Scope::call_center_supervisor)
    line += " queues=" + (u.supervises_all ? std::string("all") : names_of(s, s.span(u.supervised), true)) +
            " view=" + views_of(u.views);
  if (u.agent_of.count != 0) line += " agent_of=" + names_of(s, s.span(u.agent_of), true);
  if (u.scope == Scope::reseller) {
    std::string domains;
    for (uint32_t d : s.span(u.resold)) {
      if (!domains.empty()) domains += ',';
      domains += s.domains[d].name;
    }
    line += " domains=" + domains;
  }
  return line;
}

// The records of each domain, found in one pass over a table (a counting
// sort), so a dump of every domain reads each user once, not once per domain.
class ByDomain {
 public:
  template <class Record>
  ByDomain(const std::vector<Record> &records, size_t domains) : offsets_(domains + 1, 0), items_(records.size()) {
    for (const Record &r : records) ++offsets_[r.domain + 1];
    for (size_t d = 0; d < domains; ++d) offsets_[d + 1] += offsets_[d];
    std::vector<uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (Index i = 0; i < records.size(); ++i) items_[next[records[i].domain]++] = i;
  }
  std::span<const Index> of(Index domain) const {
    return {items_.data() + offsets_[domain], offsets_[domain + 1] - offsets_[domain]};
  }

 private:
  std::vector<uint32_t> offsets_;
  std::vector<Index> items_;
};

struct DomainRecords {
  ByDomain sites, users, queues;
  explicit DomainRecords(const Snapshot &s)
      : sites(s.sites, s.domains.size()), users(s.users, s.domains.size()), queues(s.queues, s.domains.size()) {}
};

void dump_domain(const Snapshot &s, const DomainRecords &records, Index d,
                 const std::function<void(std::string_view)> &emit) {
  emit("");
  emit("domain " + std::string(s.domains[d].name));
  std::string sites;
  for (Index i : records.sites.of(d)) sites += (sites.empty() ? "" : ", ") + std::string(s.sites[i].name);
  emit("  sites: " + (sites.empty() ? std::string("-") : sites));
  dump_overrides(s, s.domain_policy(s.domains[d]), true, "  ", emit);
  for (Index u : records.users.of(d)) {
    emit(describe_user(s, s.users[u]));
    dump_overrides(s, s.user_policy(u), false, "    ", emit);
  }
  for (Index i : records.queues.of(d)) {
    const Queue &q = s.queues[i];
    std::string line = "  queue " + padded(q.name, 10);
    if (q.site != kNoIndex) line += "site=" + std::string(s.sites[q.site].name) + " ";
    emit(line + "agents=" + names_of(s, s.span(q.agents), false));
  }
}

// Resellers and super users of other domains whose reach `all` takes in d
// (the engine's own domain reach).
void dump_reached_by(const Snapshot &s, Index d, const std::function<void(std::string_view)> &emit) {
  std::string names;
  for (Index u = 0; u < s.users.size(); ++u) {
    const User &x = s.users[u];
    if (x.domain == d || (x.scope != Scope::reseller && x.scope != Scope::super_user)) continue;
    if (domain_in_reach(s, x, Reach::all, d)) names.append(names.empty() ? "" : " ").append(user_name(s, u) + " (" + scope_name(x.scope) + ")");
  }
  emit("  reached from outside: " + (names.empty() ? std::string("nobody") : names));
}

}  // namespace

bool dump_snapshot(const Snapshot &s, std::string_view domain, const std::function<void(std::string_view)> &emit) {
  Index only = kNoIndex;
  if (!domain.empty()) {
    only = s.find_domain(domain);
    if (only == kNoIndex) return false;
  }
  emit("generation " + std::to_string(s.generation));
  dump_settings(s, emit);
  dump_policy(s, emit);
  const DomainRecords records(s);
  for (Index d = 0; d < s.domains.size(); ++d) {
    if (only != kNoIndex && d != only) continue;
    dump_domain(s, records, d, emit);
    if (only != kNoIndex) dump_reached_by(s, d, emit);
  }
  return true;
}

}  // namespace scopegate
