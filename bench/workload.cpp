#include "workload.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#ifndef SG_BENCH_DATA_DIR
#define SG_BENCH_DATA_DIR "bench-data"
#endif

namespace scopegate::bench {

namespace {

// Buffered writer that fails loudly: a half-written config would measure
// the wrong thing.
class Out {
 public:
  explicit Out(const std::string &path) : path_(path), f_(std::fopen(path.c_str(), "w")) {
    if (!f_) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~Out() {
    if (f_) std::fclose(f_);
  }
  template <class... A>
  void print(const char *fmt, A... args) {
    std::fprintf(f_, fmt, args...);
  }
  void close() {
    bool ok = std::ferror(f_) == 0;
    ok = std::fclose(f_) == 0 && ok;
    f_ = nullptr;
    if (!ok) throw std::runtime_error("error writing " + path_);
  }

 private:
  std::string path_;
  std::FILE *f_;
};

// Operator additions to the default policy for the dial rules' features.
constexpr const char *kPolicy = R"(policy = (
  { feature = "dial.national"; new = true; basic_user = "self"; call_center_agent = "self"; call_center_supervisor = "self";
    site_manager = "site"; office_manager = "domain"; reseller = "all"; super_user = "all"; },
  { feature = "dial.international"; new = true; site_manager = "site"; office_manager = "domain"; reseller = "all"; super_user = "all"; },
  { feature = "dial.premium"; new = true; office_manager = "domain"; super_user = "all"; },
  { feature = "dial.service"; new = true; basic_user = "self"; call_center_agent = "self"; call_center_supervisor = "self";
    site_manager = "site"; office_manager = "domain"; reseller = "all"; super_user = "all"; },
  { feature = "feature_codes.use"; new = true; basic_user = "self"; call_center_agent = "self"; call_center_supervisor = "self";
    site_manager = "site"; office_manager = "domain"; reseller = "all"; super_user = "all"; }
);
)";

// 10 pattern rules, after the 50 prefix rules (first match wins, so a plain
// extension or a national number is compared against every rule).
constexpr const char *kPatterns[][2] = {
    {"_011.", "dial.international"},        {"_00[1-9].", "dial.international"},
    {"_1900NXXXXXX", "dial.premium"},       {"_1976NXXXXXX", "dial.premium"},
    {"_[2-9]11", "dial.service"},           {"_*9[1-5]!", "feature_codes.use"},
    {"_8[2-9]XXXXX", "dial.national"},      {"_0[1-9]XX.", "dial.national"},
    {"_NXXNXXXXXX", "dial.national"},       {"_1NXXNXXXXXX", "dial.national"},
};

void write_dial_rules(Out &out) {
  out.print("dial_rules = (\n");
  // The shipped five, then 45 more: feature codes and blocked number ranges.
  static const char *kShipped[][3] = {{"*33", "monitor.listen", "user"},
                                      {"*34", "monitor.whisper", "user"},
                                      {"*35", "monitor.barge", "user"},
                                      {"*71", "queue.agent.login", "queue"},
                                      {"*72", "queue.agent.logout", "queue"}};
  for (auto &r : kShipped) out.print("  { prefix = \"%s\"; feature = \"%s\"; target = \"%s\"; },\n", r[0], r[1], r[2]);
  for (int i = 0; i < 35; ++i) out.print("  { prefix = \"*4%02d\"; feature = \"feature_codes.use\"; },\n", i);
  static const char *kBlocked[] = {"0900", "0190", "0137", "0180", "0700", "1900555", "1976555", "#9", "#8", "#7"};
  for (const char *p : kBlocked) out.print("  { prefix = \"%s\"; feature = \"dial.premium\"; },\n", p);
  for (size_t i = 0; i < std::size(kPatterns); ++i)
    out.print("  { pattern = \"%s\"; feature = \"%s\"; }%s\n", kPatterns[i][0], kPatterns[i][1],
              i + 1 < std::size(kPatterns) ? "," : "");
  out.print(");\n");
}

void write_user(Out &out, uint32_t i, bool last) {
  const char *scope = Workload::scope_of(i);
  std::string id = Workload::user_id(i);
  const char *site = (i == 2 || i % 2 == 1) ? "Branch" : "HQ";
  out.print("      { id = \"%s\"; scope = \"%s\"; site = \"%s\";", id.c_str(), scope, site);
  if (std::strcmp(scope, "call_center_supervisor") == 0) out.print(" supervisor = { queues = [ \"sales\" ]; };");
  if (i % 100 == 7) out.print(" system = true;");
  if (i % 100 == 8) out.print(" enabled = false;");
  out.print(" }%s\n", last ? "" : ",");
}

void write_queue(Out &out, const char *name, const char *site, uint32_t n, uint32_t agent_rest, bool last) {
  out.print("      { name = \"%s\"; site = \"%s\"; agents = [", name, site);
  bool first = true;
  for (uint32_t i = 3; i < n; ++i) {
    if (i % 10 != agent_rest || std::strcmp(Workload::scope_of(i), "call_center_agent") != 0) continue;
    out.print("%s\"%s\"", first ? " " : ", ", Workload::user_id(i).c_str());
    first = false;
  }
  out.print(" ]; }%s\n", last ? "" : ",");
}

void write_domain(Out &out, uint32_t d, uint32_t n, bool last) {
  out.print("  { name = \"%s\";\n    sites = [ \"HQ\", \"Branch\" ];\n    users = (\n", Workload::domain_name(d).c_str());
  for (uint32_t i = 0; i < n; ++i) write_user(out, i, i + 1 == n);
  out.print("    );\n    queues = (\n");
  write_queue(out, "sales", "HQ", n, 4, false);
  write_queue(out, "support", "Branch", n, 5, true);
  out.print("    );\n  }%s\n", last ? "" : ",");
}

bool exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && st.st_size > 0;
}

void make_dirs(const std::string &path) {
  for (size_t i = 1; i <= path.size(); ++i)
    if (i == path.size() || path[i] == '/') ::mkdir(path.substr(0, i).c_str(), 0755);
}

std::string data_dir(const Workload &w) {
  const char *env = std::getenv("SG_BENCH_DATA");
  std::string base = env && *env ? env : SG_BENCH_DATA_DIR;
  // The config language of 1.1 (new = true): configs generated before are
  // not reused.
  std::string dir = base + "/lang1.1-u" + std::to_string(w.users) + "-d" + std::to_string(w.domains);
  make_dirs(dir);
  return dir;
}

// Written under a temporary name and renamed, so an interrupted run never
// leaves a truncated file that a later run would trust.
template <class Write>
std::string ensure(const std::string &path, Write write) {
  if (exists(path)) return path;
  std::string tmp = path + ".tmp." + std::to_string(::getpid());  // parallel runs never share one
  write(tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp);
  return path;
}

}  // namespace

std::string Workload::domain_name(uint32_t d) { return "customer" + std::to_string(d) + ".example"; }

std::string Workload::user_id(uint32_t i) { return std::to_string(1000 + i); }

const char *Workload::scope_of(uint32_t i) {
  if (i == 0) return "office_manager";
  if (i <= 2) return "site_manager";
  if (i % 50 == 3) return "call_center_supervisor";
  if (i % 10 == 4 || i % 10 == 5) return "call_center_agent";
  if (i % 100 == 6 || i % 100 == 7) return "no_portal";
  return "basic_user";
}

namespace {

// Everything but the customer domains: version, log, policy, dial rules and
// the head of the domains list with the provider domain.
void write_head(Out &out, const Workload &w) {
  out.print("# Generated by sg_bench_genconf: %u users in %u domains.\nversion = 1;\n", w.users_per_domain() * w.domains,
            w.domains);
  out.print("log = { level = \"warn\"; sink = \"stderr\"; };\n");
  out.print("%s", kPolicy);
  write_dial_rules(out);
  out.print("domains = (\n");
  out.print("  { name = \"provider.example\";\n    users = (\n      { id = \"ops\"; scope = \"reseller\"; domains = [");
  for (uint32_t d = 0; d < w.domains && d < 10; ++d)
    out.print("%s\"%s\"", d ? ", " : " ", Workload::domain_name(d).c_str());
  out.print(" ]; },\n      { id = \"root\"; scope = \"super_user\"; }\n    );\n  }");
}

}  // namespace

void Workload::write_config(const std::string &path) const {
  Out out(path);
  write_head(out, *this);
  out.print(",\n");
  for (uint32_t d = 0; d < domains; ++d) write_domain(out, d, users_per_domain(), d + 1 == domains);
  out.print(");\n");
  out.close();
}

void Workload::write_split_config(const std::string &dir) const {
  make_dirs(dir + "/domains.d");
  for (uint32_t d = 0; d < domains; ++d) {
    Out out(dir + "/domains.d/" + domain_name(d) + ".conf");
    out.print("domains = (\n");
    write_domain(out, d, users_per_domain(), true);
    out.print(");\n");
    out.close();
  }
  // The main file last, under a temporary name: it marks the tree complete.
  std::string main = dir + "/scopegate.conf", tmp = main + ".tmp." + std::to_string(::getpid());
  Out out(tmp);
  write_head(out, *this);
  out.print("\n);\ndomains_dir = \"domains.d\";\n");
  out.close();
  if (std::rename(tmp.c_str(), main.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp);
}

void Workload::write_requests(const std::string &path, uint32_t lines) const {
  Out out(path);
  uint32_t n = users_per_domain();
  uint64_t x = 88172645463325252ull;  // xorshift: the same file every time
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  static const char *kChannels[] = {"portal", "mobile_app", "web_phone", "api", "sip_device"};
  static const char *kFeatures[] = {"users.view", "extension.settings.edit", "call_history.view", "voicemail.manage"};
  for (uint32_t l = 0; l < lines; ++l) {
    uint64_t r = next();
    uint32_t d = static_cast<uint32_t>(r % domains), i = static_cast<uint32_t>((r >> 20) % n);
    uint32_t j = static_cast<uint32_t>((r >> 40) % n);
    std::string actor = user_id(i) + "@" + domain_name(d);
    switch (l % 6) {
      case 0: out.print("login %s %s\n", actor.c_str(), kChannels[(r >> 8) % 5]); break;
      case 1:
      case 2: out.print("feature %s %s user:%s\n", actor.c_str(), kFeatures[(r >> 8) % 4], user_id(j).c_str()); break;
      case 3: out.print("dial %s *33%s\n", actor.c_str(), user_id(j).c_str()); break;
      case 4: out.print("dial %s 1212555%04u\n", actor.c_str(), static_cast<unsigned>(r % 10000)); break;
      default: out.print("dial %s %s\n", actor.c_str(), user_id(j).c_str()); break;
    }
  }
  out.close();
}

std::string ensure_config(const Workload &w) {
  return ensure(data_dir(w) + "/scopegate.conf", [&](const std::string &p) { w.write_config(p); });
}

std::string ensure_split_config(const Workload &w) {
  std::string dir = data_dir(w) + "/split", main = dir + "/scopegate.conf";
  if (!exists(main)) w.write_split_config(dir);
  return main;
}

std::string ensure_requests(const Workload &w, uint32_t lines) {
  return ensure(data_dir(w) + "/requests-" + std::to_string(lines) + ".txt",
                [&](const std::string &p) { w.write_requests(p, lines); });
}

uint32_t env_number(const char *name, uint32_t fallback) {
  const char *v = std::getenv(name);
  return v && *v ? static_cast<uint32_t>(std::strtoul(v, nullptr, 10)) : fallback;
}

Workload workload_from_env(uint32_t default_users, uint32_t default_domains) {
  Workload w;
  w.users = env_number("SG_BENCH_USERS", default_users);
  w.domains = env_number("SG_BENCH_DOMAINS", default_domains);
  if (w.domains == 0) w.domains = 1;
  if (w.users < w.domains * 3) w.users = w.domains * 3;  // an office manager and two site managers each
  w.users -= w.users % w.domains;
  return w;
}

}  // namespace scopegate::bench
