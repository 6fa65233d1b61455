// expectation.hpp - one line of a `scopegate test` file: an expected result,
// then the request in the words of batch:
//   allow login 101@acme.example portal
//   deny out_of_reach feature 200@acme.example users.edit user:102
//   deny * dial 103@acme.example 2125551234          (*: any reason)
#ifndef SCOPEGATE_TOOLS_EXPECTATION_HPP
#define SCOPEGATE_TOOLS_EXPECTATION_HPP

#include <span>
#include <string>
#include <string_view>

#include "decision_runner.hpp"

namespace scopegate::cli {

struct Expectation {
  std::string_view verdict;  // "allow", "deny" or "error"
  std::string_view reason;   // a reason code, "*", or empty (allow without one: ok or emergency)
  std::span<const std::string_view> request;  // the request words
};

// Splits the words of a line; false with a message when the first words are
// not an expected result followed by a request.
bool parse_expectation(std::span<const std::string_view> words, Expectation& out, std::string& error);

// Whether the outcome is what the expectation says.
bool expectation_holds(const Expectation& e, const Answer& got);

// "deny out_of_reach", "deny *", "allow": the expectation as written.
std::string expected_words(const Expectation& e);

}  // namespace scopegate::cli

#endif
