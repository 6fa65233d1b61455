#include "report/diff.hpp"

#include <algorithm>

#include "report/diff_users.hpp"
#include "report/json_text.hpp"

namespace scopegate {

namespace {

// Users of the new config in its order, then those only the old one has.
std::vector<UserPair> user_pairs(const Snapshot &old_s, const Snapshot &new_s) {
  std::vector<UserPair> out;
  out.reserve(new_s.users.size());
  for (Index i = 0; i < new_s.users.size(); ++i) {
    const User &u = new_s.users[i];
    std::string_view domain = new_s.domains[u.domain].name;
    out.push_back(UserPair{u.id, domain, old_s.find_user_at(domain, u.id), i});
  }
  for (Index i = 0; i < old_s.users.size(); ++i) {
    const User &u = old_s.users[i];
    std::string_view domain = old_s.domains[u.domain].name;
    if (new_s.find_user_at(domain, u.id) == kNoIndex) out.push_back(UserPair{u.id, domain, i, kNoIndex});
  }
  return out;
}

std::string rule_words(const DialRule &r) {
  std::string out(r.feature_id);
  if (r.target == DialTarget::user) out += " user";
  if (r.target == DialTarget::queue) out += " queue";
  return out;
}

// Dial rules by their prefix or pattern. A new rule restricts what used to
// be allowed by default; a removed or changed one may open dials up.
void diff_dial_rules(const Snapshot &old_s, const Snapshot &new_s, std::vector<Change> &out) {
  auto find = [](const Snapshot &s, std::string_view text) -> const DialRule * {
    for (const DialRule &r : s.dial_rules)
      if (r.text == text) return &r;
    return nullptr;
  };
  for (const DialRule &r : new_s.dial_rules) {
    const DialRule *was = find(old_s, r.text);
    if (was == nullptr) out.push_back(Change{"", "dial_rule", std::string(r.text), "", rule_words(r), false});
    else if (rule_words(*was) != rule_words(r))
      out.push_back(Change{"", "dial_rule", std::string(r.text), rule_words(*was), rule_words(r), true});
  }
  for (const DialRule &r : old_s.dial_rules)
    if (find(new_s, r.text) == nullptr) out.push_back(Change{"", "dial_rule", std::string(r.text), rule_words(r), "", true});
}

void diff_emergency(const Snapshot &old_s, const Snapshot &new_s, std::vector<Change> &out) {
  auto has = [](const Snapshot &s, std::string_view n) {
    return std::find(s.emergency_numbers.begin(), s.emergency_numbers.end(), n) != s.emergency_numbers.end();
  };
  for (std::string_view n : new_s.emergency_numbers)
    if (!has(old_s, n)) out.push_back(Change{"", "emergency_number", std::string(n), "", "emergency", true});
  for (std::string_view n : old_s.emergency_numbers)
    if (!has(new_s, n)) out.push_back(Change{"", "emergency_number", std::string(n), "emergency", "", false});
}

void json_value(std::string &out, std::string_view key, const std::string &value) {
  out.append(",\"").append(key).append("\":");
  if (value.empty()) out.append("null");
  else append_json_string(out, value);
}

void write_json(std::string &out, const Change &c) {
  out.push_back('{');
  if (!c.user.empty()) append_json_field(out, "user", c.user, true);
  append_json_field(out, "what", c.what, c.user.empty());
  std::string_view what = c.what;
  // A target change is named by its feature; the object is its old/new value.
  const char *key = what == "login"                         ? "channel"
                    : what == "feature" || what == "target" ? "feature"
                    : what == "user"                        ? "field"
                    : what == "dial_rule"                   ? "rule"
                                                            : "number";
  append_json_field(out, key, c.key);
  json_value(out, "old", c.old_value);
  json_value(out, "new", c.new_value);
  out.append(c.widens ? ",\"widens\":true}\n" : ",\"widens\":false}\n");
}

std::string user_line(const Change &c) {
  std::string_view what = c.what;
  if (c.key == "present") return c.new_value.empty() ? "removed (was " + c.old_value + ")" : "added (" + c.new_value + ")";
  if (what == "user")
    return c.key + " " + (c.old_value.empty() ? "-" : c.old_value) + " -> " + (c.new_value.empty() ? "-" : c.new_value);
  if (what == "login")
    return c.widens ? "may now log in on " + c.key : "may no longer log in on " + c.key + " (" + c.new_value + ")";
  if (what == "target")
    return c.widens ? "may now " + c.key + " " + c.new_value : "may no longer " + c.key + " " + c.old_value;
  bool was = c.old_value.starts_with("allow"), is = c.new_value.starts_with("allow");
  if (was && is)
    return std::string(c.widens ? "may now " : "may now only ") + c.key + " with reach " + c.new_value.substr(6) +
           " (was " + c.old_value.substr(6) + ")";
  if (is) return "may now " + c.key + " (reach " + c.new_value.substr(6) + ")";
  return "may no longer " + c.key + " (" + c.new_value + ")";
}

std::string config_line(const Change &c) {
  std::string_view what = c.what;
  const char *noun = what == "dial_rule" ? "dial rule " : "emergency number ";
  if (c.old_value.empty()) return noun + c.key + " added" + (what == "dial_rule" ? ": " + c.new_value : "");
  if (c.new_value.empty()) return noun + c.key + " removed";
  return noun + c.key + ": " + c.old_value + " -> " + c.new_value;
}

void write_text(std::string &out, const Change &c, const Change *previous) {
  if (previous != nullptr && previous->user != c.user) out.push_back('\n');  // grouped by user
  std::string_view what = c.what;
  char sign = what == "user" && c.key != "present" ? '~' : (c.widens ? '+' : '-');
  out.push_back(sign);
  out.push_back(' ');
  if (!c.user.empty()) out.append(c.user).append(" ").append(user_line(c));
  else out.append(config_line(c));
  out.push_back('\n');
}

}  // namespace

std::vector<Change> diff_snapshots(const Snapshot &old_s, const Snapshot &new_s) {
  std::vector<Change> out;
  std::vector<std::string_view> features = feature_union(old_s, new_s);
  for (const UserPair &p : user_pairs(old_s, new_s)) diff_user(old_s, new_s, p, features, out);
  diff_dial_rules(old_s, new_s, out);
  diff_emergency(old_s, new_s, out);
  return out;
}

size_t report_diff(const Snapshot &old_s, const Snapshot &new_s, const DiffQuery &q, std::string &out) {
  size_t written = 0;
  const Change *previous = nullptr;
  std::vector<Change> changes = diff_snapshots(old_s, new_s);
  for (const Change &c : changes) {
    if (q.widen_only && !c.widens) continue;
    if (q.json) write_json(out, c);
    else write_text(out, c, previous);
    previous = &c;
    ++written;
  }
  return written;
}

}  // namespace scopegate
