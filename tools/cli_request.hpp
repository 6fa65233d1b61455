// cli_request.hpp - one decision request as the scopegate CLI understands it.
//
// Every string is a view into the words it was parsed from (argv or the
// batch line buffer), so a request costs no allocation; it is valid only as
// long as those words are.
#ifndef SCOPEGATE_TOOLS_CLI_REQUEST_HPP
#define SCOPEGATE_TOOLS_CLI_REQUEST_HPP

#include <cstdint>
#include <string_view>

#include "common/words.hpp"  // Hook, hook_name: the module's own vocabulary
#include "scopegate/scopegate.h"

namespace scopegate::cli {

// What a feature request acts on (sg_target, but with views).
struct TargetSpec {
  int32_t kind = SG_TARGET_NONE;
  std::string_view text;  // as typed ("user:150@acme.example"); empty when none was given
  std::string_view id, domain, object_kind, site, owner, queue, scope;
};

struct Request {
  Hook hook = Hook::login;
  bool explain = false;
  std::string_view actor;  // "101@acme.example" as typed
  std::string_view user, domain;
  std::string_view channel_word;  // login
  int32_t channel = 0;            // login: SG_CHANNEL_*
  std::string_view destination;   // dial
  std::string_view feature;       // feature
  TargetSpec target;              // feature
};

}  // namespace scopegate::cli

#endif
