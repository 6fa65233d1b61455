// The synthetic platform the benchmarks run against: N users spread over D
// customer domains, plus a provider domain with a reseller and a super user,
// 50 prefix dial rules and 10 pattern rules. Names are computed, so a
// benchmark can pick requests without parsing the config it generated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace scopegate::bench {

struct Workload {
  uint32_t users = 100000;  // customer users in all (rounded down to a multiple of domains)
  uint32_t domains = 1000;
  // Policy per customer and per user (SPEC 3.1): every customer domain and
  // every one of its users gets entries of its own. The user's entries name
  // other features than the requests', so a feature decision searches the
  // user's entries, misses, and finds its grant in the domain's: the
  // longest way to a grant. The domain's entries restate the built-in
  // grants, so the verdicts are those of the plain workload.
  bool overrides = false;

  uint32_t users_per_domain() const { return users / domains; }

  // Names as they appear in the config.
  static std::string domain_name(uint32_t d);        // "customer17.example"
  static std::string user_id(uint32_t i);            // extension of the i-th user of a domain: "1000" + i
  static const char *scope_of(uint32_t i);           // scope of the i-th user of a domain
  static bool is_manager(uint32_t i) { return i <= 2; }  // office manager or a site manager

  // Writes the main config to path (one file, like a provisioning export).
  void write_config(const std::string &path) const;
  // The same platform as a main file with `domains_dir = "domains.d"` and one
  // file per customer domain in dir/domains.d, as a provisioning system that
  // writes one file per customer would.
  void write_split_config(const std::string &dir) const;
  // Writes `lines` request lines in the CLI's batch grammar: logins,
  // features with user targets and dials (monitor codes, patterns, plain
  // numbers), cycling over the whole user population.
  void write_requests(const std::string &path, uint32_t lines) const;
};

// The config for a workload, generated on first use and kept in dir
// (SG_BENCH_DATA or <build>/bench-data): "<dir>/u<N>-d<D>/scopegate.conf".
std::string ensure_config(const Workload &w);
// Same, for the one-file-per-domain layout: "<dir>/u<N>-d<D>/split/scopegate.conf".
std::string ensure_split_config(const Workload &w);
// Same, for the batch request file with the given number of lines.
std::string ensure_requests(const Workload &w, uint32_t lines);

// The workload the benchmarks use: SG_BENCH_USERS / SG_BENCH_DOMAINS from the
// environment, else the given defaults.
Workload workload_from_env(uint32_t default_users, uint32_t default_domains);

// The number in environment variable `name`, or fallback when it is unset
// or empty.
uint32_t env_number(const char *name, uint32_t fallback);

}  // namespace scopegate::bench
