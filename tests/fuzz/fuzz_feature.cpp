// Feature decisions (SPEC 2.2) with arbitrary fields and targets, through the
// module's real C entry point, against the fixture config.
//
// Input: a control byte (fuzz_support.hpp; bits 0-2 are the target kind,
// 6 and 7 invalid), then the fields, one a line:
//   USER DOMAIN FEATURE TARGET_ID TARGET_DOMAIN OBJECT_KIND SITE OWNER QUEUE SCOPE
#include <cstring>

#include "common/words.hpp"
#include "fuzz_support.hpp"

using namespace sgfuzz;

namespace {

enum Field { kUser, kDomain, kFeature, kId, kTargetDomain, kObjectKind, kSite, kOwner, kQueue, kScope, kFields };

bool is_scope(std::string_view w) { return scopegate::parse_scope(w).has_value(); }

// The domain the target lives in, as the request names it (SPEC choice 8).
std::string_view named_domain(int32_t kind, std::string_view id, std::string_view target_domain,
                              std::string_view actor_domain) {
  if (kind == SG_TARGET_DOMAIN && !id.empty()) return id;
  return target_domain.empty() ? actor_domain : target_domain;
}

void check_feature(const Control &c, const std::vector<std::string_view> &f, int32_t ret) {
  auto at = [&](Field i) { return i < f.size() ? f[i] : std::string_view{}; };
  bool user_ok = valid_id(at(kUser)) && !(c.null_with_length && !at(kUser).empty());
  bool malformed = c.older_host || c.small_value > SG_TARGET_OBJECT || !user_ok || !valid_id(at(kDomain)) ||
                   !valid_id(at(kFeature)) || (!at(kScope).empty() && !is_scope(at(kScope)));
  if (malformed) {
    if (ret != SG_ERROR) fail("a malformed feature request was not answered bad_request");
    return;
  }
  if (ret != SG_ALLOW) return;
  UserFacts u = fixture_user(at(kUser), at(kDomain));
  if (!u.known || !u.enabled || u.system || u.no_portal)
    fail("a feature was allowed to an unknown, disabled, system or no_portal user");
  // SPEC 1: a target in another domain is out of reach for every scope below
  // reseller (ops is the fixture's reseller, root its super user).
  bool above = at(kDomain) == "provider.example";
  if (!above && c.small_value != SG_TARGET_NONE &&
      named_domain(c.small_value, at(kId), at(kTargetDomain), at(kDomain)) != at(kDomain))
    fail("a target in another domain was allowed to a scope below reseller");
  if (at(kFeature) == "scope.assign" && c.small_value == SG_TARGET_USER && at(kId) == at(kUser) &&
      (at(kTargetDomain).empty() || at(kTargetDomain) == at(kDomain)))
    fail("a user was allowed to assign their own scope");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  Control c(data[0]);
  auto f = fields(data + 1, size - 1, kFields);
  sg_handle *h = fixture();

  Padded<sg_feature_req> p;
  std::memset(&p, 0xa5, sizeof p);
  SG_INIT(p.req);
  if (c.newer_host) p.req.struct_size = sizeof p;
  if (c.older_host) p.req.struct_size = sizeof p.req - 1;
  p.req.user = as_str(f, kUser, c.null_with_length);
  p.req.domain = as_str(f, kDomain);
  p.req.feature = as_str(f, kFeature);
  sg_target &t = p.req.target;
  t.kind = c.small_value;
  t.id = as_str(f, kId);
  t.domain = as_str(f, kTargetDomain);
  t.object_kind = as_str(f, kObjectKind);
  t.site = as_str(f, kSite);
  t.owner = as_str(f, kOwner);
  t.queue = as_str(f, kQueue);
  t.scope = as_str(f, kScope);
  auto decide = [&](uint32_t flags, sg_decision &d) {
    p.req.flags = flags;
    return api().feature(h, &p.req, &d);
  };

  sg_decision d;
  SG_INIT(d);
  int32_t ret = decide(0, d);
  check_decision(ret, d);
  check_feature(c, f, ret);
  sg_decision again;
  SG_INIT(again);
  if (decide(0, again) != ret || again.reason != d.reason) fail("the same feature request was answered differently");
  if (c.explain && !c.older_host) check_explain_consistent(ret, d, decide);
  return 0;
}
