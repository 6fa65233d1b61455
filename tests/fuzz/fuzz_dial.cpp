// Dialplan decisions (SPEC 2.3) with arbitrary fields, through the module's
// real C entry point, against the fixture config.
//
// Input: a control byte (fuzz_support.hpp), then "USER\nDOMAIN\nDESTINATION".
#include <cstring>

#include "fuzz_support.hpp"

using namespace sgfuzz;

namespace {

void check_dial(const Control &c, const std::vector<std::string_view> &f, int32_t ret, const sg_decision &d) {
  std::string_view user = f.size() > 0 ? f[0] : "", domain = f.size() > 1 ? f[1] : "",
                   destination = f.size() > 2 ? f[2] : "";
  if (c.older_host || !valid_id(destination)) {
    if (ret != SG_ERROR) fail("a malformed dial request was not answered bad_request");
    return;
  }
  // Kari's Law: an emergency number is allowed for every caller, even one
  // whose own fields are malformed.
  if (fixture_emergency(destination)) {
    if (ret != SG_ALLOW || d.reason != SG_REASON_EMERGENCY) fail("an emergency number was not allowed");
    return;
  }
  if (d.reason == SG_REASON_EMERGENCY) fail("a number that is not an emergency number was allowed as one");
  bool user_ok = valid_id(user) && !(c.null_with_length && !user.empty());
  if (!user_ok || !valid_id(domain)) {
    if (ret != SG_ERROR) fail("a dial with a malformed caller was not answered bad_request");
    return;
  }
  if (ret == SG_ERROR) fail("a well-formed dial was answered with an error");
  UserFacts u = fixture_user(user, domain);
  if (ret == SG_ALLOW && !(u.known && u.enabled)) fail("an unknown or disabled caller was allowed to dial");
  if (u.known && u.enabled && !destination.starts_with("*") && !destination.starts_with("011") &&
      !destination.starts_with("1900") && !destination.starts_with("9") && ret != SG_ALLOW)
    fail("a destination no dial rule matches was denied to an enabled caller");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  Control c(data[0]);
  auto f = fields(data + 1, size - 1, 3);
  sg_handle *h = fixture();

  Padded<sg_dial_req> p;
  std::memset(&p, 0xa5, sizeof p);
  SG_INIT(p.req);
  if (c.newer_host) p.req.struct_size = sizeof p;
  if (c.older_host) p.req.struct_size = sizeof p.req - 1;
  p.req.user = as_str(f, 0, c.null_with_length);
  p.req.domain = as_str(f, 1);
  p.req.destination = as_str(f, 2);
  auto decide = [&](uint32_t flags, sg_decision &d) {
    p.req.flags = flags;
    return api().dial(h, &p.req, &d);
  };

  sg_decision d;
  SG_INIT(d);
  int32_t ret = decide(0, d);
  check_decision(ret, d);
  check_dial(c, f, ret, d);
  sg_decision again;
  SG_INIT(again);
  if (decide(0, again) != ret || again.reason != d.reason) fail("the same dial was answered differently");
  if (c.explain && !c.older_host) check_explain_consistent(ret, d, decide);
  return 0;
}
