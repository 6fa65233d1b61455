// The log line of a decision. Decisions are logged only when asked: at
// debug level, every one; with log.audit, every denial; emergency calls
// always, at info. A decision that is not logged builds no words at all.
#pragma once

#include "abi/logging.hpp"
#include "report/explain.hpp"

namespace scopegate {

// Writes the line of a decision at level (no allocation: a stack buffer).
void write_decision_line(const Snapshot &s, const Outcome &o, const ExplainInput &in, int level);

// describe() gives the request's words; called only when a line is written.
template <class Describe>
void log_decision(const Snapshot *s, const Outcome &o, Describe describe) {
  if (s == nullptr || !s->logger) return;
  const Logger &log = *s->logger;
  int level = o.reason == Reason::emergency || (log.audit() && !o.allowed()) ? SG_LOG_INFO : SG_LOG_DEBUG;
  if (log.enabled(level)) write_decision_line(*s, o, describe(), level);
}

}  // namespace scopegate
