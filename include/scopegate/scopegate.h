/*
 * scopegate.h - the C ABI of the scopegate PBX module.
 *
 * A PBX host loads scopegate.so with dlopen(), looks up the one exported
 * symbol sg_module_api, and calls the module through the table it returns:
 *
 *     void *so = dlopen("/usr/lib/x86_64-linux-gnu/scopegate/scopegate.so", RTLD_NOW | RTLD_LOCAL);
 *     sg_module_api_fn get = (sg_module_api_fn)dlsym(so, SG_MODULE_API_SYMBOL);
 *     const sg_api *api = get(SG_ABI_MAJOR);          // NULL: incompatible module
 *
 * Conventions that hold for every function below:
 *
 *  - Strings are sg_str: a pointer and a length, borrowed for the duration of
 *    the call only, UTF-8, no NUL terminator needed (a SIP stack can hand over
 *    its own buffers). An *id* (user, domain, feature, destination, target id,
 *    queue, ...) is 1..255 bytes of valid UTF-8 without control characters.
 *    An optional field is absent when its len is 0. A NULL ptr with len > 0,
 *    a required field that is absent, or a malformed id is a *bad request*:
 *    the call returns SG_ERROR with reason SG_REASON_BAD_REQUEST. Nothing the
 *    host passes can crash the module, except pointers that lie about their
 *    length.
 *  - Every struct starts with struct_size; set it to sizeof(the struct) with
 *    SG_INIT(). The module reads and writes only the bytes struct_size covers,
 *    so a host built against an older header keeps working when a later minor
 *    version appends fields. A struct_size too small to hold the fields of
 *    ABI 1.0 is a bad request; a larger one (a newer host) is accepted and the
 *    extra bytes are ignored.
 *  - Decisions fail closed. The module writes SG_DENY into the decision before
 *    it does anything else, so every failure leaves a deny. SG_ERROR (bad
 *    request, internal error) must be treated as a deny by the host.
 *  - No C++ exception, abort() or exit() crosses this boundary: every entry
 *    point catches everything (out of memory included) and answers SG_ERROR
 *    with SG_REASON_INTERNAL_ERROR.
 *  - Concurrency: login, dial, feature and info may run on one handle from any
 *    number of threads at once, also while reload runs; a decision sees the
 *    old config or the new, never a mix. reload calls on one handle are
 *    serialised. open and close are not concurrent with anything on the same
 *    handle. Decisions take no lock that reload holds and allocate nothing
 *    unless SG_REQ_EXPLAIN is set.
 *  - The module starts no threads and installs no signal handlers: it is safe
 *    to load and open it before fork()ing worker processes; each process then
 *    has its own copy of the handle (reload in a child affects only that child).
 *    Other threads may be deciding at the moment of fork() (decisions hold no
 *    lock and allocate nothing), but none may be inside reload, info, open or
 *    close of that handle, nor writing a log line (an emergency call always
 *    writes one, a denial with log.audit = true): a child would inherit a
 *    lock of the handle or of its log sink held, and its own reload, info or
 *    next log line would wait forever.
 *
 * Compiles as C99 (-std=c99 -pedantic -Wall -Wextra -Werror) and as C++.
 */
#ifndef SCOPEGATE_SCOPEGATE_H
#define SCOPEGATE_SCOPEGATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SG_ABI_MAJOR 1
#define SG_ABI_MINOR 3
/* Minor versions append fields and entry points; a host checks
 * sg_api.abi_minor, SG_API_HAS() and struct_size before relying on them:
 *   1.1  sg_api.check, structured diagnostics (sg_open_args.diagnostic)
 *   1.2  sg_api.report and report_free, SG_REQ_EXPLAIN_JSON
 *   1.3  sg_info.revision and the last load's files_read, domains_rebuilt,
 *        load_usec; sg_check_result.files_read, revision, load_usec */

/* The name of the one symbol the module exports, for dlsym(). */
#define SG_MODULE_API_SYMBOL "sg_module_api"

/* An opaque handle: one loaded configuration and everything decided from it. */
typedef struct sg_handle sg_handle;

/* A borrowed UTF-8 string; no NUL needed. {NULL, 0} is the absent string. */
typedef struct sg_str {
  const char *ptr;
  size_t len;
} sg_str;

/* SG_STR("literal"): an sg_str of a string literal (without its NUL). */
#define SG_STR(literal) sg_str_make_(literal, sizeof(literal) - 1)

static inline sg_str sg_str_make_(const char *p, size_t n) {
  sg_str s;
  s.ptr = p;
  s.len = n;
  return s;
}

/* sg_cstr(s): an sg_str of a NUL-terminated string; NULL gives {NULL, 0}. */
static inline sg_str sg_cstr(const char *s) {
  return sg_str_make_(s, s ? strlen(s) : 0);
}

/* Verdicts: the return value of every decision and sg_decision.verdict. */
enum { SG_DENY = 0, SG_ALLOW = 1, SG_ERROR = -1 };

/* Login channels (sg_login_req.channel). Any other value is a bad request. */
enum {
  SG_CHANNEL_PORTAL = 1,
  SG_CHANNEL_MOBILE_APP,
  SG_CHANNEL_WEB_PHONE,
  SG_CHANNEL_ATTENDANT_CONSOLE,
  SG_CHANNEL_API,
  SG_CHANNEL_SIP_DEVICE
};

/* Target kinds (sg_target.kind). Any other value is a bad request. */
enum {
  SG_TARGET_NONE = 0,
  SG_TARGET_USER,
  SG_TARGET_QUEUE,
  SG_TARGET_SITE,
  SG_TARGET_DOMAIN,
  SG_TARGET_OBJECT
};

/* Reasons (sg_decision.reason). Stable; their names (sg_decision.reason_name)
 * are the reason codes used by the CLI and the logs: "ok", "unknown_user", ... */
enum {
  SG_REASON_OK = 0,
  SG_REASON_UNKNOWN_USER,
  SG_REASON_DISABLED_USER,
  SG_REASON_SYSTEM_USER,
  SG_REASON_NO_PORTAL_SCOPE,
  SG_REASON_CHANNEL_NOT_ALLOWED,
  SG_REASON_UNKNOWN_FEATURE,
  SG_REASON_SCOPE_LACKS_FEATURE,
  SG_REASON_VIEW_DISABLED,
  SG_REASON_OUT_OF_REACH,
  SG_REASON_UNKNOWN_TARGET,
  SG_REASON_RANK_TOO_LOW,
  SG_REASON_SELF_ASSIGNMENT,
  SG_REASON_EMERGENCY,
  SG_REASON_BAD_REQUEST,
  SG_REASON_INTERNAL_ERROR
};

/* Request flag: write a human-readable account of the deciding rule and
 * grant into sg_decision.explain (see there). */
#define SG_REQ_EXPLAIN 1u

/* Request flag (ABI 1.2), with SG_REQ_EXPLAIN: the explanation is one JSON
 * object of the facts that decided instead of text lines: "rule" ("2.2.7"),
 * "reason", "meaning", "actor" (scope, site, where: FILE:LINE of its
 * record, agent_of, supervises, view, domains of a reseller, channels),
 * "channel" / "destination" / "dial_rule", "feature" (grant, level, where,
 * view, guarded), "target", "target_user", "target_queue". An object that
 * does not fit in explain_cap is replaced by {"rule":...,"cut":true}. A
 * module older than 1.2 ignores the flag and writes text. */
#define SG_REQ_EXPLAIN_JSON 2u

/* Log levels for the host log callback and sg_open_args.log_min_level. */
enum { SG_LOG_DEBUG = 0, SG_LOG_INFO, SG_LOG_WARN, SG_LOG_ERROR };

/* Report commands (sg_report_req.command, ABI 1.2): what sg_api.report
 * enumerates or compares. */
enum { SG_REPORT_CAN = 1, SG_REPORT_WHO, SG_REPORT_DIFF, SG_REPORT_FEATURES, SG_REPORT_DUMP };

/* Report flags (sg_report_req.flags). */
#define SG_REPORT_JSON 1u       /* can, diff: JSON instead of text lines */
#define SG_REPORT_WIDEN_ONLY 2u /* diff: only changes that grant more */

/* SG_INIT(var): zero a struct and set its struct_size. */
#define SG_INIT(var) (memset(&(var), 0, sizeof(var)), (var).struct_size = (uint32_t)sizeof(var))

/* Why open or reload failed. Filled by the module when the pointer is not
 * NULL and struct_size covers the fields; message is NUL-terminated, at most
 * 511 bytes, and names the file and line ("/etc/scopegate/scopegate.conf:12:
 * unknown scope 'admin'"); several errors are separated by newlines, and the
 * message is cut (ending in "...") when they do not fit. code is 0 on
 * success, -1 on a config error, -2 on a bad argument, -3 on an internal
 * error (out of memory). */
typedef struct sg_error {
  uint32_t struct_size;
  int32_t code;
  char message[512];
} sg_error;

/* ABI 1.1: one config diagnostic, as separate fields, so a host need not
 * parse "FILE:LINE: error: MESSAGE" log text. Every pointer is borrowed:
 * valid only during the callback that receives the struct. */
enum { SG_DIAG_ERROR = 0, SG_DIAG_WARNING = 1 };
typedef struct sg_diagnostic {
  uint32_t struct_size;
  int32_t severity;    /* SG_DIAG_ERROR or SG_DIAG_WARNING */
  const char *file;    /* NUL-terminated path of the file the problem is in */
  uint32_t line;       /* 1-based; 1 for a problem with the file as a whole */
  uint32_t column;     /* 1-based; 0 when not known */
  const char *message; /* NUL-terminated; says what is wrong and what would be right */
} sg_diagnostic;

/* Receives diagnostics one at a time, in the order they were found. It may
 * be called from the thread that calls open, reload or check; it must not
 * call back into the module. */
typedef void (*sg_diagnostic_fn)(void *user, const sg_diagnostic *diagnostic);

typedef struct sg_open_args {
  uint32_t struct_size;
  /* NUL-terminated path of the main config file; NULL or "" means the
   * default /etc/scopegate/scopegate.conf. Copied: the module keeps the path
   * (not the pointer) and reloads from it. */
  const char *config_path;
  /* Optional log callback. When set, every log line of this handle goes here
   * (and the config's log.sink is ignored); msg is NUL-terminated and valid
   * only during the call. It may be called from any thread that calls into
   * the module, concurrently; it must not call back into the module. NULL:
   * log as the config's log section says. */
  void (*log)(void *user, int32_t level, const char *msg);
  void *log_user;        /* passed back to log() untouched */
  int32_t log_min_level; /* SG_LOG_*: lines below it are not sent to log() */
  /* ABI 1.1 (read only when struct_size covers them): every diagnostic of
   * this open and of each later reload of the handle, errors and warnings,
   * also goes to diagnostic (NULL: none). The log lines are written as
   * before. */
  sg_diagnostic_fn diagnostic;
  void *diagnostic_user; /* passed back to diagnostic() untouched */
} sg_open_args;

/* What a feature request acts on. kind SG_TARGET_NONE: no target (the rest
 * is ignored). Users and queues are looked up in the config: their site and
 * membership come from the config, never from these fields. */
typedef struct sg_target {
  int32_t kind;       /* SG_TARGET_* */
  sg_str id;          /* user id, queue name, site name, domain name, object id */
  sg_str domain;      /* absent: the actor's domain (SG_TARGET_DOMAIN: id, else this, else the actor's) */
  sg_str object_kind; /* objects: "auto_attendant", "conference", ... (informational) */
  sg_str site;        /* objects: the object's site, as the host knows it; absent: no site */
  sg_str owner;       /* objects: the owning user id ("101" or "101@acme.example"); reach self matches it */
  sg_str queue;       /* queue.agent.login/logout, agent.status.change: the queue; must be in reach too */
  sg_str scope;       /* scope.assign: the requested scope word ("basic_user", ...) */
} sg_target;

typedef struct sg_login_req {
  uint32_t struct_size;
  uint32_t flags; /* SG_REQ_* */
  sg_str user, domain;
  int32_t channel; /* SG_CHANNEL_* */
} sg_login_req;

typedef struct sg_dial_req {
  uint32_t struct_size;
  uint32_t flags;
  sg_str user, domain, destination;
} sg_dial_req;

typedef struct sg_feature_req {
  uint32_t struct_size;
  uint32_t flags;
  sg_str user, domain, feature;
  sg_target target;
} sg_feature_req;

/* The answer to a decision, owned by the host. Set struct_size (SG_INIT);
 * with SG_REQ_EXPLAIN also point explain at a buffer of explain_cap bytes:
 * the module writes a NUL-terminated account of the rule and grant that
 * decided, cut to fit. Without SG_REQ_EXPLAIN the buffer is left untouched. */
typedef struct sg_decision {
  uint32_t struct_size;
  int32_t verdict;         /* SG_ALLOW / SG_DENY / SG_ERROR: same as the return value */
  int32_t reason;          /* SG_REASON_* */
  const char *reason_name; /* static string ("out_of_reach"), never NULL after a call */
  uint64_t generation;     /* config generation that decided; 0 if none did */
  char *explain;
  size_t explain_cap;
} sg_decision;

/* The state of a handle (sg_api.info).
 *
 * ABI 1.3 appends revision and what the last successful load did. The
 * module writes them only when struct_size covers all four (a host built
 * against an older header passes a smaller struct, which keeps working); a
 * module older than 1.3 leaves them as the host set them, 0 after SG_INIT.
 *
 * revision identifies the config in force by its content: a 64-bit hash of
 * the effective config (every domain, user, queue, grant at every policy
 * level, dial rule, emergency number, login channel and the log and
 * strictness settings), not a counter. Every process and every node that
 * loaded an equal config with the same module version reports the same
 * revision, however the config is written: comments, spacing, includes,
 * one file or a domains_dir of many, and the order in which the domains
 * come are not part of it. Any change of what decides changes it. Print it
 * as 16 lowercase hex digits (printf "%016" PRIx64 from <inttypes.h>), as
 * the module's load log line, scopegate info and check, the Kamailio RPC
 * and the Python binding do. 0 means none. */
typedef struct sg_info {
  uint32_t struct_size;
  uint64_t generation;  /* successful loads: 1 after open, +1 per successful reload */
  int32_t last_reload_ok; /* 1 when the last load (open or reload) succeeded, else 0 */
  char last_reload_message[512]; /* "" after a success, else why it failed (as sg_error) */
  uint32_t domains, users, queues; /* counts of the config in force */
  /* ABI 1.3, of the config in force and the load (open or reload) that
   * built it, the last successful one: a failed reload changes none. */
  uint64_t revision;        /* content revision (above) */
  uint32_t files_read;      /* config files it read: the main file, includes, domains_dir files */
  uint32_t domains_rebuilt; /* domains it built (today every load builds every domain) */
  uint64_t load_usec;       /* how long reading, checking and building took, in microseconds */
} sg_info;

/* The arguments of sg_api.check (ABI 1.1). */
#define SG_CHECK_STRICT 1u /* warnings are errors (as strict_warnings = true) */
typedef struct sg_check_args {
  uint32_t struct_size;
  uint32_t flags;                 /* SG_CHECK_* */
  const char *config_path;        /* as sg_open_args.config_path */
  sg_diagnostic_fn diagnostic;    /* each diagnostic (optional) */
  /* Each file considered, in order (optional): read 1 for a file read, 0 for
   * a file in domains_dir that was skipped (not *.conf, a dotfile). path is
   * valid during the call only. */
  void (*file)(void *user, const char *path, int32_t read);
  void *user;                     /* passed back to both callbacks */
} sg_check_args;

/* What sg_api.check found (ABI 1.1); out may be NULL. The fields of ABI
 * 1.3 are written only when struct_size covers all three. */
typedef struct sg_check_result {
  uint32_t struct_size;
  int32_t ok;                        /* 1: the config would load */
  uint32_t errors, warnings;         /* diagnostics of each severity */
  uint32_t domains, users, queues;   /* what was read, also when not ok */
  /* ABI 1.3 */
  uint32_t files_read; /* config files read, also when not ok */
  uint64_t revision;   /* the revision open would report (see sg_info); 0 when not ok */
  uint64_t load_usec;  /* how long reading, checking and building took, in microseconds */
} sg_check_result;

/* A report request (ABI 1.2). Strings are borrowed for the call only.
 *  SG_REPORT_CAN   user@domain: what that user may do (SPEC 6.1 `can`): the
 *                  login verdict per channel, every feature the decision
 *                  without a target allows, its reach, the level and place
 *                  of the grant, and the targets the decision allows.
 *                  feature (optional): only that feature.
 *  SG_REPORT_WHO   feature and target (as sg_feature_req): every user of the
 *                  config for whom that feature request allows; a target
 *                  with an absent domain is read in each user's domain, as
 *                  the feature decision reads it. The report is one
 *                  "id@domain" a line, in config order, whatever the flags.
 *  SG_REPORT_DIFF  old_config: another open handle (the old config; h holds
 *                  the new one). Every user of either config, every login
 *                  channel and every feature of either policy, decided on
 *                  both and compared, plus dial rule and emergency number
 *                  changes.
 *  SG_REPORT_FEATURES  the feature ids of the effective policy, one a line,
 *                  in policy order (what `test` measures coverage against).
 *  SG_REPORT_DUMP  the effective config as one JSON object (with
 *                  SG_REPORT_JSON; text comes from dump()); domain (optional):
 *                  only that domain, with the resellers and super users who
 *                  reach it from outside; a domain the config does not have
 *                  is an error. */
typedef struct sg_report_req {
  uint32_t struct_size;
  int32_t command; /* SG_REPORT_* */
  uint32_t flags;  /* SG_REPORT_JSON, SG_REPORT_WIDEN_ONLY */
  sg_str user, domain;
  sg_str feature;
  sg_target target;
  sg_handle *old_config;
} sg_report_req;

/* A report, written by the module. text is allocated by the module,
 * NUL-terminated, len bytes long (without the NUL), and owned by the host
 * until it passes the report to report_free() (which sets text to NULL).
 * count: can, features listed; who, users allowed; diff, changes listed;
 * features, feature ids. */
typedef struct sg_report {
  uint32_t struct_size;
  uint32_t count;
  char *text;
  size_t len;
} sg_report;

/*
 * The module's entry points. Every function tolerates NULL arguments and
 * answers them as described. Passing a handle after close(), or a handle
 * opened through another module's table, is undefined.
 */
typedef struct sg_api {
  uint32_t struct_size; /* sizeof(sg_api) of the module: fields up to it exist */
  uint32_t abi_major, abi_minor;
  const char *module_version; /* "1.0.0": static */

  /* Load the config at args->config_path and return a new handle in *out.
   * 0 ok; -1 error: *out stays NULL and err (if not NULL) says why, naming
   * file and line. Fails on a missing, unreadable, empty or invalid config,
   * and on a config file that fails the trust check (owned by another user
   * than root or the process's, writable by group or others, not a regular
   * file, or over 96 MiB; see strict_permissions in scopegate.conf(5)).
   * The handle is owned by the host until close(). Every config error is
   * also logged on its own line ("FILE:LINE: message", SG_LOG_ERROR), so a
   * host log callback sees them all even when err->message is cut. */
  int32_t (*open)(const sg_open_args *args, sg_handle **out, sg_error *err);

  /* Release the handle and its config. NULL is ignored. Not concurrent with
   * any other call on the same handle; calling it twice is undefined (debug
   * builds of the module detect it and abort with a message). */
  void (*close)(sg_handle *h);

  /* Read the config again from the same path. 0 ok (the new config decides
   * from now on, generation + 1); -1 error: the old config stays in force,
   * unchanged, with the same generation, and err and info() say why.
   * Concurrent reloads of one handle are serialised. */
  int32_t (*reload)(sg_handle *h, sg_error *err);

  /* Decisions: return SG_ALLOW, SG_DENY or SG_ERROR and fill *out (when out
   * is not NULL and out->struct_size is large enough; a NULL or too small
   * decision is a bad request). A NULL handle or request is a bad request.
   * Thread-safe; allocation-free without SG_REQ_EXPLAIN. */
  int32_t (*login)(sg_handle *h, const sg_login_req *req, sg_decision *out);
  int32_t (*dial)(sg_handle *h, const sg_dial_req *req, sg_decision *out);
  int32_t (*feature)(sg_handle *h, const sg_feature_req *req, sg_decision *out);

  /* Generation, revision, last reload status, counts and what the last
   * successful load did (see sg_info). 0 ok; -1 on a NULL handle, NULL out
   * or a struct_size smaller than ABI 1.0's sg_info. Thread-safe. */
  int32_t (*info)(sg_handle *h, sg_info *out);

  /* Fields after info: check that struct_size covers them before use
   * (SG_API_HAS(api, field)). */

  /* Write the effective policy matrix and who holds which scope, as text
   * lines, through emit(user, line, len) (line is NUL-terminated, valid
   * during the call only). domain absent: every domain. 0 ok; -1 on a NULL
   * handle or emit, or a malformed domain. Thread-safe; allocates. */
  int32_t (*dump)(sg_handle *h, sg_str domain,
                  void (*emit)(void *user, const char *line, size_t len), void *user);

  /* ABI 1.1: validate a config exactly as open would (every file, trust,
   * the log sink included) without keeping it, and say what was read. See
   * sg_check_args. 0: the config would load; 1: it would not (the errors
   * went to args->diagnostic); -1: bad arguments (NULL args, too small
   * struct_size) or out of memory. Thread-safe; allocates. */
  int32_t (*check)(const sg_check_args *args, sg_check_result *out);

  /* ABI 1.2. Enumerate or compare (see sg_report_req). 0 ok, out filled;
   * -1 on a NULL or too small argument, an unknown command, a malformed
   * request, a user or feature the config does not have (can), or out of
   * memory: out->text stays NULL and err (if not NULL) says why. Reads the
   * config in force like a decision: may run concurrently with decisions
   * and reloads. Allocates; takes time in proportion to the config (who and
   * diff decide for every user). */
  int32_t (*report)(sg_handle *h, const sg_report_req *req, sg_report *out, sg_error *err);

  /* Free a report's text; NULL, or a report whose text is NULL, is
   * ignored. Safe from any thread. */
  void (*report_free)(sg_report *report);
} sg_api;

/* SG_API_HAS(api, field): the module's table is large enough to have field. */
#define SG_API_HAS(api, field) \
  ((api)->struct_size >= offsetof(sg_api, field) + sizeof((api)->field))

/* The one exported symbol: the table of entry points, or NULL unless
 * host_abi_major == SG_ABI_MAJOR. The table is static; never free it. */
typedef const sg_api *(*sg_module_api_fn)(uint32_t host_abi_major);
const sg_api *sg_module_api(uint32_t host_abi_major);

#ifdef __cplusplus
}
#endif

#endif /* SCOPEGATE_SCOPEGATE_H */
