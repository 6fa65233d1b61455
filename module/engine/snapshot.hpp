// The snapshot: one validated config compiled into an immutable structure
// built for fast decisions. Built once by the loader, then only read, by any
// number of threads, until the last decision using it finishes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/dial_pattern.hpp"
#include "engine/flat_index.hpp"
#include "common/text.hpp"
#include "common/words.hpp"

namespace scopegate {

class Logger;

using Index = uint32_t;  // a record number; kNoIndex (flat_index.hpp): none

// A run of indices in Snapshot::pool, sorted ascending.
struct Span {
  uint32_t offset = 0, count = 0;
};

// Which policy level set a grant (SPEC 3.1), most specific last; the
// first level that says something for the actor decides.
enum class Level : uint8_t { built_in, top, domain, user };

// No place: a grant of the built-in default policy.
inline constexpr uint32_t kNoPlace = UINT32_MAX;

// A domain's or a user's policy entry for one feature: a domain entry per
// scope it names, a user entry for the user's own scope. Feature and scope
// are one key, so finding an entry is one compare per entry looked at.
struct Override {
  uint32_t key;    // override_key(feature, scope)
  Reach reach;
  uint32_t where;  // Snapshot::places
  Index feature() const { return key / kScopeCount; }
  Scope scope() const { return static_cast<Scope>(key % kScopeCount); }
};

constexpr uint32_t override_key(Index feature, Scope scope) {
  return feature * kScopeCount + static_cast<uint32_t>(scope);
}

// User::overrides bits: whether the user, or the user's home domain, has
// policy entries. One byte tested on the decision's hot path.
inline constexpr uint8_t kOwnOverrides = 1, kDomainOverrides = 2;

// The users' own policy runs (SPEC 3.1) by user: an open-addressing table
// of only the users that have entries, built once by the loader. A user
// record carries no run (every record would pay 8 bytes for the few users
// with entries); the table is read only when the record's kOwnOverrides bit
// and feature filter say the user's run may hold the feature, so a lookup
// always finds its user.
class UserRuns {
 public:
  // runs: (user, run) for every user with entries, each user once.
  void build(const std::vector<std::pair<Index, Span>> &runs);
  // The user's run; empty when it has none.
  Span find(Index user) const {
    if (slots_.empty()) return {};
    for (size_t i = home(user);; i = next(i)) {
      if (slots_[i].user == user) return slots_[i].run;
      if (slots_[i].user == kNoIndex) return {};
    }
  }
  // Where find(user) starts reading (for a prefetch); null when empty.
  const void *home_slot(Index user) const { return slots_.empty() ? nullptr : &slots_[home(user)]; }
  size_t size() const { return size_; }

 private:
  struct Slot {
    Index user = kNoIndex;
    Span run;
  };
  std::vector<Slot> slots_;  // any size: 3 slots for every 2 users, not a power of two
  size_t size_ = 0;
  // Fibonacci hashing spreads consecutive users (often the ones with
  // entries), and the multiply-shift maps the hash onto the table's size.
  size_t home(Index user) const {
    uint64_t h = static_cast<uint32_t>(user * 0x9e3779b9u);
    return static_cast<size_t>((h * slots_.size()) >> 32);
  }
  size_t next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
};

struct Domain {
  std::string_view name;
  uint64_t seed = 0;  // hash_bytes(name): seeds the hashes of its sites', users' and queues' names
  Span policy;        // its entries (SPEC 3.1): Snapshot::domain_overrides, sorted by key
};

struct Site {
  std::string_view name;
  Index domain;
};

struct User {
  std::string_view id;
  Index domain;
  Index site = kNoIndex;
  Scope scope = Scope::no_portal;
  bool system = false;
  bool enabled = true;
  bool supervises_all = false;    // supervisor.queues = "all"
  uint8_t views = kAllViews;      // supervisor view flags
  uint8_t overrides = 0;          // kOwnOverrides | kDomainOverrides
  // Bit (feature % 16) set for each feature of the user's own entries: a
  // feature whose bit is clear has none, and its run is not even read.
  uint16_t policy_features = 0;
  Span supervised;                // queues a supervisor manages (unless supervises_all)
  Span agent_of;                  // queues this user is an agent of
  Span resold;                    // domains of a reseller
  // The user's own entries are in Snapshot::user_runs, not here.
};
// A million users' records are 56 MB: a field every user pays for (the run
// of its own policy entries was one, 8 bytes) belongs in a side table when
// few users need it, so memory grows only with the entries written.
static_assert(sizeof(User) == 56, "a field in User costs every user: keep what few users need in a side table");

struct Queue {
  std::string_view name;
  Index domain;
  Index site = kNoIndex;
  Span agents;  // users
};

struct Feature {
  std::string_view id;
  std::array<Reach, kScopeCount> grant{};  // by scope rank; all none by default
  // Per scope, the top-level entry that set the grant (an index into
  // Snapshot::places), or kNoPlace for the built-in default.
  std::array<uint32_t, kScopeCount> where{kNoPlace, kNoPlace, kNoPlace, kNoPlace,
                                          kNoPlace, kNoPlace, kNoPlace, kNoPlace};
  uint8_t view = 0;                        // supervisor view flag required, 0: none
  uint8_t targets = 0;                     // target kinds (bits of TargetKind): what `can` lists; not enforced
  bool guarded = false;
  bool assigns_scope = false;  // scope.assign: the request names a scope (rule 9), set by the loader
};

// What a prefix dial rule reads from the rest of the dialed string.
enum class DialTarget : uint8_t { none, user, queue };

struct DialRule {
  std::string_view prefix;   // prefix rules
  Index pattern = kNoIndex;  // pattern rules: in Snapshot::dial_patterns
  std::string_view text;    // the prefix or pattern as written
  std::string_view feature_id;
  Index feature = kNoIndex;  // kNoIndex: a feature no policy defines (denied)
  DialTarget target = DialTarget::none;
};

// Where a user or queue is defined: an index into Snapshot::place_files
// and a line. Kept beside users and queues, not in them, so decisions touch
// no extra bytes; read by explanations only.
struct Place {
  uint32_t file = UINT32_MAX;
  uint32_t line = 0;
  bool operator==(const Place &) const = default;
};

// A place as its two pieces of text, for writers that must not allocate
// (a decision's log line or explanation).
struct PlaceView {
  std::string_view file;
  uint32_t line = 0;
};

struct LogSettings {
  int level = SG_LOG_INFO;
  std::string sink = "syslog";  // syslog | stderr | file:PATH | host
  bool audit = false;
};

// What the load that built a snapshot did, for info and the load's log
// line. A full load reads every file and builds every domain; the names say
// what a load that rebuilds only part of a config would count.
struct LoadStats {
  uint32_t files_read = 0;
  uint32_t domains_rebuilt = 0;
  uint64_t usec = 0;  // reading, checking and building, not the wait to publish
};

struct Snapshot {
  uint64_t generation = 0;  // loads of this handle (set when published)
  uint64_t revision = 0;    // hash of the effective config (revision.hpp)
  LoadStats load;
  StringArena text;

  std::vector<Domain> domains;
  std::vector<Site> sites;
  std::vector<User> users;
  std::vector<Queue> queues;
  std::vector<Feature> features;
  // Per user / per queue (same index): where the config defines it.
  std::vector<Place> user_places, queue_places;
  std::vector<std::string_view> place_files;
  std::vector<uint32_t> pool;  // storage of every Span

  // Policy per domain and per user (SPEC 3.1): the users' runs (found in
  // user_runs) and those of Domain::policy, each sorted by key. Apart, so
  // the domains' entries stay together (a few cache lines for every
  // customer) rather than between their users'.
  std::vector<Override> overrides, domain_overrides;
  UserRuns user_runs;
  // Where each policy entry stands (top-level grants, domain and user
  // entries): a file of place_files and a line, 8 bytes whatever the
  // length of the file's name, so memory follows the entries.
  std::vector<Place> places;

  FlatIndex domain_index, site_index, user_index, queue_index, feature_index;

  std::vector<DialRule> dial_rules;
  std::vector<DialPattern> dial_patterns;  // apart from the rules: a rule stays a few bytes
  // Per first byte of a destination, the rules that can match one starting
  // with it (a span of dial_candidates, in rule order): a dial compares a
  // few rules, not all of them. Built by index_dial_rules().
  std::array<Span, 256> dial_rules_by_byte{};
  std::vector<uint32_t> dial_candidates;
  std::vector<std::string_view> emergency_numbers;
  std::array<uint8_t, kScopeCount> login_channels{};  // allowed channel bits per scope

  LogSettings log;
  bool strict_permissions = true;  // as the config said (what dump shows)
  std::shared_ptr<Logger> logger;  // this config's logger (set by the handle)

  std::span<const uint32_t> span(Span s) const { return {pool.data() + s.offset, s.count}; }
  std::span<const Override> user_policy(Index user) const {
    Span run = user_runs.find(user);
    return {overrides.data() + run.offset, run.count};
  }
  std::span<const Override> domain_policy(const Domain &d) const {
    return {domain_overrides.data() + d.policy.offset, d.policy.count};
  }
  // A policy entry's place (where != kNoPlace).
  PlaceView place_view(uint32_t where) const { return {place_files[places[where].file], places[where].line}; }
  // "FILE:LINE", or "" for kNoPlace: for reports, which build strings anyway.
  std::string place(uint32_t where) const;
  std::span<const uint32_t> dial_candidates_for(unsigned char first) const {
    Span c = dial_rules_by_byte[first];
    return {dial_candidates.data() + c.offset, c.count};
  }

  // Lookups; kNoIndex when absent. They allocate nothing.
  Index find_domain(std::string_view name) const;
  Index find_site(Index domain, std::string_view name) const;
  Index find_user(Index domain, std::string_view id) const;
  // The user id@domain in one probe: the user index is seeded by the hash
  // of the domain's name, so the domain need not be looked up first.
  Index find_user_at(std::string_view domain, std::string_view id) const;
  Index find_queue(Index domain, std::string_view name) const;
  Index find_feature(std::string_view id) const;
};

// The lookups are inline: a decision makes three or four of them, and each
// is a hash, a probe and a compare, shorter than a call's own overhead.
// Two-part keys hash the name with the domain's seed (the hash of its name),
// so a lookup never builds "id@domain".
inline Index Snapshot::find_domain(std::string_view name) const {
  return domain_index.find(hash_bytes(name), [&](uint32_t i) { return same_text(domains[i].name, name); });
}

inline Index Snapshot::find_site(Index domain, std::string_view name) const {
  return site_index.find(hash_bytes(name, domains[domain].seed),
                         [&](uint32_t i) { return sites[i].domain == domain && same_text(sites[i].name, name); });
}

inline Index Snapshot::find_user(Index domain, std::string_view id) const {
  return user_index.find(hash_bytes(id, domains[domain].seed),
                         [&](uint32_t i) { return users[i].domain == domain && same_text(users[i].id, id); });
}

inline Index Snapshot::find_user_at(std::string_view domain, std::string_view id) const {
  return user_index.find(hash_bytes(id, hash_bytes(domain)), [&](uint32_t i) {
    return same_text(users[i].id, id) && same_text(domains[users[i].domain].name, domain);
  });
}

inline Index Snapshot::find_queue(Index domain, std::string_view name) const {
  return queue_index.find(hash_bytes(name, domains[domain].seed),
                          [&](uint32_t i) { return queues[i].domain == domain && same_text(queues[i].name, name); });
}

inline Index Snapshot::find_feature(std::string_view id) const {
  return feature_index.find(hash_bytes(id), [&](uint32_t i) { return same_text(features[i].id, id); });
}

// Fills dial_rules_by_byte and dial_candidates from dial_rules.
void index_dial_rules(Snapshot &s);

// The index of file in s.place_files. Places are added in the order of the
// config, so a file name is stored once per run of places from that file
// (users, queues and policy entries alike).
uint32_t place_file(Snapshot &s, std::string_view file);
// Adds a policy entry's place to s.places; returns its index. The scopes of
// one entry written on one line share a place.
uint32_t add_place(Snapshot &s, std::string_view file, uint32_t line);

}  // namespace scopegate
