// expect_decision.hpp - one CLI decision against the example config, checked
// for its exact output line and exit status.
#ifndef SCOPEGATE_TESTS_CLI_EXPECT_DECISION_HPP
#define SCOPEGATE_TESTS_CLI_EXPECT_DECISION_HPP

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace scopegate::test {

inline std::string joined(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

// `scopegate ARGS` prints exactly `line` and exits with status.
inline void expect_decision(const std::vector<std::string>& args, const std::string& line,
                            int status) {
  const CliResult r = run_example(args);
  EXPECT_EQ(r.out, line + "\n") << "scopegate " << joined(args) << "\nstderr: " << r.err;
  EXPECT_EQ(r.exit_code, status) << "scopegate " << joined(args) << "\nstderr: " << r.err;
}

inline void expect_allow(const std::vector<std::string>& args, const std::string& reason = "ok") {
  expect_decision(args, "allow " + reason, 0);
}
inline void expect_deny(const std::vector<std::string>& args, const std::string& reason) {
  expect_decision(args, "deny " + reason, 1);
}
inline void expect_bad_request(const std::vector<std::string>& args) {
  expect_decision(args, "error bad_request", 2);
}

}  // namespace scopegate::test

#endif
