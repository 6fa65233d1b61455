#include "config/setting.hpp"

#include <cstdio>
#include <memory>

namespace scopegate {

ConfigTree::ConfigTree() {
  config_init(&config_);
  // Keep scalar types strict: "1" is not 1, and 1 is not 1.0.
  config_set_options(&config_, config_get_options(&config_) & ~CONFIG_OPTION_AUTOCONVERT);
}

ConfigTree::~ConfigTree() { config_destroy(&config_); }

bool ConfigTree::parse(const char *text, size_t size) {
  if (size == 0) return config_read_string(&config_, "") == CONFIG_TRUE;
  // A stream over the text lets libconfig's scanner read it in place, in
  // chunks; config_read_string would need a NUL-terminated copy.
  std::unique_ptr<FILE, int (*)(FILE *)> stream(::fmemopen(const_cast<char *>(text), size, "r"), ::fclose);
  if (!stream) return config_read_string(&config_, std::string(text, size).c_str()) == CONFIG_TRUE;
  return config_read(&config_, stream.get()) == CONFIG_TRUE;
}

unsigned ConfigTree::error_line() const { return static_cast<unsigned>(config_error_line(&config_)); }

std::string ConfigTree::error_text() const {
  const char *text = config_error_text(&config_);
  return text ? text : "unreadable config";
}

void ConfigTree::release(Setting group, const char *name) {
  // The tree is ours: only handles into it are const.
  config_setting_remove(const_cast<config_setting_t *>(group.raw()), name);
}

}  // namespace scopegate
