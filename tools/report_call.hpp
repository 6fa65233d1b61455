// report_call.hpp - one call of the module's report entry (ABI 1.2): the
// text comes back whole and is freed through the module.
#ifndef SCOPEGATE_TOOLS_REPORT_CALL_HPP
#define SCOPEGATE_TOOLS_REPORT_CALL_HPP

#include <cstdint>
#include <string>

#include "command_context.hpp"

namespace scopegate::cli {

struct ReportText {
  std::string text;
  uint32_t count = 0;
};

// Calls api->report on the context's handle. false after printing why on
// stderr (a module without the entry, or the module's message).
bool call_report(CommandContext& context, sg_report_req& request, ReportText& out);

// True when the loaded module has the report entry; prints why not.
bool module_has_report(CommandContext& context);

}  // namespace scopegate::cli

#endif
