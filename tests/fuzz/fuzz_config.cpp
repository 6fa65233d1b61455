// The config loader fed arbitrary bytes as the main config file, through the
// module's real open/reload/info/dump/close entry points.
//
// The bytes are written to a scratch folder that also holds an include file
// (inc.conf, policy.conf) and a domains_dir (domains.d/), so @include and
// domains_dir have something to find. They stay inside the scratch folder:
// libconfig 1.5 puts the include directory before every @include name, and
// every '/' of the input (and the escape \x2f) is replaced, so no path the
// config names can leave <scratch>/cfg or its parent, which holds only cfg.
//
// Checks: open never fails with an internal error (an exception on bad
// input is a bug) and always says why it failed; a config that opened
// reloads again unchanged; its decisions answer without error.
#include <cstring>
#include <string>

#include "fuzz_support.hpp"

using namespace sgfuzz;

namespace {

constexpr const char *kInclude = "emergency_numbers = [ \"911\", \"112\" ];\n";
constexpr const char *kPolicy =
    "policy = ( { feature = \"fax.send\"; new = true; basic_user = \"self\"; office_manager = \"domain\"; } );\n";
constexpr const char *kDomain =
    "name = \"globex.example\";\nsites = [ \"Main\" ];\n"
    "users = ( { id = \"100\"; scope = \"office_manager\"; site = \"Main\"; },\n"
    "          { id = \"101\"; scope = \"basic_user\"; site = \"Main\"; } );\n"
    "queues = ( { name = \"q\"; site = \"Main\"; agents = [ \"101\" ]; } );\n";

const Scratch &scratch() {
  static Scratch *s = [] {
    auto *made = new Scratch("config");
    made->write("inc.conf", kInclude);
    made->write("policy.conf", kPolicy);
    made->write("domains.d/globex.example.conf", kDomain);
    return made;
  }();
  return *s;
}

// The input with every way to name a path outside the scratch folder taken out.
std::string confined(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  for (char &ch : text)
    if (ch == '/') ch = '_';
  for (size_t i = 0; i + 3 < text.size(); ++i)
    if (text[i] == '\\' && (text[i + 1] == 'x' || text[i + 1] == 'X') && text[i + 2] == '2' &&
        (text[i + 3] == 'f' || text[i + 3] == 'F'))
      text[i + 1] = '_';
  return text;
}

void decide_some(sg_handle *h) {
  static constexpr const char *kUsers[][2] = {{"100", "globex.example"}, {"101", "globex.example"}, {"x", "y"}};
  for (auto &u : kUsers) {
    sg_login_req lr;
    SG_INIT(lr);
    lr.user = sg_cstr(u[0]);
    lr.domain = sg_cstr(u[1]);
    lr.channel = SG_CHANNEL_PORTAL;
    sg_decision d;
    SG_INIT(d);
    if (api().login(h, &lr, &d) == SG_ERROR) fail("a well-formed login was answered with an error");

    sg_dial_req dr;
    SG_INIT(dr);
    dr.user = lr.user;
    dr.domain = lr.domain;
    dr.destination = SG_STR("*33101");
    if (api().dial(h, &dr, &d) == SG_ERROR) fail("a well-formed dial was answered with an error");

    sg_feature_req fr;
    SG_INIT(fr);
    fr.user = lr.user;
    fr.domain = lr.domain;
    fr.feature = SG_STR("users.edit");
    fr.target.kind = SG_TARGET_USER;
    fr.target.id = SG_STR("101");
    char explain[256];
    d.explain = explain;
    d.explain_cap = sizeof explain;
    fr.flags = SG_REQ_EXPLAIN;
    if (api().feature(h, &fr, &d) == SG_ERROR) fail("a well-formed feature request was answered with an error");
  }
}

void count_line(void *user, const char *, size_t) { ++*static_cast<size_t *>(user); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const Scratch &s = scratch();
  std::string path = s.write("scopegate.conf", confined(data, size));
  sg_error err;
  sg_handle *h = open_config(path, err);
  if (h == nullptr) {
    if (err.code == -3) fail("open failed with an internal error", err.message);
    if (err.code != -1 || err.message[0] == '\0') fail("a failed open did not say why");
    return 0;
  }
  decide_some(h);
  sg_info info;
  SG_INIT(info);
  if (api().info(h, &info) != 0 || info.generation != 1 || info.last_reload_ok != 1) fail("info after open is wrong");
  size_t lines = 0;
  if (api().dump(h, sg_str{nullptr, 0}, count_line, &lines) != 0 || lines == 0) fail("dump of a loaded config failed");
  if (api().reload(h, &err) != 0) fail("the same config did not reload", err.message);
  if (api().info(h, &info) != 0 || info.generation != 2) fail("generation after reload is not 2");
  decide_some(h);
  api().close(h);
  return 0;
}
