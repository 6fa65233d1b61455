#include "report/dump_settings.hpp"

namespace scopegate {

std::string channel_words(uint8_t bits) {
  std::string out;
  for (int c = SG_CHANNEL_PORTAL; c <= SG_CHANNEL_SIP_DEVICE; ++c)
    if (bits & channel_bit(static_cast<Channel>(c))) out.append(out.empty() ? "" : " ").append(channel_name(static_cast<Channel>(c)));
  return out.empty() ? "none" : out;
}

std::string view_words(uint8_t bits) {
  std::string out;
  for (uint8_t b = 1; b <= kViewRecordings; b = uint8_t(b << 1))
    if (bits & b) out.append(out.empty() ? "" : ",").append(view_flag_name(b));
  return out.empty() ? "none" : out;
}

std::string dial_rule_words(const DialRule &r) {
  return std::string(r.pattern != kNoIndex ? "pattern " : "prefix ") + std::string(r.text);
}

const char *dial_target_word(DialTarget t) {
  return t == DialTarget::user ? "user" : t == DialTarget::queue ? "queue" : "";
}

namespace {

void dump_dial_rules(const Snapshot &s, const DumpEmit &emit) {
  emit(s.dial_rules.empty() ? "dial_rules: none" : "dial_rules (first match wins):");
  for (size_t i = 0; i < s.dial_rules.size(); ++i) {
    const DialRule &r = s.dial_rules[i];
    std::string line = "  " + std::to_string(i + 1) + " " + dial_rule_words(r) + " -> " + std::string(r.feature_id);
    if (r.target != DialTarget::none) line += std::string(" (target ") + dial_target_word(r.target) + ")";
    if (r.feature == kNoIndex) line += " (in no policy: denied)";
    emit(line);
  }
}

}  // namespace

void dump_settings(const Snapshot &s, const DumpEmit &emit) {
  emit("log: level " + std::string(s.log.level == SG_LOG_DEBUG  ? "debug"
                                   : s.log.level == SG_LOG_INFO ? "info"
                                   : s.log.level == SG_LOG_WARN ? "warn"
                                                                : "error") +
       ", sink " + s.log.sink + ", audit " + (s.log.audit ? "yes" : "no"));
  emit(std::string("strict_permissions: ") + (s.strict_permissions ? "yes" : "no (unsafe)"));
  std::string numbers;
  for (std::string_view n : s.emergency_numbers) numbers.append(numbers.empty() ? "" : " ").append(n);
  emit("emergency_numbers: " + (numbers.empty() ? std::string("none") : numbers));
  // SPEC 2.1: a sip_device registers whatever the list says (rule 4 comes
  // before rule 6), and no_portal has nothing else.
  emit("login channels (per scope; sip_device always registers):");
  for (int i = 0; i < kScopeCount; ++i) {
    auto scope = static_cast<Scope>(i);
    std::string words = scope == Scope::no_portal ? "sip_device only" : channel_words(s.login_channels[size_t(i)]);
    emit("  " + std::string(scope_name(scope)) + ": " + words);
  }
  dump_dial_rules(s, emit);
}

}  // namespace scopegate
