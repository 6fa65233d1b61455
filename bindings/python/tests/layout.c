/* Prints the size and field offsets of every structure of scopegate.h as
 * JSON, compiled as C99 against the header: test_layout.py compares them
 * with the ctypes mirror of the Python binding (scopegate/_abi.py), so a
 * drift between the two fails a test instead of corrupting a process. */
#include <stdio.h>
#include <stddef.h>

#include "scopegate/scopegate.h"

#define OPEN(s) printf("%s\"%s\": {\"size\": %zu", first ? "" : ", ", #s, sizeof(s)); first = 0
#define F(s, f) printf(", \"%s\": %zu", #f, offsetof(s, f))
#define CLOSE() printf("}")

int main(void) {
  int first = 1;
  printf("{");
  OPEN(sg_str); F(sg_str, ptr); F(sg_str, len); CLOSE();
  OPEN(sg_error); F(sg_error, struct_size); F(sg_error, code); F(sg_error, message); CLOSE();
  OPEN(sg_open_args); F(sg_open_args, struct_size); F(sg_open_args, config_path);
  F(sg_open_args, log); F(sg_open_args, log_user); F(sg_open_args, log_min_level);
  F(sg_open_args, diagnostic); F(sg_open_args, diagnostic_user); CLOSE();
  OPEN(sg_target); F(sg_target, kind); F(sg_target, id); F(sg_target, domain);
  F(sg_target, object_kind); F(sg_target, site); F(sg_target, owner); F(sg_target, queue);
  F(sg_target, scope); CLOSE();
  OPEN(sg_login_req); F(sg_login_req, struct_size); F(sg_login_req, flags); F(sg_login_req, user);
  F(sg_login_req, domain); F(sg_login_req, channel); CLOSE();
  OPEN(sg_dial_req); F(sg_dial_req, struct_size); F(sg_dial_req, flags); F(sg_dial_req, user);
  F(sg_dial_req, domain); F(sg_dial_req, destination); CLOSE();
  OPEN(sg_feature_req); F(sg_feature_req, struct_size); F(sg_feature_req, flags);
  F(sg_feature_req, user); F(sg_feature_req, domain); F(sg_feature_req, feature);
  F(sg_feature_req, target); CLOSE();
  OPEN(sg_decision); F(sg_decision, struct_size); F(sg_decision, verdict); F(sg_decision, reason);
  F(sg_decision, reason_name); F(sg_decision, generation); F(sg_decision, explain);
  F(sg_decision, explain_cap); CLOSE();
  OPEN(sg_info); F(sg_info, struct_size); F(sg_info, generation); F(sg_info, last_reload_ok);
  F(sg_info, last_reload_message); F(sg_info, domains); F(sg_info, users); F(sg_info, queues);
  F(sg_info, revision); F(sg_info, files_read); F(sg_info, domains_rebuilt); F(sg_info, load_usec);
  CLOSE();
  OPEN(sg_report_req); F(sg_report_req, struct_size); F(sg_report_req, command);
  F(sg_report_req, flags); F(sg_report_req, user); F(sg_report_req, domain);
  F(sg_report_req, feature); F(sg_report_req, target); F(sg_report_req, old_config); CLOSE();
  OPEN(sg_report); F(sg_report, struct_size); F(sg_report, count); F(sg_report, text);
  F(sg_report, len); CLOSE();
  OPEN(sg_api); F(sg_api, struct_size); F(sg_api, abi_major); F(sg_api, abi_minor);
  F(sg_api, module_version); F(sg_api, open); F(sg_api, close); F(sg_api, reload);
  F(sg_api, login); F(sg_api, dial); F(sg_api, feature); F(sg_api, info); F(sg_api, dump);
  F(sg_api, check);
  F(sg_api, report); F(sg_api, report_free);
  CLOSE();
  printf("}\n");
  return 0;
}
