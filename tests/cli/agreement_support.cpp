// agreement_support.cpp - batch and dump, read back for the agreement tests.
#include "agreement_support.hpp"

#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace scopegate::test {

std::vector<bool> allowed_by_batch(const std::string& config, const std::vector<std::string>& requests) {
  std::string input;
  for (const std::string& r : requests) input += r + "\n";
  const CliResult r = run_with_config(config, {"batch"}, input);
  EXPECT_NE(r.exit_code, -1) << r.err;
  const std::vector<std::string> lines = lines_of(r.out);
  EXPECT_EQ(lines.size(), requests.size()) << r.err;
  std::vector<bool> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool bare_scope_assign = requests[i].ends_with(" scope.assign");  // no target: no scope (SPEC 2.4)
    EXPECT_TRUE(!lines[i].starts_with("error") || bare_scope_assign) << lines[i] << " for " << requests[i];
    out.push_back(lines[i] == "allow ok");
  }
  out.resize(requests.size(), false);
  return out;
}

// The rows of the policy table: between its header and the first domain,
// less the legend and the column titles.
std::vector<std::string> policy_features(const std::string& config) {
  const CliResult r = run_with_config(config, {"dump"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out;
  bool in_policy = false;
  for (const std::string& line : lines_of(r.out)) {
    if (line.starts_with("policy")) {
      in_policy = true;
    } else if (line.empty()) {
      in_policy = false;
    } else if (in_policy && line.starts_with("  ") && line[2] != ' ' && !line.starts_with("  feature ") &&
               !line.starts_with("  scopes:")) {
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  EXPECT_GT(out.size(), 30u);
  return out;
}

}  // namespace scopegate::test
