// One entry for every report the C boundary offers (sg_api.report): the
// command picks can, who or diff; the text comes back whole.
#pragma once

#include <string>
#include <string_view>

#include "engine/decision.hpp"

namespace scopegate {

enum class ReportCommand : uint8_t {
  can = SG_REPORT_CAN,
  who = SG_REPORT_WHO,
  diff = SG_REPORT_DIFF,
  features = SG_REPORT_FEATURES,
  dump = SG_REPORT_DUMP
};

struct ReportRequest {
  ReportCommand command = ReportCommand::can;
  bool json = false, widen_only = false;
  std::string_view user, domain, feature;
  TargetRef target;
  const Snapshot *old_config = nullptr;  // diff
};

struct ReportResult {
  bool ok = false;
  std::string text;   // the report, or why it failed
  uint32_t count = 0;
};

ReportResult run_report(const Snapshot &s, const ReportRequest &r);

}  // namespace scopegate
