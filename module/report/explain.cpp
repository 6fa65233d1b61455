#include "report/explain.hpp"

#include "engine/grant.hpp"
#include "report/dump_settings.hpp"

#include <cstdarg>
#include <cstdio>
#include <string>

namespace scopegate {

namespace {

// Appends printf-style text to a fixed buffer; past its end, text is cut.
class BufferWriter {
 public:
  BufferWriter(char *buf, size_t cap) : buf_(buf), cap_(cap) { buf_[0] = '\0'; }

  __attribute__((format(printf, 2, 3))) void add(const char *fmt, ...) {
    if (len_ + 1 >= cap_) return;
    va_list args;
    va_start(args, fmt);
    int n = std::vsnprintf(buf_ + len_, cap_ - len_, fmt, args);
    va_end(args);
    if (n > 0) len_ = std::min(cap_ - 1, len_ + static_cast<size_t>(n));
  }

 private:
  char *buf_;
  size_t cap_;
  size_t len_ = 0;
};

int len(std::string_view s) { return static_cast<int>(s.size()); }

}  // namespace

std::string place_text(const Snapshot &s, const std::vector<Place> &places, Index i) {
  if (i >= places.size() || places[i].file >= s.place_files.size()) return {};
  return std::string(s.place_files[places[i].file]) + ":" + std::to_string(places[i].line);
}

namespace {

// "rule 2.2.7 out_of_reach: the target is outside the granted reach"; 2.3
// numbers no rule ("rule 2.3 emergency: ..."); a bad request or internal
// error is no rule of SPEC ("error bad_request: ...").
void write_rule(BufferWriter &w, const Outcome &o) {
  const RuleInfo &rule = rule_info(o.rule);
  if (rule.section[0] == '\0')
    w.add("error %s: %s\n", reason_name(o.reason), rule.meaning);
  else if (rule.number == 0)
    w.add("rule %s %s: %s\n", rule.section, reason_name(o.reason), rule.meaning);
  else
    w.add("rule %s.%u %s: %s\n", rule.section, unsigned(rule.number), reason_name(o.reason), rule.meaning);
}

void write_user(BufferWriter &w, const Snapshot &s, const char *role, Index u) {
  const User &user = s.users[u];
  w.add("%s %.*s@%.*s: %s", role, len(user.id), user.id.data(), len(s.domains[user.domain].name),
        s.domains[user.domain].name.data(), scope_name(user.scope));
  if (user.site != kNoIndex) w.add(", site %.*s", len(s.sites[user.site].name), s.sites[user.site].name.data());
  if (user.system) w.add(", system");
  if (!user.enabled) w.add(", disabled");
  for (uint32_t q : s.span(user.agent_of)) w.add(", agent of %.*s", len(s.queues[q].name), s.queues[q].name.data());
  if (user.scope == Scope::call_center_supervisor) {
    if (user.supervises_all) w.add(", supervises all queues");
    for (uint32_t q : s.span(user.supervised)) w.add(", supervises %.*s", len(s.queues[q].name), s.queues[q].name.data());
    w.add(", view %s", view_words(user.views).c_str());
  }
  for (uint32_t d : s.span(user.resold)) w.add(", reseller of %.*s", len(s.domains[d].name), s.domains[d].name.data());
  std::string where = place_text(s, s.user_places, u);
  if (!where.empty()) w.add(" (%s)", where.c_str());
  w.add("\n");
}

void write_target(BufferWriter &w, const Snapshot &s, const Outcome &o, const TargetRef &t) {
  if (t.kind == TargetKind::none) return w.add("target: none\n");
  if (o.target_user != kNoIndex) {
    write_user(w, s, "target user", o.target_user);
  } else {
    w.add("target %s %.*s", target_kind_name(t.kind), len(t.id), t.id.data());
    if (!t.domain.empty()) w.add("@%.*s", len(t.domain), t.domain.data());
    if (!t.site.empty()) w.add(", site %.*s", len(t.site), t.site.data());
    if (!t.owner.empty()) w.add(", owner %.*s", len(t.owner), t.owner.data());
    w.add("\n");
  }
  if (o.target_queue != kNoIndex) {
    const Queue &q = s.queues[o.target_queue];
    w.add("queue %.*s", len(q.name), q.name.data());
    if (q.site != kNoIndex) w.add(", site %.*s", len(s.sites[q.site].name), s.sites[q.site].name.data());
    w.add("\n");
  } else if (!t.queue.empty()) {
    w.add("queue %.*s (unknown)\n", len(t.queue), t.queue.data());
  }
}

// Which level of SPEC 3.1 set the grant, and the entry's FILE:LINE:
// "(domain bluefin.example, FILE:LINE)", "(user 101@bluefin.example, ...)",
// "(level top, ...)" or "(level default)". Only a decision that reached
// rule 4 has a grant to describe.
void write_grant_level(BufferWriter &w, const Snapshot &s, const Outcome &o) {
  if (o.actor == kNoIndex || !o.has_grant()) return;
  if (o.level == Level::built_in) return w.add(" (level default)");
  const User &actor = s.users[o.actor];
  std::string_view domain = s.domains[actor.domain].name;
  PlaceView at = s.place_view(o.grant_where);  // every level but the default has its entry's place
  switch (o.level) {
    case Level::user:
      w.add(" (user %.*s@%.*s, %.*s:%u)", len(actor.id), actor.id.data(), len(domain), domain.data(), len(at.file),
            at.file.data(), at.line);
      break;
    case Level::domain:
      w.add(" (domain %.*s, %.*s:%u)", len(domain), domain.data(), len(at.file), at.file.data(), at.line);
      break;
    case Level::top: w.add(" (level top, %.*s:%u)", len(at.file), at.file.data(), at.line); break;
    case Level::built_in: break;
  }
}

void write_feature(BufferWriter &w, const Snapshot &s, const Outcome &o) {
  const Feature &f = s.features[o.feature];
  w.add("feature %.*s: grant %s", len(f.id), f.id.data(), reach_name(o.grant));
  write_grant_level(w, s, o);
  if (f.view) w.add(", view %s", view_flag_name(f.view));
  if (f.guarded) w.add(", guarded");
  w.add("\n");
}

}  // namespace

void write_explanation(const Snapshot *s, const Outcome &o, const ExplainInput &in, char *buf, size_t cap) {
  if (buf == nullptr || cap == 0) return;
  BufferWriter w(buf, cap);
  write_rule(w, o);
  if (s == nullptr) return;
  if (o.actor != kNoIndex)
    write_user(w, *s, "actor", o.actor);
  else if (o.reason != Reason::bad_request && o.reason != Reason::emergency)
    w.add("actor %.*s@%.*s: not in the config\n", len(in.user), in.user.data(), len(in.domain), in.domain.data());
  if (o.hook == Hook::login) w.add("channel %.*s\n", len(in.subject), in.subject.data());
  if (o.hook == Hook::login && o.actor != kNoIndex)
    w.add("allowed channels for %s: %s\n", scope_name(s->users[o.actor].scope),
          channel_words(s->login_channels[size_t(s->users[o.actor].scope)]).c_str());
  if (o.hook == Hook::dial) {
    w.add("destination %.*s\n", len(in.subject), in.subject.data());
    if (o.dial_rule != kNoIndex) {
      const DialRule &r = s->dial_rules[o.dial_rule];
      w.add("dial rule %u: %s %.*s -> feature %.*s\n", unsigned(o.dial_rule + 1), r.pattern != kNoIndex ? "pattern" : "prefix",
            len(r.text), r.text.data(), len(r.feature_id), r.feature_id.data());
    }
  }
  if (o.hook == Hook::feature && o.feature == kNoIndex && o.reason == Reason::unknown_feature)
    w.add("feature %.*s: in no policy\n", len(in.subject), in.subject.data());
  if (o.feature != kNoIndex) write_feature(w, *s, o);
  if (!target_looked_at(o.rule)) return;
  if (in.target)
    write_target(w, *s, o, *in.target);
  else if (o.target_user != kNoIndex)  // a dial rule's target
    write_user(w, *s, "target user", o.target_user);
  if (!in.target && o.target_queue != kNoIndex)
    w.add("queue %.*s\n", len(s->queues[o.target_queue].name), s->queues[o.target_queue].name.data());
}

}  // namespace scopegate
