// The content revision of a snapshot: a hash of the effective config (every
// domain, site, user, queue, grant at every policy level, dial rule,
// emergency number, login channel, log and strictness setting), not a
// counter. Two processes, or two nodes, that loaded the same config report
// the same revision; the generation counts loads of one handle and differs
// between them.
//
// What the revision does not depend on, because decisions do not: how the
// config is written (comments, spacing, @include, one file or a domains_dir
// of many), the order of the domains (the main file's list and the files of
// domains_dir are read in an order an operator can change by renaming a
// file), and the FILE:LINE places that explanations show. Everything else a
// `dump` shows counts, in config order within a domain.
#pragma once

#include <cstdint>
#include <string>

#include "engine/snapshot.hpp"

namespace scopegate {

uint64_t content_revision(const Snapshot &s);

// Sixteen lowercase hex digits, as logs, info and check print it.
std::string revision_text(uint64_t revision);

}  // namespace scopegate
