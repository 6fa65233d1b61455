// agreement_support.hpp - what the agreement tests share: asking `feature`
// about many requests in one batch, and the policy's feature ids.
#ifndef SCOPEGATE_TESTS_CLI_AGREEMENT_SUPPORT_HPP
#define SCOPEGATE_TESTS_CLI_AGREEMENT_SUPPORT_HPP

#include <string>
#include <vector>

namespace scopegate::test {

// One batch run: true per request when its result line is "allow ok".
// Fails the test (and returns what it has) when the batch output does not
// have one line per request.
std::vector<bool> allowed_by_batch(const std::string& config, const std::vector<std::string>& requests);

// The feature ids of the effective policy, as `dump` lists them.
std::vector<std::string> policy_features(const std::string& config);

}  // namespace scopegate::test

#endif
