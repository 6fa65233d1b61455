// Login decisions (SPEC 2.1) with arbitrary fields, through the module's real
// C entry point, against the fixture config.
//
// Input: a control byte (fuzz_support.hpp: channel in bits 0-2, explain,
// newer/older host, NULL pointer), then "USER\nDOMAIN".
#include <cstring>

#include "fuzz_support.hpp"

using namespace sgfuzz;

namespace {

// What SPEC 2.1 and section 5 say about any answer, from the fixture's facts.
void check_login(const Control &c, std::string_view user, std::string_view domain, int32_t ret, const sg_decision &d) {
  bool channel_ok = c.small_value >= SG_CHANNEL_PORTAL && c.small_value <= SG_CHANNEL_SIP_DEVICE;
  bool user_ok = valid_id(user) && !(c.null_with_length && !user.empty());
  if (c.older_host || !channel_ok || !user_ok || !valid_id(domain)) {
    if (ret != SG_ERROR) fail("a malformed login request was not answered bad_request");
    return;
  }
  if (ret == SG_ERROR) fail("a well-formed login request was answered with an error");
  UserFacts u = fixture_user(user, domain);
  if (!u.known && d.reason != SG_REASON_UNKNOWN_USER) fail("an unknown user was not denied unknown_user");
  if (u.known && !u.enabled && d.reason != SG_REASON_DISABLED_USER) fail("a disabled user was not denied disabled_user");
  if (u.known && u.enabled && u.system && d.reason != SG_REASON_SYSTEM_USER) fail("a system user logged in");
  if (ret == SG_ALLOW && u.no_portal && c.small_value != SG_CHANNEL_SIP_DEVICE)
    fail("a no_portal user logged in on an interactive channel");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  Control c(data[0]);
  auto f = fields(data + 1, size - 1, 2);
  sg_handle *h = fixture();

  Padded<sg_login_req> p;
  std::memset(&p, 0xa5, sizeof p);
  SG_INIT(p.req);
  if (c.newer_host) p.req.struct_size = sizeof p;
  if (c.older_host) p.req.struct_size = sizeof p.req - 1;
  p.req.user = as_str(f, 0, c.null_with_length);
  p.req.domain = as_str(f, 1);
  p.req.channel = c.small_value;
  auto decide = [&](uint32_t flags, sg_decision &d) {
    p.req.flags = flags;
    return api().login(h, &p.req, &d);
  };

  sg_decision d;
  SG_INIT(d);
  int32_t ret = decide(0, d);
  check_decision(ret, d);
  check_login(c, f.size() > 0 ? f[0] : std::string_view{}, f.size() > 1 ? f[1] : std::string_view{}, ret, d);
  sg_decision again;
  SG_INIT(again);
  if (decide(0, again) != ret || again.reason != d.reason) fail("the same login was answered differently");
  if (c.explain && !c.older_host) check_explain_consistent(ret, d, decide);
  return 0;
}
