// test_coverage.hpp - what `scopegate test` reports no expectation reached:
// the policy's features and the numbered rules of SPEC 2.1-2.3. The rule
// that decided is read from the module's own explanation ("rule 2.2.7
// out_of_reach: ..."), so the CLI keeps no copy of the rules.
#ifndef SCOPEGATE_TOOLS_TEST_COVERAGE_HPP
#define SCOPEGATE_TOOLS_TEST_COVERAGE_HPP

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli_request.hpp"
#include "decision_runner.hpp"

namespace scopegate::cli {

class Coverage {
 public:
  explicit Coverage(std::vector<std::string> features) : features_(std::move(features)) {}

  // Notes the feature and rules one decision exercised.
  void record(const Request& request, const Answer& outcome);

  // In policy order / rule order.
  std::vector<std::string> features_missed() const;
  std::vector<std::string> rules_missed() const;

 private:
  std::vector<std::string> features_;
  std::set<std::string, std::less<>> features_seen_, rules_seen_;
};

}  // namespace scopegate::cli

#endif
