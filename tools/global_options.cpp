// global_options.cpp - argv scanning for the shared options.
#include "global_options.hpp"

namespace scopegate::cli {
namespace {

enum class Taken { yes, no, failed };

// An option with a value, as "NAME VALUE" or "NAME=VALUE".
Taken take_valued(std::string_view long_name, std::string_view short_name, int argc, char **argv, int &i,
                  std::string &value, std::string &error) {
  const std::string_view word = argv[i];
  if (word.starts_with(long_name) && word.size() > long_name.size() && word[long_name.size()] == '=') {
    value = word.substr(long_name.size() + 1);
  } else if (word != long_name && (short_name.empty() || word != short_name)) {
    return Taken::no;
  } else if (i + 1 < argc) {
    value = argv[++i];
  } else {
    value.clear();
  }
  // An empty value would silently mean "the default" - refuse it instead.
  if (value.empty()) {
    error = std::string(long_name) + " needs a value";
    return Taken::failed;
  }
  return Taken::yes;
}

bool *flag_slot(std::string_view word, GlobalOptions &out) {
  if (word == "--json") return &out.json;
  if (word == "--help" || word == "-h") return &out.help;
  if (word == "--version" || word == "-V") return &out.version;
  return nullptr;
}

Taken take_flag(std::string_view word, GlobalOptions &out) {
  bool *slot = flag_slot(word, out);
  if (slot == nullptr) return Taken::no;
  *slot = true;
  return Taken::yes;
}

Taken take_global(int argc, char **argv, int &i, GlobalOptions &out, std::string &error) {
  const Taken config = take_valued("--config", "-c", argc, argv, i, out.config_path, error);
  if (config != Taken::no) return config;
  const Taken module = take_valued("--module", "", argc, argv, i, out.module_path, error);
  if (module != Taken::no) return module;
  return take_flag(argv[i], out);
}

}  // namespace

bool parse_global_options(int argc, char **argv, GlobalOptions &out, std::string &error) {
  bool verbatim = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (verbatim) {
      out.command.push_back(word);
      continue;
    }
    if (word == "--") {
      verbatim = true;
      continue;
    }
    const Taken taken = take_global(argc, argv, i, out, error);
    if (taken == Taken::failed) return false;
    if (taken == Taken::yes) continue;
    if (out.command.empty() && word.starts_with('-')) {
      error = "unknown option '" + std::string(word) + "'";
      return false;
    }
    out.command.push_back(word);
  }
  return true;
}

}  // namespace scopegate::cli
