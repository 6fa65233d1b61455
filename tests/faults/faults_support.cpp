#include "faults_support.hpp"

#include <dlfcn.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sgfault {

namespace {

int remove_entry(const char *path, const struct stat *, int, struct FTW *) { return ::remove(path); }

std::string words(const sg_decision &d) {
  int32_t verdict = d.verdict;
  const char *v = verdict == SG_ALLOW ? "allow" : verdict == SG_DENY ? "deny" : verdict == SG_ERROR ? "error" : "?";
  return std::string(v) + " " + (d.reason_name ? d.reason_name : "(null)");
}

}  // namespace

const sg_api &load_api(const char *path) {
  void *so = ::dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (so == nullptr) {
    std::fprintf(stderr, "dlopen %s: %s\n", path, ::dlerror());
    std::abort();
  }
  void *sym = ::dlsym(so, SG_MODULE_API_SYMBOL);
  sg_module_api_fn get = nullptr;
  std::memcpy(&get, &sym, sizeof get);
  const sg_api *table = get ? get(SG_ABI_MAJOR) : nullptr;
  if (table == nullptr) {
    std::fprintf(stderr, "%s: no sg_module_api table\n", path);
    std::abort();
  }
  return *table;
}

TempDir::TempDir() {
  char pattern[] = "/tmp/sg-faults-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) std::abort();
  path_ = pattern;
  ::chmod(path_.c_str(), 0755);  // others (a test's unprivileged child) may enter
}

TempDir::~TempDir() { ::nftw(path_.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

std::string TempDir::write(const std::string &name, std::string_view text) const {
  std::string full = file(name);
  std::string folder = full.substr(0, full.rfind('/'));
  ::mkdir(folder.c_str(), 0755);
  std::string tmp = folder + "/.tmp-write";
  std::FILE *f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), f) != text.size()) std::abort();
  std::fclose(f);
  ::chmod(tmp.c_str(), 0644);
  if (::rename(tmp.c_str(), full.c_str()) != 0) std::abort();
  return full;
}

const char *ConfigTree::main_text() {
  return "version = 1;\n"
         "@include \"inc.conf\"\n"
         "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n"
         "domains_dir = \"domains.d\";\n";
}

const char *ConfigTree::include_text() { return "emergency_numbers = [ \"911\", \"112\" ];\n"; }

const char *ConfigTree::domain_text() {
  return "name = \"acme.example\";\n"
         "sites = [ \"HQ\" ];\n"
         "users = (\n"
         "  { id = \"100\"; scope = \"office_manager\"; },\n"
         "  { id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; },\n"
         "  { id = \"103\"; scope = \"basic_user\"; enabled = false; },\n"
         "  { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\"; supervisor = { queues = [ \"sales\" ]; }; },\n"
         "  { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; }\n"
         ");\n"
         "queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\" ]; } );\n";
}

const char *ConfigTree::domain_text_101_disabled() {
  static const std::string text = [] {
    std::string t = domain_text();
    std::string from = "{ id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; }";
    t.replace(t.find(from), from.size(), "{ id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; enabled = false; }");
    return t;
  }();
  return text.c_str();
}

ConfigTree::ConfigTree(const TempDir &dir)
    : main(dir.write("scopegate.conf", main_text())),
      include(dir.write("inc.conf", include_text())),
      domain(dir.write("domains.d/acme.example.conf", domain_text())) {}

void LogCapture::callback(void *user, int32_t level, const char *msg) {
  if (user == nullptr) return;
  auto *self = static_cast<LogCapture *>(user);
  std::lock_guard lock(self->lock_);
  self->lines_.emplace_back(level, msg);
}

std::vector<std::pair<int32_t, std::string>> LogCapture::lines() const {
  std::lock_guard lock(lock_);
  return lines_;
}

bool LogCapture::contains(std::string_view text) const {
  std::lock_guard lock(lock_);
  for (auto &l : lines_)
    if (l.second.find(text) != std::string::npos) return true;
  return false;
}

sg_handle *open_config(const std::string &path, sg_error &err, LogCapture *capture, const sg_api &table) {
  sg_open_args args;
  SG_INIT(args);
  args.config_path = path.c_str();
  args.log = LogCapture::callback;
  args.log_user = capture;
  args.log_min_level = SG_LOG_WARN;
  SG_INIT(err);
  sg_handle *h = nullptr;
  if (table.open(&args, &h, &err) != 0) return nullptr;
  return h;
}

namespace {

// The decisions themselves allocate nothing, so neither do these: the fork
// test calls them in threads that run while the process forks.
sg_decision decide_login(sg_handle *h, const char *user, const char *domain, int32_t channel, const sg_api &table) {
  sg_login_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = sg_cstr(domain);
  r.channel = channel;
  sg_decision d;
  SG_INIT(d);
  table.login(h, &r, &d);
  return d;
}

sg_decision decide_dial(sg_handle *h, const char *user, const char *domain, const char *destination,
                        const sg_api &table) {
  sg_dial_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = sg_cstr(domain);
  r.destination = sg_cstr(destination);
  sg_decision d;
  SG_INIT(d);
  table.dial(h, &r, &d);
  return d;
}

sg_decision decide_feature(sg_handle *h, const char *user, const char *domain, const char *feature_id, int32_t kind,
                           const char *id, const sg_api &table) {
  sg_feature_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = sg_cstr(domain);
  r.feature = sg_cstr(feature_id);
  r.target.kind = kind;
  r.target.id = sg_cstr(id);
  sg_decision d;
  SG_INIT(d);
  table.feature(h, &r, &d);
  return d;
}

std::array<sg_decision, kAnswerCount> decide_fixed_set(sg_handle *h, const sg_api &table) {
  return {
      decide_login(h, "101", "acme.example", SG_CHANNEL_PORTAL, table),
      decide_login(h, "103", "acme.example", SG_CHANNEL_PORTAL, table),
      decide_login(h, "nobody", "acme.example", SG_CHANNEL_PORTAL, table),
      decide_dial(h, "101", "acme.example", "911", table),
      decide_dial(h, "101", "acme.example", "112", table),
      decide_dial(h, "150", "acme.example", "*33160", table),
      decide_dial(h, "101", "acme.example", "*33160", table),
      decide_feature(h, "100", "acme.example", "users.edit", SG_TARGET_USER, "101", table),
      decide_feature(h, "101", "acme.example", "users.edit", SG_TARGET_USER, "100", table),
      decide_feature(h, "101", "acme.example", "extension.settings.view", SG_TARGET_NONE, nullptr, table),
  };
}

}  // namespace

std::string login(sg_handle *h, const char *user, const char *domain, int32_t channel, const sg_api &table) {
  sg_decision d = decide_login(h, user, domain, channel, table);
  return words(d);
}

std::string dial(sg_handle *h, const char *user, const char *domain, const char *destination, const sg_api &table) {
  sg_decision d = decide_dial(h, user, domain, destination, table);
  return words(d);
}

std::string feature(sg_handle *h, const char *user, const char *domain, const char *feature_id, int32_t kind,
                    const char *id, const sg_api &table) {
  sg_decision d = decide_feature(h, user, domain, feature_id, kind, id, table);
  return words(d);
}

std::vector<std::string> answers(sg_handle *h, const sg_api &table) {
  std::vector<std::string> out;
  for (const sg_decision &d : decide_fixed_set(h, table)) out.push_back(words(d));
  return out;
}

Verdicts verdicts(sg_handle *h, const sg_api &table) {
  Verdicts out{};
  auto decisions = decide_fixed_set(h, table);
  for (size_t i = 0; i < kAnswerCount; ++i) out[i] = {decisions[i].verdict, decisions[i].reason};
  return out;
}

uint64_t generation(sg_handle *h, const sg_api &table) {
  sg_info info;
  SG_INIT(info);
  if (table.info(h, &info) != 0) return UINT64_MAX;
  return info.generation;
}

}  // namespace sgfault
