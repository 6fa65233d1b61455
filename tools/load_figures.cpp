// load_figures.cpp - the revision and the work of a load, as text and JSON.
#include "load_figures.hpp"

#include <cstdio>

namespace scopegate::cli {

bool has_load_figures(const sg_api *api) { return api != nullptr && api->abi_major == 1 && api->abi_minor >= 3; }

std::string revision_text(uint64_t revision) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(revision));
  return text;
}

std::string load_figures_text(const LoadFigures &f) {
  char took[48];
  std::snprintf(took, sizeof took, "%llu.%03llu ms", static_cast<unsigned long long>(f.usec / 1000),
                static_cast<unsigned long long>(f.usec % 1000));
  std::string out = std::to_string(f.files_read) + " files read, " + std::to_string(f.domains_rebuilt) +
                    " domains built in " + took + "\n";
  return f.revision ? out + "revision " + revision_text(f.revision) + "\n" : out;
}

void append_load_figures_json(std::string &out, const LoadFigures &f) {
  if (f.revision) out += ",\"revision\":\"" + revision_text(f.revision) + "\"";
  out += ",\"files_read\":" + std::to_string(f.files_read) +
         ",\"domains_rebuilt\":" + std::to_string(f.domains_rebuilt) + ",\"load_usec\":" + std::to_string(f.usec);
}

}  // namespace scopegate::cli
