#include "config/config_loader.hpp"

#include <dirent.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>

#include "config/domain_loader.hpp"
#include "config/source/config_source.hpp"
#include "common/suggest.hpp"
#include "config/policy_loader.hpp"
#include "engine/revision.hpp"

namespace scopegate {


namespace {

constexpr const char *kDefaultEmergency[] = {"911", "933", "112"};

void read_version(GroupReader &root, Diagnostics &d) {
  auto version = root.integer("version");
  if (version && *version != 1) d.error(*root.get("version"), "unsupported version " + std::to_string(*version) + " (this module reads version 1)");
}

void read_log(GroupReader &root, Snapshot &s, Diagnostics &d, ConfigPlace &sink_place) {
  Setting g = root.subgroup("log");
  if (!g) return;
  sink_place = d.place(g.exists("sink") ? g.member("sink") : g);
  GroupReader r(*g, d, {"level", "sink", "audit"});
  if (auto level = r.string("level")) {
    static constexpr std::array<std::string_view, 4> kLevels = {"debug", "info", "warn", "error"};
    auto it = std::find(kLevels.begin(), kLevels.end(), *level);
    if (it == kLevels.end())
      d.error(*r.get("level"), "unknown log level '" + *level + "'" + Suggestion(*level).from(kLevels).hint() +
                                   ": one of debug, info, warn, error");
    else
      s.log.level = static_cast<int>(it - kLevels.begin());
  }
  if (auto sink = r.string("sink")) {
    bool ok = *sink == "syslog" || *sink == "stderr" || *sink == "host" || (sink->starts_with("file:") && sink->size() > 5);
    if (!ok)
      d.error(*r.get("sink"), "unknown log sink '" + *sink + "'" +
                                  Suggestion(*sink).from({"syslog", "stderr", "host"}).hint() +
                                  ": one of syslog, stderr, file:/path, host");
    else
      s.log.sink = *sink;
  }
  if (auto audit = r.boolean("audit")) s.log.audit = *audit;
}

// The places of one feature's top-level grants, stored once each (an
// entry's scopes on one line share a place).
std::array<uint32_t, kScopeCount> place_indices(Snapshot &s, const std::array<ConfigPlace, kScopeCount> &where) {
  std::array<uint32_t, kScopeCount> out{};
  for (size_t i = 0; i < where.size(); ++i)
    out[i] = where[i].file.empty() ? kNoPlace : add_place(s, where[i].file, where[i].shown_line());
  return out;
}

void read_policy(GroupReader &root, Snapshot &s, Diagnostics &d) {
  PolicyTable table = default_policy();
  if (Setting copy = root.get("default_policy")) {
    // The installed policy.conf is included for reading; edits to it are
    // not applied (the built-in table decides), but they are pointed out.
    PolicyTable edited = default_policy();
    edited.apply(*copy, d, PolicySource::built_in);
    if (!edited.same_grants(table))
      d.warn(*copy, "differs from the built-in default policy; edits there change nothing (use 'policy' entries)");
  }
  if (Setting policy = root.get("policy")) table.apply(*policy, d);

  s.features.reserve(table.features().size());
  for (const FeatureDraft &f : table.features()) {
    Feature out{s.text.store(f.id), f.grant, {}, f.view, f.targets, f.guarded.value_or(guarded_by_default(f.id)),
                f.id == "scope.assign"};
    out.where = place_indices(s, f.where);
    auto index = static_cast<Index>(s.features.size());
    s.features.push_back(out);
    s.feature_index.insert(
        hash_bytes(out.id), index, [](uint32_t) { return false; },
        [&](uint32_t i) { return hash_bytes(s.features[i].id); });
  }
}

void read_emergency(GroupReader &root, Snapshot &s, Diagnostics &d) {
  Setting list = root.sequence("emergency_numbers");
  if (!list && root.has("emergency_numbers")) return;
  if (!list) {
    for (const char *n : kDefaultEmergency) s.emergency_numbers.push_back(n);
    return;
  }
  for (auto &[number, where] : string_items(*list, d)) {
    if (!is_valid_id(number))
      d.error(*where, "bad emergency number '" + number + "'");
    else
      s.emergency_numbers.push_back(s.text.store(number));
  }
}

void read_dial_rule(Setting g, Snapshot &s, Diagnostics &d) {
  if (!g.isGroup()) {
    d.error(g, "a dial rule is a group { prefix = \"...\"; feature = \"...\"; }");
    return;
  }
  GroupReader r(g, d, {"prefix", "pattern", "feature", "target"});
  auto prefix = r.string("prefix");
  auto pattern = r.string("pattern");
  auto feature = r.string("feature", true);
  auto target = r.string("target");
  if (prefix.has_value() == pattern.has_value()) {
    d.error(g, "a dial rule has either a 'prefix' or a 'pattern'");
    return;
  }
  DialRule rule;
  if (prefix) {
    if (!is_valid_id(*prefix)) return d.error(*r.get("prefix"), "bad prefix '" + *prefix + "'");
    rule.prefix = rule.text = s.text.store(*prefix);
  } else {
    std::string why;
    auto compiled = DialPattern::compile(*pattern, why);
    if (!compiled) return d.error(*r.get("pattern"), "bad pattern '" + *pattern + "': " + why);
    rule.pattern = static_cast<Index>(s.dial_patterns.size());
    s.dial_patterns.push_back(*compiled);
    rule.text = s.text.store(*pattern);
  }
  if (target) {
    if (*target == "user") rule.target = DialTarget::user;
    else if (*target == "queue") rule.target = DialTarget::queue;
    else if (*target != "none")
      return d.error(*r.get("target"), "unknown dial target '" + *target + "'" +
                                           Suggestion(*target).from({"user", "queue", "none"}).hint() +
                                           ": one of user, queue, none");
    if (pattern && rule.target != DialTarget::none)
      return d.error(*r.get("target"), "a 'target' reads the rest after a prefix: pattern rules have none");
  }
  if (!feature) return;
  if (!is_valid_id(*feature)) return d.error(*r.get("feature"), "bad feature id '" + *feature + "'");
  rule.feature_id = s.text.store(*feature);
  rule.feature = s.find_feature(rule.feature_id);
  if (rule.feature == kNoIndex) {
    Suggestion near(*feature);
    for (const Feature &f : s.features) near.consider(f.id);
    d.warn(*r.get("feature"), "feature '" + *feature + "' is in no policy" + near.hint() +
                                  ": every dial matching this rule is denied");
  } else if (s.features[rule.feature].assigns_scope) {
    d.warn(*r.get("feature"), "feature '" + *feature +
                                  "' needs a requested scope, which a dialed string cannot carry: every dial matching "
                                  "this rule is refused as a bad request");
  }
  s.dial_rules.push_back(std::move(rule));
}

void read_dial_rules(GroupReader &root, Snapshot &s, Diagnostics &d) {
  if (Setting rules = root.sequence("dial_rules"))
    for (int i = 0; i < rules->getLength(); ++i) read_dial_rule((*rules)[i], s, d);
  index_dial_rules(s);
}

void read_login(GroupReader &root, Snapshot &s, Diagnostics &d) {
  s.login_channels.fill(kAllChannels);
  Setting g = root.subgroup("login");
  if (!g) return;
  GroupReader r(*g, d, {"channels"});
  Setting per_scope = r.subgroup("channels");
  if (!per_scope) return;
  for (int i = 0; i < per_scope->getLength(); ++i) {
    Setting list = (*per_scope)[i];
    auto scope = parse_scope(list.getName() ? list.getName() : "");
    if (!scope) {
      std::string name = list.getName() ? list.getName() : "";
      d.error(list, "unknown scope '" + name + "'" + Suggestion(name).from(scope_words()).hint());
      continue;
    }
    if (!list.isArray() && !list.isList()) {
      d.error(list, "login channels are a list [ \"portal\", ... ]");
      continue;
    }
    uint8_t bits = 0;
    for (auto &[word, where] : string_items(list, d)) {
      auto channel = parse_channel(word);
      if (!channel)
        d.error(*where, "unknown channel '" + word + "'" + Suggestion(word).from(channel_words()).hint() +
                            ": one of portal, mobile_app, web_phone, attendant_console, api, sip_device");
      else
        bits |= channel_bit(*channel);
    }
    s.login_channels[static_cast<size_t>(*scope)] = bits;
  }
}

// Every *.conf in dir, in name order, so the result does not depend on the
// file system's listing order; what else is there goes to skipped (backups,
// dotfiles), for check to show.
std::vector<std::string> conf_files_in(const std::string &dir, LoadResult &result, Setting where) {
  std::vector<std::string> files;
  // Closed however this returns (an allocation below may throw).
  std::unique_ptr<DIR, int (*)(DIR *)> handle(opendir(dir.c_str()), closedir);
  if (!handle) {
    result.diagnostics.error(where, "cannot open domains_dir '" + dir + "': " + std::strerror(errno));
    return files;
  }
  while (dirent *e = readdir(handle.get())) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    bool wanted = name.size() > 5 && name.ends_with(".conf") && name[0] != '.';
    (wanted ? files : result.skipped).push_back(dir + "/" + name);
  }
  handle.reset();
  std::sort(files.begin(), files.end());
  std::sort(result.skipped.begin(), result.skipped.end());
  // SPEC 4.1: a domains_dir holding no file at all (a wrong path, a
  // provisioning run that never happened). Other files are listed by check.
  if (files.empty() && result.skipped.empty()) result.diagnostics.warn(where, "domains_dir '" + dir + "' holds no file");
  return files;
}

// Where the main file's settings say what applies to every file.
struct Strictness {
  bool permissions = true;  // strict_permissions
  bool warnings = false;    // strict_warnings
};

// Reads each domain of list. Once a domain is read nothing refers to its
// users and queues in the tree again, so they are freed at once, while
// still in cache, rather than with the whole tree at the end (a million
// users are several million settings to free).
void read_domain_list(Setting list, ConfigTree &tree, DomainLoader &loader) {
  size_t users = 0;
  for (int i = 0; i < list.getLength(); ++i)
    if (Setting domain = list[i]; domain.isGroup())
      if (Setting u = domain.member("users")) users += static_cast<size_t>(u.getLength());
  loader.expect(static_cast<size_t>(list.getLength()), users);
  for (int i = 0; i < list.getLength(); ++i) {
    Setting domain = list[i];
    loader.add_domain(domain);
    if (!domain.isGroup()) continue;
    tree.release(domain, "users");
    tree.release(domain, "queues");
  }
}

// A domains_dir file holds one domain (name, sites, users, queues at the
// top) or a `domains` list. A file that fails the trust check is not read.
void read_domain_file(const std::string &path, const std::string &include_dir, DomainLoader &loader,
                      TrustFindings &trust, const Strictness &strict, LoadResult &result) {
  Diagnostics &d = result.diagnostics;
  ConfigSource source(include_dir, trust);
  size_t findings = trust.size(), errors = d.error_count();
  bool read = source.read(path, d);
  for (const std::string &f : source.map().files()) result.files.push_back(f);
  ConfigTree cfg;
  if (!read || trust.report(strict.permissions, d, findings) || !parse_source(source, cfg, d)) {
    loader.note_failed_file(source.text());
    loader.end_source();
    return;
  }
  loader.begin_source(source.map());
  Setting root = cfg.root();
  if (root.exists("domains")) {
    GroupReader r(root, d, {"domains"});
    if (Setting list = r.sequence("domains")) read_domain_list(list, cfg, loader);
  } else {
    loader.add_domain(root);
  }
  if (d.error_count() != errors) loader.note_failed_file(source.text());
  loader.end_source();
}

void read_domains(GroupReader &root, ConfigTree &tree, const std::string &main_path, DomainLoader &loader,
                  TrustFindings &trust, const Strictness &strict, LoadResult &result) {
  if (Setting list = root.sequence("domains")) read_domain_list(list, tree, loader);
  if (auto dir = root.string("domains_dir")) {
    std::string base = directory_of(main_path);
    std::string full = (!dir->empty() && (*dir)[0] == '/') || base == "." ? *dir : base + "/" + *dir;
    for (const std::string &file : conf_files_in(full, result, *root.get("domains_dir")))
      read_domain_file(file, directory_of(main_path), loader, trust, strict, result);
  }
  loader.finish();
}

// strict_permissions (default true) and strict_warnings (default false).
// strict_permissions = false only warns: it is unsafe.
bool read_strictness(GroupReader &root, Strictness &strict, Diagnostics &d) {
  size_t errors = d.error_count();
  if (auto permissions = root.boolean("strict_permissions")) {
    strict.permissions = *permissions;
    if (!strict.permissions)
      d.warn(*root.get("strict_permissions"),
             "strict_permissions = false: config file owners and modes are not checked (unsafe outside development)");
  }
  if (auto warnings = root.boolean("strict_warnings")) strict.warnings = *warnings;
  return d.error_count() == errors;
}

// What the load did; a snapshot that was built gets its revision too.
void finish_stats(LoadResult &r, std::chrono::steady_clock::time_point started) {
  r.stats.files_read = static_cast<uint32_t>(r.files.size());
  if (r.snapshot) {
    r.snapshot->revision = content_revision(*r.snapshot);
    r.stats.domains_rebuilt = r.domains;
  }
  auto took = std::chrono::steady_clock::now() - started;
  r.stats.usec = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(took).count());
  if (r.snapshot) r.snapshot->load = r.stats;
}

LoadResult read_config(const std::string &main_path, const LoadOptions &options) {
  LoadResult result{nullptr, Diagnostics(main_path), {}, {}, 0, 0, 0, {}, ConfigPlace{main_path, 0}};
  Diagnostics &d = result.diagnostics;
  TrustFindings trust;
  ConfigSource source(directory_of(main_path), trust);
  bool read = source.read(main_path, d);
  result.files = source.map().files();
  ConfigTree cfg;
  if (!read || !parse_source(source, cfg, d)) return result;

  auto s = std::make_unique<Snapshot>();
  GroupReader root(cfg.root(), d,
                   {"version", "log", "emergency_numbers", "dial_rules", "login", "policy", "default_policy",
                    "domains_dir", "domains", "strict_permissions", "strict_warnings"});
  Strictness strict;
  if (!read_strictness(root, strict, d) || trust.report(strict.permissions, d)) return result;
  s->strict_permissions = strict.permissions;
  read_version(root, d);
  result.log_sink = ConfigPlace{main_path, 0};
  read_log(root, *s, d, result.log_sink);
  read_policy(root, *s, d);
  read_emergency(root, *s, d);
  read_dial_rules(root, *s, d);
  read_login(root, *s, d);
  DomainLoader domains(*s, d, source.map());
  read_domains(root, cfg, main_path, domains, trust, strict, result);
  if (options.strict_warnings || strict.warnings) d.make_warnings_errors();
  result.domains = static_cast<uint32_t>(s->domains.size());
  result.users = static_cast<uint32_t>(s->users.size());
  result.queues = static_cast<uint32_t>(s->queues.size());
  if (d.ok()) result.snapshot = std::move(s);
  return result;
}

}  // namespace

LoadResult load_config(const std::string &main_path, const LoadOptions &options) {
  const auto started = std::chrono::steady_clock::now();
  LoadResult result = read_config(main_path, options);
  finish_stats(result, started);
  return result;
}

}  // namespace scopegate
