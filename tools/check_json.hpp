// check_json.hpp - `scopegate --json check`: the verdict on the config as one
// JSON object on stdout (the diagnostics still go to stderr as well).
#ifndef SCOPEGATE_TOOLS_CHECK_JSON_HPP
#define SCOPEGATE_TOOLS_CHECK_JSON_HPP

#include <string>
#include <vector>

namespace scopegate::cli {

// {"config":PATH,"valid":BOOL,"errors":[LINE...],"warnings":[LINE...]}
void print_check_json(const std::string& config, bool valid, const std::vector<std::string>& errors,
                      const std::vector<std::string>& warnings);

}  // namespace scopegate::cli

#endif
