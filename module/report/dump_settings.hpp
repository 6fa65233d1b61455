// The settings part of `dump` (like `sshd -T`): log, trust, emergency
// numbers, login channels per scope and dial rules, as text lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "engine/snapshot.hpp"

namespace scopegate {

using DumpEmit = std::function<void(std::string_view)>;

void dump_settings(const Snapshot &s, const DumpEmit &emit);

// "portal mobile_app ..." for a set of channel bits; "none" when empty.
std::string channel_words(uint8_t bits);
// "stats_grid,agents" for a set of view flags; "none" when empty.
std::string view_words(uint8_t bits);
// "prefix *33" or "pattern _011.", and "user"/"queue"/"" for its target.
std::string dial_rule_words(const DialRule &r);
const char *dial_target_word(DialTarget t);

}  // namespace scopegate
