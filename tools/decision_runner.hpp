// decision_runner.hpp - asks the module for the decision on one Request.
#ifndef SCOPEGATE_TOOLS_DECISION_RUNNER_HPP
#define SCOPEGATE_TOOLS_DECISION_RUNNER_HPP

#include <array>
#include <cstdint>
#include <string_view>

#include "cli_request.hpp"
#include "scopegate/scopegate.h"

namespace scopegate::cli {

struct Answer {
  int32_t verdict = SG_ERROR;  // SG_ALLOW / SG_DENY / SG_ERROR
  std::string_view reason = "bad_request";
  uint64_t generation = 0;
  std::string_view explain;  // empty unless the request asked for it; valid until the next decide
};

// The answer of a request the CLI itself rejected (it never reached the module).
inline Answer bad_request_outcome() { return Answer{}; }

class DecisionRunner {
 public:
  // explain_json: explanations as one JSON object of facts (for --json).
  DecisionRunner(const sg_api* api, sg_handle* handle, bool explain_json = false)
      : api_(api), handle_(handle), explain_json_(explain_json) {}

  // One call into the module; reuses one explain buffer, so a batch of
  // decisions allocates nothing here.
  Answer decide(const Request& request);

 private:
  int32_t call_module(const Request& request, uint32_t flags, sg_decision& out);

  const sg_api* api_;
  sg_handle* handle_;
  bool explain_json_;
  std::array<char, 4096> explain_{};
};

}  // namespace scopegate::cli

#endif
