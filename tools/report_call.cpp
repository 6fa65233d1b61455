// report_call.cpp - the report entry point, called and freed.
#include "report_call.hpp"

#include <cstdio>

namespace scopegate::cli {

bool module_has_report(CommandContext& context) {
  if (SG_API_HAS(context.api(), report_free)) return true;
  std::fprintf(stderr, "scopegate: this module has no report entry point (ABI 1.2 or later needed)\n");
  return false;
}

bool call_report(CommandContext& context, sg_report_req& request, ReportText& out) {
  if (!module_has_report(context)) return false;
  sg_report report;
  SG_INIT(report);
  sg_error err;
  SG_INIT(err);
  if (context.api()->report(context.handle(), &request, &report, &err) != 0) {
    std::fprintf(stderr, "scopegate: %s\n", err.message);
    return false;
  }
  out.text.assign(report.text, report.len);
  out.count = report.count;
  context.api()->report_free(&report);
  return true;
}

}  // namespace scopegate::cli
