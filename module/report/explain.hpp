// Explanations (SG_REQ_EXPLAIN): which rule and grant decided, in words, written
// into the host's buffer. Only built when asked for; writes nothing else.
#pragma once

#include <cstddef>
#include <string>
#include <vector>
#include <string_view>

#include "engine/decision.hpp"

namespace scopegate {

// What the request said that the outcome does not record.
struct ExplainInput {
  std::string_view user, domain;
  std::string_view subject;  // login: the channel word; dial: the destination; feature: the feature id
  const TargetRef *target = nullptr;  // feature requests
};

// Writes a NUL-terminated account into buf[0..cap), cut to fit. cap 0 or a
// NULL buf writes nothing.
void write_explanation(const Snapshot *s, const Outcome &o, const ExplainInput &in, char *buf, size_t cap);

// The same facts as one JSON object (SG_REQ_EXPLAIN_JSON); an object that
// does not fit in cap is replaced by {"rule":...,"cut":true}.
void write_explanation_json(const Snapshot *s, const Outcome &o, const ExplainInput &in, char *buf, size_t cap);

// "FILE:LINE" of a user or queue (empty when unknown).
std::string place_text(const Snapshot &s, const std::vector<Place> &places, Index i);

}  // namespace scopegate
