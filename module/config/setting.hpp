// libconfig's tree read through its C API. A Setting is a handle to one
// setting of a ConfigTree, passed by value; a null handle means "absent".
//
// Why not libconfig's C++ API: it allocates a wrapper object for every
// setting it hands out, keeps it until the tree is destroyed and frees it
// then. A million users are several million settings, and those wrappers
// were a tenth of `open` (bench/README.md, the small offices' shape). The
// handle keeps the C++ API's method names, so the loaders read the same.
#pragma once

#include <libconfig.h>

#include <string>

namespace scopegate {

class Setting {
 public:
  enum Type : short {
    TypeNone = CONFIG_TYPE_NONE,
    TypeGroup = CONFIG_TYPE_GROUP,
    TypeInt = CONFIG_TYPE_INT,
    TypeInt64 = CONFIG_TYPE_INT64,
    TypeFloat = CONFIG_TYPE_FLOAT,
    TypeString = CONFIG_TYPE_STRING,
    TypeBoolean = CONFIG_TYPE_BOOL,
    TypeArray = CONFIG_TYPE_ARRAY,
    TypeList = CONFIG_TYPE_LIST,
  };

  Setting() = default;
  explicit Setting(const config_setting_t *s) : s_(s) {}

  // Whether the handle names a setting (not its value: see as_bool()).
  explicit operator bool() const { return s_ != nullptr; }
  // Pointer-like access, so "absent or a setting" reads as it did with
  // libconfig's `Setting `.
  const Setting &operator*() const { return *this; }
  const Setting *operator->() const { return this; }

  Type getType() const { return static_cast<Type>(s_->type); }
  bool isGroup() const { return s_->type == CONFIG_TYPE_GROUP; }
  bool isList() const { return s_->type == CONFIG_TYPE_LIST; }
  bool isArray() const { return s_->type == CONFIG_TYPE_ARRAY; }
  // The setting's name; nullptr for an element of a list or array.
  const char *getName() const { return s_->name; }
  unsigned getSourceLine() const { return s_->line; }

  // Elements of a group, list or array (0 for a scalar).
  int getLength() const { return config_setting_length(s_); }
  Setting operator[](int i) const { return Setting(config_setting_get_elem(s_, static_cast<unsigned>(i))); }
  // A group's member by name; a null handle when absent.
  Setting member(const char *name) const { return Setting(config_setting_get_member(s_, name)); }
  bool exists(const char *name) const { return static_cast<bool>(member(name)); }

  // Values: call only on a setting of the matching type.
  const char *c_str() const { return s_->value.sval ? s_->value.sval : ""; }
  bool as_bool() const { return s_->value.ival != 0; }
  long long as_integer() const { return s_->type == CONFIG_TYPE_INT64 ? s_->value.llval : s_->value.ival; }

  // The libconfig setting itself (the tree owns it).
  const config_setting_t *raw() const { return s_; }

 private:
  const config_setting_t *s_ = nullptr;
};

// One parsed config: owns libconfig's tree, frees it when destroyed.
class ConfigTree {
 public:
  ConfigTree();
  ~ConfigTree();
  ConfigTree(const ConfigTree &) = delete;
  ConfigTree &operator=(const ConfigTree &) = delete;

  // Parses text (size bytes, not necessarily NUL-terminated). False on a
  // syntax error: error_line() and error_text() say where and what.
  bool parse(const char *text, size_t size);
  unsigned error_line() const;
  std::string error_text() const;

  Setting root() const { return Setting(config_root_setting(&config_)); }
  // Frees a group's member and everything under it now rather than with
  // the tree: a domain's users, once read, while they are still in cache.
  void release(Setting group, const char *name);

 private:
  config_t config_;
};

}  // namespace scopegate
