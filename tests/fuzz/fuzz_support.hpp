// What the fuzz targets share: the module's real C entry points (the table
// sg_module_api returns, linked in from module/c_api.cpp), a scratch folder
// that every config the fuzzers write stays in, a fixture config whose facts
// the targets check answers against, and the checks themselves. A check that
// fails aborts, so libFuzzer reports it as a crash and the corpus replay
// fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scopegate/scopegate.h"

namespace sgfuzz {

// The module's table of entry points.
const sg_api &api();

// Aborts with a message: a finding.
[[noreturn]] void fail(const char *what, std::string_view detail = {});

// A folder under /tmp, removed with everything in it at exit. The fuzzers
// put their configs in base()/cfg: a name without '/' can reach at most
// base(), which holds nothing but cfg.
class Scratch {
 public:
  explicit Scratch(const char *tag);
  ~Scratch();
  const std::string &base() const { return base_; }
  const std::string &dir() const { return dir_; }  // base()/cfg
  // Writes (replaces) dir()/name, mode 0644.
  std::string write(const std::string &name, std::string_view bytes) const;

 private:
  std::string base_, dir_;
};

// A host log callback that drops every line (the fuzzers would drown in
// them otherwise; the config's sink is never used when one is given).
void drop_log(void *, int32_t, const char *);

// Opens a config at path with drop_log; nullptr when open failed (err says why).
sg_handle *open_config(const std::string &path, sg_error &err);

// The decision fixture: a config with every scope, sites, queues, a disabled
// user, system users, a reseller, dial rules and a login restriction, opened
// once. Its facts are below, for the answer checks.
sg_handle *fixture();

// Whether user@domain is in the fixture, enabled, and a system user.
struct UserFacts {
  bool known = false, enabled = false, system = false, no_portal = false;
};
UserFacts fixture_user(std::string_view user, std::string_view domain);
bool fixture_emergency(std::string_view destination);

// An id as SPEC section 5 defines it (1..255 bytes of UTF-8 without control
// characters), written independently of the module's check.
bool valid_id(std::string_view s);

// Splits data into at most max fields at '\n' (the last field takes the rest).
std::vector<std::string_view> fields(const uint8_t *data, size_t size, size_t max);

// An sg_str of a field; absent fields are {NULL, 0}. With null_with_length
// the pointer is NULL but the length is not (a host bug the module must
// answer with bad_request).
sg_str as_str(const std::vector<std::string_view> &f, size_t i, bool null_with_length = false);

// Checks one decision against the rules every decision obeys: the return
// value is the verdict, reason and reason_name agree, an error is a bad
// request (never an internal error), an allow has reason ok or emergency.
void check_decision(int32_t ret, const sg_decision &d);

// Decides the same request again with SG_REQ_EXPLAIN into buffers of several
// sizes (fenced by canaries) and checks the answer does not change and the
// text stays inside the buffer, NUL-terminated. decide(flags, decision)
// makes the call.
template <class Decide>
void check_explain_consistent(int32_t ret, const sg_decision &plain, Decide decide);

// Control byte of the decision fuzzers' input.
struct Control {
  int32_t small_value;  // bits 0-2: the channel or target kind (0..7, some invalid)
  bool explain;         // bit 3
  bool newer_host;      // bit 4: request struct_size larger than ABI 1.0 (trailing garbage)
  bool null_with_length;  // bit 5: first field's pointer NULL with its length
  bool older_host;        // bit 6: request struct_size too small for ABI 1.0
  explicit Control(uint8_t b)
      : small_value(b & 7), explain(b & 8), newer_host(b & 16), null_with_length(b & 32), older_host(b & 64) {}
};

// A request in a buffer larger than the struct, the extra bytes filled with
// garbage, as a newer host would pass it.
template <class Req>
struct Padded {
  Req req;
  unsigned char garbage[64];
};

template <class Decide>
void check_explain_consistent(int32_t ret, const sg_decision &plain, Decide decide) {
  static constexpr size_t kCaps[] = {1, 7, 64, 4096};
  static constexpr unsigned char kCanary = 0xa5;
  for (size_t cap : kCaps) {
    std::vector<char> buf(cap + 16, static_cast<char>(kCanary));
    sg_decision d;
    SG_INIT(d);
    d.explain = buf.data();
    d.explain_cap = cap;
    int32_t again = decide(SG_REQ_EXPLAIN, d);
    check_decision(again, d);
    if (again != ret || d.reason != plain.reason) fail("SG_REQ_EXPLAIN changed the answer");
    for (size_t i = cap; i < buf.size(); ++i)
      if (static_cast<unsigned char>(buf[i]) != kCanary) fail("explain text written past explain_cap");
    bool terminated = false;
    for (size_t i = 0; i < cap && !terminated; ++i) terminated = buf[i] == '\0';
    if (!terminated) fail("explain text not NUL-terminated inside explain_cap");
  }
}

}  // namespace sgfuzz
