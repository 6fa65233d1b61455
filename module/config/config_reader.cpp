#include "config/config_reader.hpp"

#include <cstdio>
#include <memory>

#include "common/suggest.hpp"
#include "config/source/config_source.hpp"
#include "config/source/syntax_hint.hpp"

namespace scopegate {

using libconfig::Setting;

std::string directory_of(const std::string &path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

namespace {

void prepare(libconfig::Config &cfg) {
  // Keep scalar types strict: "1" is not 1, and 1 is not 1.0.
  cfg.setOptions(cfg.getOptions() & ~libconfig::Setting::OptionAutoConvert);
}

// libconfig's readString copies the whole text (and measures it) first; a
// stream over the text lets its scanner read it in place, in chunks.
void read_from_memory(libconfig::Config &cfg, const std::string &text) {
  if (text.empty()) return cfg.readString("");
  std::unique_ptr<FILE, int (*)(FILE *)> stream(::fmemopen(const_cast<char *>(text.data()), text.size(), "r"), ::fclose);
  if (!stream) return cfg.readString(text);
  cfg.read(stream.get());
}

}  // namespace

bool parse_source(const ConfigSource &source, libconfig::Config &cfg, Diagnostics &d) {
  prepare(cfg);
  const LineMap &map = source.map();
  try {
    read_from_memory(cfg, source.text());
  } catch (const libconfig::ParseException &e) {
    SyntaxHint hint = explain_syntax_error(source.text(), static_cast<unsigned>(e.getLine()), e.getError());
    d.error_at(map.at(hint.line), hint.message.starts_with("syntax error") ? hint.message : "syntax error: " + hint.message);
    return false;
  }
  if (cfg.getRoot().getLength() == 0) {
    d.error_at(map.at(1), "empty config: no settings");
    return false;
  }
  d.set_source(&map);
  return true;
}

bool read_config_text(const char *text, const std::string &name, libconfig::Config &cfg, Diagnostics &d) {
  prepare(cfg);
  try {
    cfg.readString(text);
  } catch (const libconfig::ParseException &e) {
    d.error_at(ConfigPlace{name, static_cast<unsigned>(e.getLine())}, std::string("syntax error: ") + e.getError());
    return false;
  }
  if (cfg.getRoot().getLength() > 0) return true;
  d.error_at(ConfigPlace{name, 0}, "empty config: no settings");
  return false;
}

GroupReader::GroupReader(const Setting &group, Diagnostics &d, std::initializer_list<std::string_view> allowed)
    : group_(group), d_(d) {
  if (allowed.size() <= kMaxKeys) {
    for (std::string_view a : allowed) keys_[key_count_++] = a;
  }
  for (int i = 0; i < group.getLength(); ++i) {
    const Setting &s = group[i];
    const char *name = s.getName();
    bool known = false;
    if (name) {
      std::string_view n(name);
      for (size_t k = 0; k < key_count_ && !known; ++k)
        if (keys_[k] == n) {
          known = true;
          if (!found_[k]) found_[k] = &s;  // libconfig refuses a name twice in a group
        }
      for (auto a : allowed) known = known || a == n;
    }
    if (!known) d.error(s, std::string("unknown key '") + (name ? name : "?") + "'" + Suggestion(name ? name : "").from(allowed).hint());
  }
}

const Setting *GroupReader::get(const char *key) const {
  std::string_view k(key);
  for (size_t i = 0; i < key_count_; ++i)
    if (keys_[i] == k) return found_[i];
  // A key outside the allowed list (or a group with too many allowed keys).
  return group_.exists(key) ? &group_[key] : nullptr;
}

const Setting *GroupReader::typed(const char *key, std::initializer_list<Setting::Type> types, const char *type_name) {
  const Setting *s = get(key);
  if (!s) return nullptr;
  for (auto t : types)
    if (s->getType() == t) return s;
  d_.error(*s, std::string("'") + key + "' must be " + type_name);
  return nullptr;
}

std::optional<std::string> GroupReader::string(const char *key, bool required) {
  if (required && !get(key)) {
    d_.error(group_, std::string("missing '") + key + "'");
    return std::nullopt;
  }
  const Setting *s = typed(key, {Setting::TypeString}, "a string");
  if (!s) return std::nullopt;
  return std::string(s->c_str());
}

std::optional<bool> GroupReader::boolean(const char *key) {
  const Setting *s = typed(key, {Setting::TypeBoolean}, "true or false");
  if (!s) return std::nullopt;
  return static_cast<bool>(*s);
}

std::optional<long long> GroupReader::integer(const char *key) {
  const Setting *s = typed(key, {Setting::TypeInt, Setting::TypeInt64}, "an integer");
  if (!s) return std::nullopt;
  // Without auto-conversion libconfig converts only to the exact type.
  return s->getType() == Setting::TypeInt ? static_cast<long long>(static_cast<int>(*s)) : static_cast<long long>(*s);
}

const Setting *GroupReader::sequence(const char *key) {
  return typed(key, {Setting::TypeArray, Setting::TypeList}, "a list [ ... ]");
}

const Setting *GroupReader::subgroup(const char *key) { return typed(key, {Setting::TypeGroup}, "a group { ... }"); }

std::vector<std::pair<std::string, const Setting *>> string_items(const Setting &seq, Diagnostics &d) {
  std::vector<std::pair<std::string, const Setting *>> out;
  for (int i = 0; i < seq.getLength(); ++i) {
    const Setting &item = seq[i];
    if (item.getType() != Setting::TypeString) {
      d.error(item, std::string("'") + (seq.getName() ? seq.getName() : "list") + "' holds strings only");
      continue;
    }
    out.emplace_back(item.c_str(), &item);
  }
  return out;
}

}  // namespace scopegate


