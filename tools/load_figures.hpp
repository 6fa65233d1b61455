// load_figures.hpp - what the module says about a load (ABI 1.3), in the
// words of scopegate(1): check and info print them alike.
#ifndef SCOPEGATE_TOOLS_LOAD_FIGURES_HPP
#define SCOPEGATE_TOOLS_LOAD_FIGURES_HPP

#include <cstdint>
#include <string>

#include "scopegate/scopegate.h"

namespace scopegate::cli {

struct LoadFigures {
  uint64_t revision = 0;  // 0: none (an invalid config)
  uint32_t files_read = 0, domains_rebuilt = 0;
  uint64_t usec = 0;
};

// Whether the module fills the fields of ABI 1.3 (an older one leaves them 0).
bool has_load_figures(const sg_api *api);

// Sixteen lowercase hex digits, as the module's log line prints it.
std::string revision_text(uint64_t revision);

// "2 files read, 1 domains built in 0.412 ms\n", then "revision
// 5f0c...\n" (left out without a revision).
std::string load_figures_text(const LoadFigures &f);

// ,"revision":"5f0c..." (left out without a revision),"files_read":2,
// "domains_rebuilt":1,"load_usec":412 - appended to a JSON object.
void append_load_figures_json(std::string &out, const LoadFigures &f);

}  // namespace scopegate::cli

#endif
