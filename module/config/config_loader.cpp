#include "config/config_loader.hpp"

#include <dirent.h>

#include <algorithm>
#include <memory>

#include "config/domain_loader.hpp"
#include "config/file_trust.hpp"
#include "config/policy_loader.hpp"

namespace scopegate {

using libconfig::Setting;

namespace {

constexpr const char *kDefaultEmergency[] = {"911", "933", "112"};

void read_version(GroupReader &root, Diagnostics &d) {
  auto version = root.integer("version");
  if (version && *version != 1) d.error(*root.get("version"), "unsupported version " + std::to_string(*version) + " (this module reads version 1)");
}

void read_log(GroupReader &root, Snapshot &s, Diagnostics &d) {
  const Setting *g = root.subgroup("log");
  if (!g) return;
  GroupReader r(*g, d, {"level", "sink", "audit"});
  if (auto level = r.string("level")) {
    static constexpr const char *kLevels[] = {"debug", "info", "warn", "error"};
    auto it = std::find_if(std::begin(kLevels), std::end(kLevels), [&](const char *l) { return *level == l; });
    if (it == std::end(kLevels))
      d.error(*r.get("level"), "unknown log level '" + *level + "' (debug, info, warn, error)");
    else
      s.log.level = static_cast<int>(it - std::begin(kLevels));
  }
  if (auto sink = r.string("sink")) {
    bool ok = *sink == "syslog" || *sink == "stderr" || *sink == "host" || (sink->starts_with("file:") && sink->size() > 5);
    if (!ok)
      d.error(*r.get("sink"), "unknown log sink '" + *sink + "' (syslog, stderr, file:/path, host)");
    else
      s.log.sink = *sink;
  }
  if (auto audit = r.boolean("audit")) s.log.audit = *audit;
}

void read_policy(GroupReader &root, Snapshot &s, Diagnostics &d) {
  PolicyTable table = default_policy();
  if (const Setting *copy = root.get("default_policy")) {
    // The installed policy.conf is included for reading; edits to it are
    // not applied (the built-in table decides), but they are pointed out.
    PolicyTable edited = default_policy();
    edited.apply(*copy, d);
    if (!edited.same_grants(table))
      d.warn(*copy, "differs from the built-in default policy; edits there change nothing (use 'policy' entries)");
  }
  if (const Setting *policy = root.get("policy")) table.apply(*policy, d, true);

  s.features.reserve(table.features().size());
  s.grant_where.reserve(table.features().size());
  for (const FeatureDraft &f : table.features()) {
    Feature out{s.text.store(f.id), f.grant, f.view, f.targets, f.guarded.value_or(guarded_by_default(f.id)),
                f.id == "scope.assign"};
    auto index = static_cast<Index>(s.features.size());
    s.features.push_back(out);
    auto &where = s.grant_where.emplace_back();
    for (size_t i = 0; i < where.size(); ++i) where[i] = f.where[i].empty() ? std::string_view() : s.text.store(f.where[i]);
    s.feature_index.insert(
        hash_bytes(out.id), index, [](uint32_t) { return false; },
        [&](uint32_t i) { return hash_bytes(s.features[i].id); });
  }
}

void read_emergency(GroupReader &root, Snapshot &s, Diagnostics &d) {
  const Setting *list = root.sequence("emergency_numbers");
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

void read_dial_rule(const Setting &g, Snapshot &s, Diagnostics &d) {
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
    else if (*target != "none") return d.error(*r.get("target"), "unknown dial target '" + *target + "' (user, queue, none)");
    if (pattern && rule.target != DialTarget::none)
      return d.error(*r.get("target"), "a 'target' reads the rest after a prefix: pattern rules have none");
  }
  if (!feature) return;
  if (!is_valid_id(*feature)) return d.error(*r.get("feature"), "bad feature id '" + *feature + "'");
  rule.feature_id = s.text.store(*feature);
  rule.feature = s.find_feature(rule.feature_id);
  if (rule.feature == kNoIndex)
    d.warn(*r.get("feature"), "feature '" + *feature + "' is in no policy: every dial matching this rule is denied");
  else if (s.features[rule.feature].assigns_scope)
    d.warn(*r.get("feature"), "feature '" + *feature +
                                  "' needs a requested scope, which a dialed string cannot carry: every dial matching "
                                  "this rule is refused as a bad request");
  s.dial_rules.push_back(std::move(rule));
}

void read_dial_rules(GroupReader &root, Snapshot &s, Diagnostics &d) {
  if (const Setting *rules = root.sequence("dial_rules"))
    for (int i = 0; i < rules->getLength(); ++i) read_dial_rule((*rules)[i], s, d);
  index_dial_rules(s);
}

void read_login(GroupReader &root, Snapshot &s, Diagnostics &d) {
  s.login_channels.fill(kAllChannels);
  const Setting *g = root.subgroup("login");
  if (!g) return;
  GroupReader r(*g, d, {"channels"});
  const Setting *per_scope = r.subgroup("channels");
  if (!per_scope) return;
  for (int i = 0; i < per_scope->getLength(); ++i) {
    const Setting &list = (*per_scope)[i];
    auto scope = parse_scope(list.getName() ? list.getName() : "");
    if (!scope) {
      d.error(list, std::string("unknown scope '") + (list.getName() ? list.getName() : "") + "'");
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
        d.error(*where, "unknown channel '" + word + "' (portal, mobile_app, web_phone, attendant_console, api, sip_device)");
      else
        bits |= channel_bit(*channel);
    }
    s.login_channels[static_cast<size_t>(*scope)] = bits;
  }
}

// Every *.conf in dir, in name order, so the result does not depend on the
// file system's listing order.
std::vector<std::string> conf_files_in(const std::string &dir, Diagnostics &d, const Setting &where) {
  std::vector<std::string> files;
  // Closed however this returns (an allocation below may throw).
  std::unique_ptr<DIR, int (*)(DIR *)> handle(opendir(dir.c_str()), closedir);
  if (!handle) {
    d.error(where, "cannot open domains_dir '" + dir + "'");
    return files;
  }
  while (dirent *e = readdir(handle.get())) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.ends_with(".conf") && name[0] != '.') files.push_back(dir + "/" + name);
  }
  handle.reset();
  std::sort(files.begin(), files.end());
  return files;
}

// A domains_dir file holds one domain (name, sites, users, queues at the
// top) or a `domains` list. A file that fails the trust check is not read.
void read_domain_file(const std::string &path, DomainLoader &loader, FileTrust &trust, Diagnostics &d) {
  libconfig::Config cfg;
  if (!trust.check_readable(path, directory_of(path), d) || !read_config_file(path, cfg, d)) return;
  size_t errors = d.errors().size();
  trust.check_config(path, directory_of(path), cfg, d);
  if (d.errors().size() != errors) return;
  const Setting &root = cfg.getRoot();
  if (root.exists("domains")) {
    GroupReader r(root, d, {"domains"});
    if (const Setting *list = r.sequence("domains"))
      for (int i = 0; i < list->getLength(); ++i) loader.add_domain((*list)[i]);
  } else {
    loader.add_domain(root);
  }
}

void read_domains(GroupReader &root, const std::string &main_path, DomainLoader &loader, FileTrust &trust,
                  Diagnostics &d) {
  if (const Setting *list = root.sequence("domains"))
    for (int i = 0; i < list->getLength(); ++i) loader.add_domain((*list)[i]);
  if (auto dir = root.string("domains_dir")) {
    std::string full = (!dir->empty() && (*dir)[0] == '/') ? *dir : directory_of(main_path) + "/" + *dir;
    for (const std::string &file : conf_files_in(full, d, *root.get("domains_dir"))) read_domain_file(file, loader, trust, d);
  }
  loader.finish();
}

// strict_permissions (default true): the main file and its includes must be
// trusted before anything else is read. false only warns: it is unsafe.
bool read_trust(const libconfig::Config &cfg, const std::string &main_path, FileTrust &trust, Diagnostics &d) {
  if (cfg.getRoot().exists("strict_permissions")) {
    const Setting &strict = cfg.getRoot()["strict_permissions"];
    if (strict.getType() != Setting::TypeBoolean) {
      d.error(strict, "'strict_permissions' must be true or false");
      return false;
    }
    trust.set_strict(static_cast<bool>(strict));
    if (!trust.strict())
      d.warn(strict, "strict_permissions = false: config file owners and modes are not checked (unsafe outside development)");
  }
  size_t errors = d.errors().size();
  trust.check_config(main_path, directory_of(main_path), cfg, d);
  return d.errors().size() == errors;
}

}  // namespace

LoadResult load_config(const std::string &main_path) {
  LoadResult result{nullptr, Diagnostics(main_path)};
  Diagnostics &d = result.diagnostics;
  libconfig::Config cfg;
  FileTrust trust;
  if (!trust.check_readable(main_path, directory_of(main_path), d) || !read_config_file(main_path, cfg, d)) return result;

  if (!read_trust(cfg, main_path, trust, d)) return result;

  auto s = std::make_unique<Snapshot>();
  s->strict_permissions = trust.strict();
  GroupReader root(cfg.getRoot(), d,
                   {"version", "log", "emergency_numbers", "dial_rules", "login", "policy", "default_policy",
                    "domains_dir", "domains", "strict_permissions"});
  read_version(root, d);
  read_log(root, *s, d);
  read_policy(root, *s, d);
  read_emergency(root, *s, d);
  read_dial_rules(root, *s, d);
  read_login(root, *s, d);
  DomainLoader domains(*s, d);
  read_domains(root, main_path, domains, trust, d);
  if (d.ok()) result.snapshot = std::move(s);
  return result;
}

}  // namespace scopegate
