#include "fuzz_support.hpp"

#include "common/words.hpp"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace sgfuzz {

namespace {

// The fixture the decision fuzzers ask. Keep the facts below in step.
constexpr const char *kFixture = R"(
version = 1;
emergency_numbers = [ "911", "933", "112" ];
dial_rules = (
  { prefix = "*33"; feature = "monitor.listen";     target = "user"; },
  { prefix = "*34"; feature = "monitor.whisper";    target = "user"; },
  { prefix = "*35"; feature = "monitor.barge";      target = "user"; },
  { prefix = "*71"; feature = "queue.agent.login";  target = "queue"; },
  { prefix = "*72"; feature = "queue.agent.logout"; target = "queue"; },
  { pattern = "_011.";        feature = "dial.international"; },
  { pattern = "_1900NXXXXXX"; feature = "dial.premium"; },
  { pattern = "_9[1-5]!";     feature = "dial.unknown"; }
);
login = { channels = { call_center_agent = [ "portal", "web_phone", "mobile_app" ]; }; };
policy = (
  { feature = "dial.international"; new = true; basic_user = "self"; office_manager = "self"; super_user = "self"; },
  { feature = "dial.premium"; new = true; office_manager = "self"; },
  { feature = "fax.send"; new = true; basic_user = "self"; office_manager = "domain"; guarded = true; }
);
domains = (
  { name = "provider.example";
    users = ( { id = "ops"; scope = "reseller"; domains = [ "acme.example", "globex.example" ]; },
              { id = "root"; scope = "super_user"; } );
  },
  { name = "acme.example";
    sites = [ "HQ", "Branch" ];
    users = (
      { id = "100"; scope = "office_manager"; },
      { id = "200"; scope = "site_manager"; site = "HQ"; },
      { id = "300"; scope = "site_manager"; site = "Branch"; },
      { id = "101"; scope = "basic_user"; site = "HQ"; },
      { id = "102"; scope = "basic_user"; site = "Branch"; },
      { id = "103"; scope = "basic_user"; site = "HQ"; enabled = false; },
      { id = "150"; scope = "call_center_supervisor"; site = "HQ";
        supervisor = { queues = [ "sales" ]; view = [ "stats_grid", "agents" ]; }; },
      { id = "151"; scope = "call_center_supervisor"; site = "Branch"; supervisor = { queues = "all"; }; },
      { id = "160"; scope = "call_center_agent"; site = "HQ"; },
      { id = "161"; scope = "call_center_agent"; site = "Branch"; },
      { id = "170"; scope = "no_portal"; site = "HQ"; },
      { id = "aa-main"; scope = "no_portal"; system = true; },
      { id = "vm-email"; scope = "basic_user"; system = true; }
    );
    queues = (
      { name = "sales"; site = "HQ"; agents = [ "160" ]; },
      { name = "support"; site = "Branch"; agents = [ "161", "151" ]; }
    );
  },
  { name = "globex.example";
    sites = [ "Main" ];
    users = ( { id = "100"; scope = "office_manager"; site = "Main"; },
              { id = "101"; scope = "basic_user"; site = "Main"; enabled = false; } );
  }
);
)";

struct FixtureUser {
  const char *id, *domain;
  bool enabled, system, no_portal;
};
constexpr FixtureUser kUsers[] = {
    {"ops", "provider.example", true, false, false},  {"root", "provider.example", true, false, false},
    {"100", "acme.example", true, false, false},      {"200", "acme.example", true, false, false},
    {"300", "acme.example", true, false, false},      {"101", "acme.example", true, false, false},
    {"102", "acme.example", true, false, false},      {"103", "acme.example", false, false, false},
    {"150", "acme.example", true, false, false},      {"151", "acme.example", true, false, false},
    {"160", "acme.example", true, false, false},      {"161", "acme.example", true, false, false},
    {"170", "acme.example", true, false, true},       {"aa-main", "acme.example", true, true, true},
    {"vm-email", "acme.example", true, true, false},  {"100", "globex.example", true, false, false},
    {"101", "globex.example", false, false, false},
};
constexpr const char *kEmergency[] = {"911", "933", "112"};


int remove_entry(const char *path, const struct stat *, int, struct FTW *) { return ::remove(path); }

}  // namespace

const sg_api &api() {
  static const sg_api *table = sg_module_api(SG_ABI_MAJOR);
  if (table == nullptr) fail("sg_module_api(SG_ABI_MAJOR) returned NULL");
  return *table;
}

void fail(const char *what, std::string_view detail) {
  std::fprintf(stderr, "FUZZ CHECK FAILED: %s%s%.*s\n", what, detail.empty() ? "" : ": ", static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

Scratch::Scratch(const char *tag) {
  std::string pattern = std::string("/tmp/sg-fuzz-") + tag + "-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) fail("mkdtemp failed");
  base_ = buf.data();
  dir_ = base_ + "/cfg";
  if (::mkdir(dir_.c_str(), 0755) != 0) fail("mkdir failed", dir_);
}

Scratch::~Scratch() { ::nftw(base_.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

std::string Scratch::write(const std::string &name, std::string_view bytes) const {
  std::string path = dir_ + "/" + name;
  std::string folder = path.substr(0, path.rfind('/'));
  ::mkdir(folder.c_str(), 0755);
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) fail("cannot write scratch file", path);
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) fail("short write", path);
  std::fclose(f);
  ::chmod(path.c_str(), 0644);
  return path;
}

void drop_log(void *, int32_t, const char *) {}

sg_handle *open_config(const std::string &path, sg_error &err) {
  sg_open_args args;
  SG_INIT(args);
  args.config_path = path.c_str();
  args.log = drop_log;
  args.log_min_level = SG_LOG_DEBUG;  // every log line is built (and dropped)
  SG_INIT(err);
  sg_handle *h = nullptr;
  int32_t rc = api().open(&args, &h, &err);
  if ((rc == 0) != (h != nullptr)) fail("open's return value and handle disagree");
  return h;
}

sg_handle *fixture() {
  static Scratch *scratch = new Scratch("fixture");  // kept for the process
  static sg_handle *handle = [] {
    sg_error err;
    sg_handle *h = open_config(scratch->write("scopegate.conf", kFixture), err);
    if (h == nullptr) fail("the fixture config does not load", err.message);
    return h;
  }();
  return handle;
}

UserFacts fixture_user(std::string_view user, std::string_view domain) {
  for (const FixtureUser &u : kUsers)
    if (user == u.id && domain == u.domain) return UserFacts{true, u.enabled, u.system, u.no_portal};
  return UserFacts{};
}

bool fixture_emergency(std::string_view destination) {
  for (const char *n : kEmergency)
    if (destination == n) return true;
  return false;
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) return false;
      ++i;
      continue;
    }
    size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (n == 0 || b > 0xf4 || i + n > s.size()) return false;
    uint32_t cp = b & (0x7f >> n);
    for (size_t k = 1; k < n; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 2) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f)) return false;
    i += n;
  }
  return true;
}

std::vector<std::string_view> fields(const uint8_t *data, size_t size, size_t max) {
  std::vector<std::string_view> out;
  std::string_view rest(reinterpret_cast<const char *>(data), size);
  while (out.size() + 1 < max) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) break;
    out.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  out.push_back(rest);
  return out;
}

sg_str as_str(const std::vector<std::string_view> &f, size_t i, bool null_with_length) {
  if (i >= f.size()) return sg_str{nullptr, 0};
  if (null_with_length && !f[i].empty()) return sg_str{nullptr, f[i].size()};
  return sg_str{f[i].data(), f[i].size()};
}

void check_decision(int32_t ret, const sg_decision &d) {
  if (ret != SG_ALLOW && ret != SG_DENY && ret != SG_ERROR) fail("a decision returned no verdict");
  if (d.verdict != ret) fail("decision.verdict differs from the return value");
  if (d.reason < 0 || d.reason > SG_REASON_INTERNAL_ERROR) fail("reason out of range");
  if (d.reason_name == nullptr || std::strcmp(d.reason_name, scopegate::kReasonWords[d.reason]) != 0)
    fail("reason_name does not name the reason");
  if (d.reason == SG_REASON_INTERNAL_ERROR) fail("internal error on a plain request (an exception escaped the engine)");
  bool allow_reason = d.reason == SG_REASON_OK || d.reason == SG_REASON_EMERGENCY;
  if ((ret == SG_ALLOW) != allow_reason) fail("allow without reason ok/emergency, or ok without allow");
  if ((ret == SG_ERROR) != (d.reason == SG_REASON_BAD_REQUEST)) fail("error verdict and bad_request disagree");
  if (d.generation > 1) fail("generation of the fixture is 1");
}

}  // namespace sgfuzz
