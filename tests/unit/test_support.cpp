#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace scopegate::test {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  std::string tmpl = (fs::temp_directory_path() / "sg-unit-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ScratchDir::write(const std::string &name, const std::string &text) const {
  fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  chmod(p.c_str(), 0644);
  return p.string();
}

LoadResult load_text(const ScratchDir &dir, const std::string &text) {
  return load_config(dir.write("scopegate.conf", text));
}

std::string errors_of(const LoadResult &r) {
  std::string out;
  for (const auto &e : r.diagnostics.errors()) out += e.str() + "\n";
  return out;
}

std::unique_ptr<Snapshot> must_load(const std::string &text) {
  ScratchDir dir;
  LoadResult r = load_text(dir, text);
  EXPECT_TRUE(r.snapshot) << errors_of(r);
  if (!r.snapshot) throw std::runtime_error("config did not load");
  return std::move(r.snapshot);
}

const char *const kModelConfig = R"(
version = 1;
dial_rules = (
  { prefix = "*33"; feature = "monitor.listen"; target = "user"; },
  { prefix = "*71"; feature = "queue.agent.login"; target = "queue"; },
  { prefix = "*72"; feature = "queue.agent.logout"; target = "queue"; },
  { pattern = "_011."; feature = "dial.international"; },
  { prefix = "9"; feature = "dial.outside"; }
);
policy = ( { feature = "dial.international"; new = true; basic_user = "self"; office_manager = "self"; } );
domains = (
  { name = "provider.example";
    users = ( { id = "ops"; scope = "reseller"; domains = [ "acme.example" ]; },
              { id = "root"; scope = "super_user"; },
              { id = "root2"; scope = "super_user"; } ); },
  { name = "acme.example";
    sites = [ "HQ", "Branch" ];
    users = (
      { id = "100"; scope = "office_manager"; },
      { id = "101"; scope = "basic_user"; site = "HQ"; },
      { id = "102"; scope = "basic_user"; site = "Branch"; },
      { id = "103"; scope = "basic_user"; site = "HQ"; enabled = false; },
      { id = "104"; scope = "basic_user"; },
      { id = "110"; scope = "office_manager"; },
      { id = "150"; scope = "call_center_supervisor"; site = "HQ";
        supervisor = { queues = [ "sales" ]; view = [ "stats_grid", "agents" ]; }; },
      { id = "151"; scope = "call_center_supervisor"; site = "Branch"; supervisor = { queues = "all"; }; },
      { id = "152"; scope = "call_center_supervisor"; site = "HQ"; supervisor = { queues = [ "support" ]; }; },
      { id = "160"; scope = "call_center_agent"; site = "HQ"; },
      { id = "161"; scope = "call_center_agent"; site = "Branch"; },
      { id = "170"; scope = "no_portal"; site = "HQ"; },
      { id = "200"; scope = "site_manager"; site = "HQ"; },
      { id = "201"; scope = "site_manager"; site = "HQ"; },
      { id = "aa"; scope = "no_portal"; system = true; },
      { id = "vm"; scope = "basic_user"; system = true; }
    );
    queues = ( { name = "sales"; site = "HQ"; agents = [ "160", "152" ]; },
               { name = "support"; site = "Branch"; agents = [ "161" ]; } ); },
  { name = "other.example";
    sites = [ "HQ" ];
    users = ( { id = "100"; scope = "office_manager"; }, { id = "101"; scope = "basic_user"; site = "HQ"; } ); }
);
)";

namespace {
std::pair<std::string_view, std::string_view> split(const std::string &user_at_domain) {
  auto at = user_at_domain.rfind('@');
  std::string_view all = user_at_domain;
  return {all.substr(0, at), all.substr(at + 1)};
}
}  // namespace

Outcome login(const Snapshot &s, const std::string &who, Channel c) {
  auto [user, domain] = split(who);
  return decide_login(s, LoginRequest{user, domain, c});
}

Outcome dial(const Snapshot &s, const std::string &who, const std::string &destination) {
  auto [user, domain] = split(who);
  return decide_dial(s, DialRequest{user, domain, destination});
}

Outcome feature(const Snapshot &s, const std::string &who, const std::string &feature, TargetRef target) {
  auto [user, domain] = split(who);
  return decide_feature(s, FeatureRequest{user, domain, feature, target});
}

TargetRef user_target(std::string_view id, std::string_view domain) {
  TargetRef t;
  t.kind = TargetKind::user;
  t.id = id;
  t.domain = domain;
  return t;
}

TargetRef queue_target(std::string_view name, std::string_view domain) {
  TargetRef t;
  t.kind = TargetKind::queue;
  t.id = name;
  t.domain = domain;
  return t;
}

}  // namespace scopegate::test
