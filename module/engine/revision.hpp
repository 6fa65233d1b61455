// The content revision of a snapshot: a hash of the effective config (every
// domain, site, user, queue, grant, dial rule, emergency number, login
// channel and log setting, in config order), not a counter. Two processes,
// or two nodes, that loaded the same config report the same revision; the
// generation counts loads of one handle and differs between them.
#pragma once

#include <cstdint>
#include <string>

#include "engine/snapshot.hpp"

namespace scopegate {

uint64_t content_revision(const Snapshot &s);

// Sixteen hex digits, as logs, info and check print it.
std::string revision_text(uint64_t revision);

}  // namespace scopegate
