// sg_convert.hpp - the CLI's views as the ABI's sg_str and sg_target.
#ifndef SCOPEGATE_TOOLS_SG_CONVERT_HPP
#define SCOPEGATE_TOOLS_SG_CONVERT_HPP

#include <string_view>

#include "cli_request.hpp"
#include "scopegate/scopegate.h"

namespace scopegate::cli {

// An empty view becomes the absent string {NULL, 0} of the ABI.
sg_str to_sg(std::string_view s);
sg_target to_sg_target(const TargetSpec& spec);

}  // namespace scopegate::cli

#endif
