// expectation.cpp - expected results of `scopegate test`.
#include "expectation.hpp"

#include "decision_format.hpp"

namespace scopegate::cli {
namespace {

bool is_request_word(std::string_view w) {
  return w == "login" || w == "dial" || w == "feature" || w == "explain";
}

}  // namespace

bool parse_expectation(std::span<const std::string_view> words, Expectation& out, std::string& error) {
  if (words.size() < 2 || (words[0] != "allow" && words[0] != "deny" && words[0] != "error")) {
    error = "an expectation starts with allow, deny or error, then the request";
    return false;
  }
  out.verdict = words[0];
  size_t first = 1;
  if (!is_request_word(words[1])) {
    out.reason = words[1];
    first = 2;
  } else {
    out.reason = {};
  }
  if (out.verdict != "allow" && out.reason.empty()) {
    error = "a deny or error expectation names a reason, or * for any";
    return false;
  }
  if (first >= words.size() || !is_request_word(words[first])) {
    error = "no request after the expected result";
    return false;
  }
  out.request = words.subspan(first);
  return true;
}

bool expectation_holds(const Expectation& e, const Answer& got) {
  if (verdict_word(got.verdict) != e.verdict) return false;
  return e.reason.empty() || e.reason == "*" || e.reason == got.reason;
}

std::string expected_words(const Expectation& e) {
  std::string out(e.verdict);
  if (!e.reason.empty()) out.append(" ").append(e.reason);
  return out;
}

}  // namespace scopegate::cli
