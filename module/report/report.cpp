#include "report/report.hpp"

#include "report/can.hpp"
#include "report/diff.hpp"
#include "report/dump_json.hpp"
#include "report/probe.hpp"
#include "report/who.hpp"

namespace scopegate {

namespace {

ReportResult fail(std::string why) { return ReportResult{false, std::move(why), 0}; }

ReportResult run_can(const Snapshot &s, const ReportRequest &r) {
  if (!is_valid_id(r.user) || !is_valid_id(r.domain) || (!r.feature.empty() && !is_valid_id(r.feature)))
    return fail("malformed user, domain or feature");
  ReportResult out;
  std::string error;
  size_t granted = 0;
  if (!report_can(s, CanQuery{r.user, r.domain, r.feature, r.json}, out.text, granted, error)) return fail(error);
  out.ok = true;
  out.count = static_cast<uint32_t>(granted);
  return out;
}

ReportResult run_who(const Snapshot &s, const ReportRequest &r) {
  std::vector<Index> allowed;
  if (!is_valid_id(r.feature) || !report_who(s, r.feature, r.target, allowed)) return fail("malformed request");
  ReportResult out{true, {}, static_cast<uint32_t>(allowed.size())};
  for (Index u : allowed) out.text.append(user_name(s, u)).push_back('\n');
  return out;
}

ReportResult run_diff(const Snapshot &s, const ReportRequest &r) {
  if (r.old_config == nullptr) return fail("diff needs the old config's handle");
  ReportResult out;
  out.ok = true;
  out.count = static_cast<uint32_t>(report_diff(*r.old_config, s, DiffQuery{r.json, r.widen_only}, out.text));
  return out;
}

ReportResult run_features(const Snapshot &s) {
  ReportResult out{true, {}, static_cast<uint32_t>(s.features.size())};
  for (const Feature &f : s.features) out.text.append(f.id).push_back('\n');
  return out;
}

ReportResult run_dump(const Snapshot &s, const ReportRequest &r) {
  if (!r.json) return fail("the text dump comes from the dump entry");
  if (!r.domain.empty() && !is_valid_id(r.domain)) return fail("malformed domain");
  ReportResult out;
  if (!dump_json(s, r.domain, out.text)) return fail("no domain '" + std::string(r.domain) + "' in the config");
  out.ok = true;
  out.count = 1;
  return out;
}

}  // namespace

ReportResult run_report(const Snapshot &s, const ReportRequest &r) {
  switch (r.command) {
    case ReportCommand::can: return run_can(s, r);
    case ReportCommand::who: return run_who(s, r);
    case ReportCommand::diff: return run_diff(s, r);
    case ReportCommand::features: return run_features(s);
    case ReportCommand::dump: return run_dump(s, r);
  }
  return fail("unknown report command");
}

}  // namespace scopegate
