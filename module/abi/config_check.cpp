#include "abi/config_check.hpp"

namespace scopegate {

void DiagnosticSink::deliver(const Diagnostics &d) const {
  if (!fn) return;
  for (const ConfigMessage &m : d.messages()) {
    sg_diagnostic out;
    SG_INIT(out);
    out.severity = m.severity == Severity::error ? SG_DIAG_ERROR : SG_DIAG_WARNING;
    out.file = m.file.c_str();
    out.line = m.line ? m.line : 1;
    out.column = m.column;
    out.message = m.text.c_str();
    fn(user, &out);
  }
}

bool attach_logger(LoadResult &r, const HostLog &host) {
  if (!r.snapshot) return false;
  try {
    r.snapshot->logger = Logger::make(r.snapshot->log, host);
  } catch (const std::exception &e) {
    r.diagnostics.error_at(r.log_sink, "cannot open log sink '" + r.snapshot->log.sink + "': " + e.what());
    r.snapshot.reset();
  }
  return r.snapshot != nullptr;
}

LoadResult check_config(const std::string &path, bool strict_warnings) {
  LoadResult r = load_config(path, LoadOptions{strict_warnings});
  // As a host without a log callback would: the config's own sink.
  attach_logger(r, HostLog{});
  return r;
}

}  // namespace scopegate
