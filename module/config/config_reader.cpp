#include "config/config_reader.hpp"

#include <cstring>

#include "common/suggest.hpp"
#include "config/source/config_source.hpp"
#include "config/source/syntax_hint.hpp"

namespace scopegate {

std::string directory_of(const std::string &path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool parse_source(const ConfigSource &source, ConfigTree &tree, Diagnostics &d) {
  const LineMap &map = source.map();
  if (!tree.parse(source.text().data(), source.text().size())) {
    SyntaxHint hint = explain_syntax_error(source.text(), tree.error_line(), tree.error_text().c_str());
    d.error_at(map.at(hint.line), hint.message.starts_with("syntax error") ? hint.message : "syntax error: " + hint.message);
    return false;
  }
  if (tree.root().getLength() == 0) {
    d.error_at(map.at(1), "empty config: no settings");
    return false;
  }
  d.set_source(&map);
  return true;
}

bool read_config_text(const char *text, const std::string &name, ConfigTree &tree, Diagnostics &d) {
  if (!tree.parse(text, std::strlen(text))) {
    d.error_at(ConfigPlace{name, tree.error_line()}, "syntax error: " + tree.error_text());
    return false;
  }
  if (tree.root().getLength() > 0) return true;
  d.error_at(ConfigPlace{name, 0}, "empty config: no settings");
  return false;
}

GroupReader::GroupReader(Setting group, Diagnostics &d, std::span<const std::string_view> allowed)
    : group_(group), d_(d) {
  if (allowed.size() <= kMaxKeys) {
    for (std::string_view a : allowed) keys_[key_count_++] = a;
  }
  for (int i = 0; i < group.getLength(); ++i) {
    Setting s = group[i];
    const char *name = s.getName();
    bool known = false;
    if (name) {
      std::string_view n(name);
      for (size_t k = 0; k < key_count_ && !known; ++k)
        if (keys_[k] == n) {
          known = true;
          if (!found_[k]) found_[k] = s;  // libconfig refuses a name twice in a group
        }
      if (key_count_ == 0)
        for (auto a : allowed) known = known || a == n;
    }
    if (!known) d.error(s, std::string("unknown key '") + (name ? name : "?") + "'" + Suggestion(name ? name : "").from(allowed).hint());
  }
}

Setting GroupReader::get(const char *key) const {
  std::string_view k(key);
  for (size_t i = 0; i < key_count_; ++i)
    if (keys_[i] == k) return found_[i];
  // A key outside the allowed list (or a group with too many allowed keys).
  return group_.member(key);
}

Setting GroupReader::typed(const char *key, std::initializer_list<Setting::Type> types, const char *type_name) {
  Setting s = get(key);
  if (!s) return {};
  for (auto t : types)
    if (s->getType() == t) return s;
  d_.error(s, std::string("'") + key + "' must be " + type_name);
  return {};
}

std::optional<std::string> GroupReader::string(const char *key, bool required) {
  if (required && !get(key)) {
    d_.error(group_, std::string("missing '") + key + "'");
    return std::nullopt;
  }
  Setting s = typed(key, {Setting::TypeString}, "a string");
  if (!s) return std::nullopt;
  return std::string(s->c_str());
}

std::optional<bool> GroupReader::boolean(const char *key) {
  Setting s = typed(key, {Setting::TypeBoolean}, "true or false");
  if (!s) return std::nullopt;
  return s.as_bool();
}

std::optional<long long> GroupReader::integer(const char *key) {
  Setting s = typed(key, {Setting::TypeInt, Setting::TypeInt64}, "an integer");
  if (!s) return std::nullopt;
  return s.as_integer();
}

Setting GroupReader::sequence(const char *key) {
  return typed(key, {Setting::TypeArray, Setting::TypeList}, "a list [ ... ]");
}

Setting GroupReader::subgroup(const char *key) { return typed(key, {Setting::TypeGroup}, "a group { ... }"); }

std::vector<std::pair<std::string, Setting>> string_items(Setting seq, Diagnostics &d) {
  std::vector<std::pair<std::string, Setting>> out;
  for (int i = 0; i < seq.getLength(); ++i) {
    Setting item = seq[i];
    if (item.getType() != Setting::TypeString) {
      d.error(item, std::string("'") + (seq.getName() ? seq.getName() : "list") + "' holds strings only");
      continue;
    }
    out.emplace_back(item.c_str(), item);
  }
  return out;
}

}  // namespace scopegate


