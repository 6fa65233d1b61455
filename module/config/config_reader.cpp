#include "config/config_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace scopegate {

using libconfig::Setting;

// Problems with a file as a whole (missing, empty) are reported at line 1,
// so every message has the FILE:LINE: shape scripts parse.
std::string ConfigMessage::str() const { return file + ":" + std::to_string(line ? line : 1) + ": " + text; }

namespace {

// Config text quoted in a message must not break the one-message-a-line
// shape (a newline in an id could forge a second message): control bytes
// are written as \xNN.
std::string escape_controls(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

ConfigMessage Diagnostics::locate(const Setting &where, std::string text) const {
  const char *source = where.getSourceFile();
  std::string file = source ? source : fallback_file_;
  // A file read by path (a domains_dir file) is named as it was opened,
  // already under include_dir_; only an @include's own name is relative.
  bool named_as_opened = !include_dir_.empty() && file.starts_with(include_dir_ + "/");
  if (source && source[0] != '/' && file != fallback_file_ && !include_dir_.empty() && !named_as_opened)
    file = include_dir_ + "/" + file;
  return ConfigMessage{escape_controls(std::move(file)), where.getSourceLine(), escape_controls(std::move(text))};
}

std::string Diagnostics::file_of(const Setting &where) const { return locate(where, {}).file; }

std::string Diagnostics::place(const Setting &where) const {
  ConfigMessage m = locate(where, {});
  return m.file + ":" + std::to_string(m.line == 0 ? 1 : m.line);
}

void Diagnostics::error(const Setting &where, std::string text) { errors_.push_back(locate(where, std::move(text))); }
void Diagnostics::warn(const Setting &where, std::string text) { warnings_.push_back(locate(where, std::move(text))); }
void Diagnostics::error_in(std::string file, unsigned line, std::string text) {
  errors_.push_back(ConfigMessage{escape_controls(std::move(file)), line, escape_controls(std::move(text))});
}
void Diagnostics::warn_in(std::string file, unsigned line, std::string text) {
  warnings_.push_back(ConfigMessage{escape_controls(std::move(file)), line, escape_controls(std::move(text))});
}

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

bool check_not_empty(const libconfig::Config &cfg, const std::string &name, Diagnostics &d) {
  if (cfg.getRoot().getLength() > 0) return true;
  d.error_in(name, 0, "empty config: no settings");
  return false;
}

}  // namespace

bool read_config_file(const std::string &path, libconfig::Config &cfg, Diagnostics &d) {
  prepare(cfg);
  std::string dir = directory_of(path);
  cfg.setIncludeDir(dir.c_str());
  d.set_include_dir(dir);
  {
    // libconfig's own message for an unreadable file does not say why.
    std::ifstream probe(path);
    if (!probe) {
      d.error_in(path, 0, std::string("cannot read config: ") + std::strerror(errno));
      return false;
    }
  }
  try {
    cfg.readFile(path.c_str());
  } catch (const libconfig::FileIOException &) {
    d.error_in(path, 0, "cannot read config");
    return false;
  } catch (const libconfig::ParseException &e) {
    d.error_in(e.getFile() ? e.getFile() : path, static_cast<unsigned>(e.getLine()),
               std::string("syntax error: ") + e.getError());
    return false;
  }
  return check_not_empty(cfg, path, d);
}

bool read_config_text(const char *text, const std::string &name, libconfig::Config &cfg, Diagnostics &d) {
  prepare(cfg);
  try {
    cfg.readString(text);
  } catch (const libconfig::ParseException &e) {
    d.error_in(name, static_cast<unsigned>(e.getLine()), std::string("syntax error: ") + e.getError());
    return false;
  }
  return check_not_empty(cfg, name, d);
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
    if (!known) d.error(s, std::string("unknown key '") + (name ? name : "?") + "'");
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


