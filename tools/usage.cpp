// usage.cpp - the --help text: the grammar of SPEC.md section 6.
#include <cstdio>

#include "commands.hpp"

#ifndef SG_DEFAULT_CONFIG
#error "SG_DEFAULT_CONFIG must name the default main config file"
#endif

namespace scopegate::cli {

void print_usage(std::FILE *out) {
  std::fputs(
      "usage: scopegate [-c FILE] [--module PATH] [--json] COMMAND ...\n"
      "\n"
      "  check [--strict] [--user NAME]          validate the config as open would; --strict:\n"
      "                                          warnings are errors; --user: as that user\n"
      "  info                                    what a process opening the config reports:\n"
      "                                          generation, counts, files read, domains built,\n"
      "                                          load time and the content revision\n"
      "  login   USER@DOMAIN CHANNEL             one login decision\n"
      "  dial    USER@DOMAIN DESTINATION         one dialplan decision\n"
      "  feature USER@DOMAIN FEATURE [TARGET] [--queue NAME] [--scope SCOPE] [--site NAME] "
      "[--owner ID]\n"
      "                                          one feature decision\n"
      "  explain login|dial|feature ...          the same decision, with the rule and grant\n"
      "                                          that decided it\n"
      "  batch                                   decisions read from standard input, one a line,\n"
      "                                          in the words above (\"login 101@acme.example "
      "portal\");\n"
      "                                          one result line each, in order; blank lines\n"
      "                                          and # comments skipped\n"
      "  dump [--domain NAME]                    the effective policy matrix and who holds\n"
      "                                          which scope\n"
      "  can  USER@DOMAIN [--feature F]          what one user may do: login per channel, every\n"
      "                                          granted feature, its reach, level and targets\n"
      "  who  FEATURE TARGET [--queue Q] [--scope S] [--site S] [--owner O]\n"
      "                                          every user that feature request allows\n"
      "  diff OLD_FILE [NEW_FILE] [--widen-only] who gains and who loses what (NEW_FILE\n"
      "                                          default: -c FILE); exit 0 same, 1 changes\n"
      "  test FILE...                            expectations (\"deny out_of_reach feature ...\")\n"
      "                                          checked; exit 0 all hold, 1 a failure\n"
      "\n"
      "TARGET:  user:ID[@DOMAIN] | queue:NAME[@DOMAIN] | site:NAME[@DOMAIN] | domain:NAME |\n"
      "         object:KIND/ID[@DOMAIN]\n"
      "         --queue without a TARGET names the acting user (an agent and their queue)\n"
      "CHANNEL: portal mobile_app web_phone attendant_console api sip_device\n"
      "SCOPE:   no_portal basic_user call_center_agent call_center_supervisor site_manager\n"
      "         office_manager reseller super_user\n"
      "FILE:    default " SG_DEFAULT_CONFIG
      "\n"
      "PATH:    default $SCOPEGATE_MODULE, else the module beside this program\n"
      "\n"
      "A decision prints \"allow ok\", \"deny REASON\" or \"error REASON\"; --json prints one\n"
      "JSON object a decision instead. Exit status: 0 allow, 1 deny, 2 error (bad request,\n"
      "bad config, module not loadable); check: 0 valid, 1 invalid; batch: 0 when every\n"
      "line was decided, 2 when a line was an error.\n"
      "\n"
      "  -c, --config FILE   the main config file\n"
      "  --module PATH       the scopegate.so to load\n"
      "  --json              JSON output\n"
      "  -h, --help          this text\n"
      "  -V, --version       versions of this program and of the module\n",
      out);
}

int usage_error(const char *message) {
  std::fprintf(stderr, "scopegate: %s\n(scopegate --help lists the commands)\n", message);
  return kExitError;
}

}  // namespace scopegate::cli
