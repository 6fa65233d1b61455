#include "abi/decision_log.hpp"

#include <cstdio>
#include <cstring>
#include <string_view>

#include "engine/grant.hpp"

namespace scopegate {

namespace {

// Appends to a fixed line; past its end, text is cut.
class Line {
 public:
  Line &operator<<(std::string_view s) {
    size_t n = std::min(s.size(), sizeof buf_ - 1 - len_);
    if (n == 0) return *this;  // an empty view may have a null data(): no memcpy
    std::memcpy(buf_ + len_, s.data(), n);
    len_ += n;
    buf_[len_] = '\0';
    return *this;
  }
  Line &operator<<(uint64_t n) {
    char digits[24];
    int k = std::snprintf(digits, sizeof digits, "%llu", static_cast<unsigned long long>(n));
    return *this << std::string_view(digits, static_cast<size_t>(k));
  }
  const char *c_str() const { return buf_; }

 private:
  char buf_[768] = "";
  size_t len_ = 0;
};

constexpr std::string_view kHookNames[] = {"login", "dial", "feature"};
constexpr std::string_view kSubjectKeys[] = {"channel", "destination", "feature"};

std::string_view verdict_word(const Outcome &o) {
  if (o.reason == Reason::emergency) return "EMERGENCY";
  return o.allowed() ? "allow" : "deny";
}

void add_target(Line &line, const TargetRef *t) {
  if (t == nullptr) {
    line << " target=-";
    return;
  }
  line << " target=" << target_kind_name(t->kind) << ":" << t->id;
  if (!t->queue.empty()) line << " queue=" << t->queue;
}

void add_rule(Line &line, const RuleInfo &rule) {
  line << " rule=" << rule.section;
  if (rule.number != 0) line << "." << uint64_t{rule.number};
}

// A decision that reached rule 4 of 2.2 names the level that set the
// actor's grant and where (SPEC 3.1), so an audit trail shows whether a
// customer's or a user's own entry denied it.
void add_grant(Line &line, const Snapshot &s, const Outcome &o) {
  if (o.actor == kNoIndex || o.feature == kNoIndex || !o.has_grant()) return;
  line << " grant=" << reach_name(o.grant) << " level=" << level_name(o.level);
  if (o.grant_where == kNoPlace) return;
  PlaceView where = s.place_view(o.grant_where);
  line << " where=" << where.file << ":" << uint64_t{where.line};
}

}  // namespace

// "deny feature out_of_reach user=200@acme.example feature=users.edit
//  target=user:102 generation=3 rule=2.2.7 grant=site level=default"; a bad request names nothing
// the host sent (it may be anything).
void write_decision_line(const Snapshot &s, const Outcome &o, const ExplainInput &in, int level) {
  Line line;
  const auto hook = static_cast<size_t>(o.hook);
  if (o.reason == Reason::bad_request) {
    line << kHookNames[hook] << " bad_request (malformed request) generation=" << s.generation;
  } else {
    line << verdict_word(o) << " " << kHookNames[hook] << " " << reason_name(o.reason) << " user=" << in.user << "@"
         << in.domain << " " << kSubjectKeys[hook] << "=" << in.subject;
    add_target(line, in.target);
    line << " generation=" << s.generation;
    add_rule(line, rule_info(o.rule));
    add_grant(line, s, o);
  }
  s.logger->log(level, line.c_str());
}

}  // namespace scopegate
