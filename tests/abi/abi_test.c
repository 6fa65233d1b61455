/*
 * abi_test.c - the scopegate C ABI as a PBX host sees it.
 *
 * Plain C99: dlopens the real scopegate.so (SG_TEST_MODULE), never links the
 * engine, and checks the contract of include/scopegate/scopegate.h and
 * SPEC.md section 5: the versioned table, open/info/reload/close, every hook
 * with an allow and a deny, hostile requests, deny-first decisions, explain
 * truncation, the host log callback, and the content revision with the
 * figures of the last load (ABI 1.3).
 */
#define _POSIX_C_SOURCE 200809L

#include <scopegate/scopegate.h>

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SG_TEST_MODULE
#error "SG_TEST_MODULE (path of the built scopegate.so) must be defined"
#endif
#ifndef SG_TEST_VERSION
#error "SG_TEST_VERSION (the project version) must be defined"
#endif

static int passed;
static int failed;

/* CHECK(cond, fmt, ...): count a pass, or count a failure and say where. */
#define CHECK(cond, ...) check_((cond) ? 1 : 0, __FILE__, __LINE__, #cond, __VA_ARGS__)

static void check_(int ok, const char *file, int line, const char *expr, const char *fmt, ...) {
  va_list ap;
  if (ok) {
    ++passed;
    return;
  }
  ++failed;
  fprintf(stderr, "%s:%d: FAILED: %s: ", file, line, expr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static const sg_api *api;
static char dir[256];
static char conf_path[300];

/* ---- config files ------------------------------------------------------ */

static const char good_conf[] =
    "version = 1;\n"
    "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n"
    "domains = (\n"
    "  { name = \"acme.example\";\n"
    "    sites = [ \"HQ\", \"Branch\" ];\n"
    "    users = (\n"
    "      { id = \"100\"; scope = \"office_manager\"; },\n"
    "      { id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; },\n"
    "      { id = \"102\"; scope = \"basic_user\"; site = \"Branch\"; },\n"
    "      { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\";\n"
    "        supervisor = { queues = [ \"sales\" ]; }; },\n"
    "      { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; }\n"
    "    );\n"
    "    queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\" ]; } );\n"
    "  }\n"
    ");\n";

/* good_conf plus user 103 and a second domain. */
static const char good_conf_2[] =
    "version = 1;\n"
    "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n"
    "domains = (\n"
    "  { name = \"acme.example\";\n"
    "    sites = [ \"HQ\", \"Branch\" ];\n"
    "    users = (\n"
    "      { id = \"100\"; scope = \"office_manager\"; },\n"
    "      { id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; },\n"
    "      { id = \"102\"; scope = \"basic_user\"; site = \"Branch\"; },\n"
    "      { id = \"103\"; scope = \"basic_user\"; site = \"HQ\"; },\n"
    "      { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\";\n"
    "        supervisor = { queues = [ \"sales\" ]; }; },\n"
    "      { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; }\n"
    "    );\n"
    "    queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\" ]; } );\n"
    "  },\n"
    "  { name = \"globex.example\"; users = ( { id = \"100\"; scope = \"office_manager\"; } ); }\n"
    ");\n";

/* An unknown scope on line 4. */
static const char bad_conf[] =
    "version = 1;\n"
    "domains = (\n"
    "  { name = \"acme.example\";\n"
    "    users = ( { id = \"101\"; scope = \"admin\"; } );\n"
    "  }\n"
    ");\n";

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
}

/* ---- helpers ----------------------------------------------------------- */

static sg_handle *open_conf(const char *path, sg_error *err) {
  sg_open_args args;
  sg_handle *h = NULL;
  SG_INIT(args);
  args.config_path = path;
  SG_INIT(*err);
  if (api->open(&args, &h, err) != 0) return NULL;
  return h;
}

static int32_t login(sg_handle *h, const char *user, int32_t channel, sg_decision *d) {
  sg_login_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = SG_STR("acme.example");
  r.channel = channel;
  SG_INIT(*d);
  return api->login(h, &r, d);
}

static int32_t dial(sg_handle *h, const char *user, const char *dest, sg_decision *d) {
  sg_dial_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = SG_STR("acme.example");
  r.destination = sg_cstr(dest);
  SG_INIT(*d);
  return api->dial(h, &r, d);
}

static int32_t feature_on_user(sg_handle *h, const char *user, const char *feature,
                               const char *target, sg_decision *d) {
  sg_feature_req r;
  SG_INIT(r);
  r.user = sg_cstr(user);
  r.domain = SG_STR("acme.example");
  r.feature = sg_cstr(feature);
  r.target.kind = SG_TARGET_USER;
  r.target.id = sg_cstr(target);
  SG_INIT(*d);
  return api->feature(h, &r, d);
}

/* msg contains "PATH:N:" for some line number N (the FILE:LINE: form). */
static int names_file_line(const char *msg, const char *path) {
  size_t n = strlen(path);
  const char *p = msg;
  while ((p = strstr(p, path)) != NULL) {
    const char *q = p + n;
    if (*q == ':' && q[1] >= '0' && q[1] <= '9') {
      q += 1;
      while (*q >= '0' && *q <= '9') ++q;
      if (*q == ':') return 1;
    }
    ++p;
  }
  return 0;
}

static int name_is(const sg_decision *d, const char *name) {
  return d->reason_name != NULL && strcmp(d->reason_name, name) == 0;
}

static const char *name_of(const sg_decision *d) {
  return d->reason_name ? d->reason_name : "(null)";
}

/* An SG_ERROR / bad_request answer, consistent in return value and decision. */
#define CHECK_BAD_REQUEST(rc, d, what)                                                       \
  do {                                                                                       \
    CHECK((rc) == SG_ERROR && (d).verdict == SG_ERROR &&                                     \
              (d).reason == SG_REASON_BAD_REQUEST && name_is(&(d), "bad_request"),           \
          "%s: got rc %d verdict %d reason %d (%s)", (what), (int)(rc), (int)(d).verdict,    \
          (int)(d).reason, name_of(&(d)));                                                   \
  } while (0)

#define CHECK_DECISION(rc, d, want_verdict, want_reason, want_name, what)                     \
  do {                                                                                       \
    CHECK((rc) == (want_verdict) && (d).verdict == (want_verdict) &&                         \
              (d).reason == (want_reason) && name_is(&(d), (want_name)),                     \
          "%s: want %d %s, got rc %d verdict %d reason %d (%s)", (what), (int)(want_verdict), \
          (want_name), (int)(rc), (int)(d).verdict, (int)(d).reason, name_of(&(d)));         \
  } while (0)

/* ---- the table --------------------------------------------------------- */

static void test_table(sg_module_api_fn get) {
  const sg_api *t;
  CHECK(get(0) == NULL, "sg_module_api(0) must be NULL");
  CHECK(get(2) == NULL, "sg_module_api(2) must be NULL");
  CHECK(get(SG_ABI_MAJOR + 100) == NULL, "sg_module_api(major+100) must be NULL");
  t = get(SG_ABI_MAJOR);
  CHECK(t != NULL, "sg_module_api(SG_ABI_MAJOR) must return the table");
  if (!t) return;
  CHECK(get(SG_ABI_MAJOR) == t, "the table is static: the same pointer each call");
  CHECK(t->struct_size == sizeof(sg_api), "struct_size %u, header's sizeof(sg_api) %u",
        (unsigned)t->struct_size, (unsigned)sizeof(sg_api));
  CHECK(t->abi_major == SG_ABI_MAJOR, "abi_major %u", (unsigned)t->abi_major);
  CHECK(t->abi_minor == SG_ABI_MINOR, "abi_minor %u", (unsigned)t->abi_minor);
  CHECK(t->module_version != NULL && strcmp(t->module_version, SG_TEST_VERSION) == 0,
        "module_version '%s', want '%s'", t->module_version ? t->module_version : "(null)",
        SG_TEST_VERSION);
  CHECK(t->open && t->close && t->reload && t->login && t->dial && t->feature && t->info,
        "every entry point of ABI 1.0 is set");
  CHECK(SG_API_HAS(t, dump) && t->dump != NULL, "the appended dump entry is there");
  CHECK(SG_API_HAS(t, check) && t->check != NULL, "the appended check entry of ABI 1.1 is there");
  api = t;
}

/* ---- open on bad configs ----------------------------------------------- */

static void test_open_failures(void) {
  char path[400];
  sg_open_args args;
  sg_error err;
  sg_handle *h;
  int32_t rc;

  /* missing file */
  snprintf(path, sizeof path, "%s/missing.conf", dir);
  SG_INIT(args);
  args.config_path = path;
  SG_INIT(err);
  h = (sg_handle *)&err; /* must be reset to NULL */
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1, "open of a missing file returns -1, got %d", (int)rc);
  CHECK(h == NULL, "*out is NULL after a failed open");
  CHECK(err.code != 0, "err.code set, got %d", (int)err.code);
  CHECK(names_file_line(err.message, path), "message names the missing file as FILE:LINE: '%s'",
        err.message);

  /* empty file */
  snprintf(path, sizeof path, "%s/empty.conf", dir);
  write_file(path, "");
  args.config_path = path;
  SG_INIT(err);
  h = (sg_handle *)&err;
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1 && h == NULL, "open of an empty file fails, rc %d", (int)rc);
  CHECK(names_file_line(err.message, path), "message names the empty file as FILE:LINE: '%s'",
        err.message);

  /* a config that says nothing (comments only) is empty too */
  snprintf(path, sizeof path, "%s/comments.conf", dir);
  write_file(path, "# nothing but a comment\n\n");
  args.config_path = path;
  SG_INIT(err);
  h = NULL;
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1 && h == NULL, "open of a comments-only file fails, rc %d", (int)rc);
  CHECK(names_file_line(err.message, path), "message names the file as FILE:LINE: '%s'",
        err.message);

  /* invalid config: names file and line */
  snprintf(path, sizeof path, "%s/bad.conf", dir);
  write_file(path, bad_conf);
  args.config_path = path;
  SG_INIT(err);
  h = (sg_handle *)&err;
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1 && h == NULL, "open of an invalid file fails, rc %d", (int)rc);
  {
    char want[420];
    snprintf(want, sizeof want, "%s:4:", path);
    CHECK(strstr(err.message, want) != NULL, "message names %s: '%s'", want, err.message);
    CHECK(strstr(err.message, "admin") != NULL, "message names the bad scope: '%s'",
          err.message);
  }
  CHECK(err.code == -1, "a config error has code -1, got %d", (int)err.code);

  /* syntax error */
  snprintf(path, sizeof path, "%s/syntax.conf", dir);
  write_file(path, "version = 1;\ndomains = ( { name = \"a.example\" } \n");
  args.config_path = path;
  SG_INIT(err);
  h = NULL;
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1 && h == NULL, "open of a syntax error fails, rc %d", (int)rc);
  CHECK(names_file_line(err.message, path), "syntax error named as FILE:LINE: '%s'", err.message);

  /* bad arguments */
  SG_INIT(err);
  h = (sg_handle *)&err;
  rc = api->open(NULL, &h, &err);
  CHECK(rc == -1 && h == NULL, "open(NULL args) fails with *out NULL, rc %d", (int)rc);
  CHECK(err.code == -2, "open(NULL args): code -2 (bad argument), got %d", (int)err.code);
  snprintf(path, sizeof path, "%s/bad.conf", dir);
  args.config_path = path;
  rc = api->open(&args, NULL, NULL);
  CHECK(rc == -1, "open with NULL out and NULL err fails, rc %d", (int)rc);
  {
    sg_open_args tiny;
    SG_INIT(tiny);
    tiny.struct_size = 2;
    tiny.config_path = conf_path;
    h = (sg_handle *)&err;
    SG_INIT(err);
    rc = api->open(&tiny, &h, &err);
    CHECK(rc == -1 && h == NULL, "open with a too small sg_open_args fails, rc %d", (int)rc);
  }
  {
    /* err too small to hold anything: the module writes nothing into it */
    SG_INIT(err);
    err.struct_size = 0;
    err.code = 77;
    err.message[0] = 'Q';
    err.message[1] = '\0';
    args.config_path = path;
    h = NULL;
    rc = api->open(&args, &h, &err);
    CHECK(rc == -1 && h == NULL, "open of bad.conf still fails");
    CHECK(err.code == 77 && err.message[0] == 'Q', "sg_error with struct_size 0 untouched");
  }
}

/* ---- the life cycle: open, info, reload good and bad, close ------------- */

static void check_old_answers(sg_handle *h, uint64_t generation, const char *when) {
  sg_decision d;
  int32_t rc = login(h, "103", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", when);
  CHECK(d.generation == generation, "%s: decided by generation %llu, want %llu", when,
        (unsigned long long)d.generation, (unsigned long long)generation);
  rc = feature_on_user(h, "101", "users.view", "102", &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_OUT_OF_REACH, "out_of_reach", when);
}

static void test_life_cycle(void) {
  sg_error err;
  sg_info info;
  sg_decision d;
  sg_handle *h;
  int32_t rc;

  write_file(conf_path, good_conf);
  h = open_conf(conf_path, &err);
  CHECK(h != NULL, "open of a good config: '%s'", err.message);
  if (!h) return;
  CHECK(err.code == 0, "err.code 0 after a good open, got %d", (int)err.code);

  SG_INIT(info);
  rc = api->info(h, &info);
  CHECK(rc == 0, "info returns 0");
  CHECK(info.generation == 1, "generation 1 after open, got %llu",
        (unsigned long long)info.generation);
  CHECK(info.last_reload_ok == 1, "last_reload_ok 1 after open");
  CHECK(info.last_reload_message[0] == '\0', "no message after open: '%s'",
        info.last_reload_message);
  CHECK(info.domains == 1 && info.users == 5 && info.queues == 1,
        "counts 1/5/1, got %u/%u/%u", (unsigned)info.domains, (unsigned)info.users,
        (unsigned)info.queues);

  rc = login(h, "101", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "login 101 on generation 1");
  CHECK(d.generation == 1, "decision generation 1, got %llu", (unsigned long long)d.generation);
  rc = login(h, "103", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_UNKNOWN_USER, "unknown_user",
                 "login 103 before it exists");

  /* reload good */
  write_file(conf_path, good_conf_2);
  SG_INIT(err);
  rc = api->reload(h, &err);
  CHECK(rc == 0, "reload of a good config returns 0: '%s'", err.message);
  SG_INIT(info);
  api->info(h, &info);
  CHECK(info.generation == 2, "generation 2 after a good reload, got %llu",
        (unsigned long long)info.generation);
  CHECK(info.last_reload_ok == 1, "last_reload_ok 1 after a good reload");
  CHECK(info.domains == 2 && info.users == 7 && info.queues == 1,
        "counts 2/7/1 after reload, got %u/%u/%u", (unsigned)info.domains,
        (unsigned)info.users, (unsigned)info.queues);
  check_old_answers(h, 2, "after the good reload");

  /* reload bad: nothing changes but the status */
  write_file(conf_path, bad_conf);
  SG_INIT(err);
  rc = api->reload(h, &err);
  CHECK(rc == -1, "reload of a bad config returns -1, got %d", (int)rc);
  {
    char want[420];
    snprintf(want, sizeof want, "%s:4:", conf_path);
    CHECK(strstr(err.message, want) != NULL, "reload error names %s: '%s'", want, err.message);
    SG_INIT(info);
    api->info(h, &info);
    CHECK(info.generation == 2, "generation unchanged (2) after a bad reload, got %llu",
          (unsigned long long)info.generation);
    CHECK(info.last_reload_ok == 0, "last_reload_ok 0 after a bad reload");
    CHECK(strstr(info.last_reload_message, want) != NULL,
          "info says why the reload failed: '%s'", info.last_reload_message);
    CHECK(info.domains == 2 && info.users == 7, "counts of the config in force (2/7), got %u/%u",
          (unsigned)info.domains, (unsigned)info.users);
  }
  check_old_answers(h, 2, "after the bad reload");

  /* missing file on reload */
  unlink(conf_path);
  SG_INIT(err);
  rc = api->reload(h, &err);
  CHECK(rc == -1, "reload of a missing file returns -1, got %d", (int)rc);
  CHECK(names_file_line(err.message, conf_path), "names the file as FILE:LINE: '%s'",
        err.message);
  check_old_answers(h, 2, "after the reload of a missing file");

  /* and a good one again */
  write_file(conf_path, good_conf);
  rc = api->reload(h, NULL);
  CHECK(rc == 0, "reload with NULL err works");
  SG_INIT(info);
  api->info(h, &info);
  CHECK(info.generation == 3 && info.last_reload_ok == 1 && info.last_reload_message[0] == '\0',
        "generation 3, ok, no message; got %llu %d '%s'", (unsigned long long)info.generation,
        (int)info.last_reload_ok, info.last_reload_message);
  rc = login(h, "103", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_UNKNOWN_USER, "unknown_user", "103 gone again");
  CHECK(d.generation == 3, "decided by generation 3, got %llu", (unsigned long long)d.generation);

  {
    /* a newer host's larger sg_open_args and sg_error are accepted */
    struct {
      sg_open_args args;
      unsigned char future[64];
    } big_args;
    struct {
      sg_error err;
      unsigned char future[64];
    } big_err;
    sg_handle *h2 = NULL;
    memset(&big_args, 0, sizeof big_args);
    memset(big_args.future, 0xA5, sizeof big_args.future);
    big_args.args.struct_size = (uint32_t)sizeof big_args;
    big_args.args.config_path = conf_path;
    memset(&big_err, 0xA5, sizeof big_err);
    big_err.err.struct_size = (uint32_t)sizeof big_err;
    rc = api->open(&big_args.args, &h2, &big_err.err);
    CHECK(rc == 0 && h2 != NULL, "open with larger sg_open_args and sg_error: '%.511s'",
          big_err.err.message);
    CHECK(big_err.err.code == 0, "err.code 0 after a good open with a larger sg_error");
    CHECK(big_err.future[0] == 0xA5 && big_err.future[63] == 0xA5,
          "bytes after the known sg_error fields untouched");
    api->close(h2);
  }

  /* info on bad arguments */
  CHECK(api->info(NULL, &info) == -1, "info(NULL handle) is -1");
  CHECK(api->info(h, NULL) == -1, "info(NULL out) is -1");
  SG_INIT(info);
  info.struct_size = 4;
  CHECK(api->info(h, &info) == -1, "info with a too small struct_size is -1");
  {
    /* a newer host's larger sg_info is accepted */
    struct {
      sg_info info;
      char more[64];
    } big;
    memset(&big, 0, sizeof big);
    big.info.struct_size = (uint32_t)sizeof big;
    CHECK(api->info(h, &big.info) == 0 && big.info.generation == 3,
          "info with a larger struct_size works");
  }
  CHECK(api->reload(NULL, &err) == -1, "reload(NULL) is -1");

  api->close(h);
  api->close(NULL); /* ignored */
  CHECK(1, "close and close(NULL) return");
}

/* ---- every hook, allow and deny ---------------------------------------- */

static void test_hooks(sg_handle *h) {
  sg_decision d;
  int32_t rc;

  rc = login(h, "101", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "login 101 portal");
  rc = login(h, "999", SG_CHANNEL_PORTAL, &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_UNKNOWN_USER, "unknown_user", "login 999 portal");

  rc = dial(h, "150", "*33160", &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "dial 150 *33160");
  rc = dial(h, "101", "*33160", &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_SCOPE_LACKS_FEATURE, "scope_lacks_feature",
                 "dial 101 *33160");
  rc = dial(h, "999", "911", &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_EMERGENCY, "emergency", "dial 999 911");

  rc = feature_on_user(h, "100", "users.edit", "101", &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "feature 100 users.edit user:101");
  rc = feature_on_user(h, "101", "users.view", "102", &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_OUT_OF_REACH, "out_of_reach",
                 "feature 101 users.view user:102");
  rc = feature_on_user(h, "101", "fax.receive", "101", &d);
  CHECK_DECISION(rc, d, SG_DENY, SG_REASON_UNKNOWN_FEATURE, "unknown_feature",
                 "feature 101 fax.receive");
}

/* ---- hostile requests -------------------------------------------------- */

/* One request a line: every malformed string field, unknown channel and
 * target kind, the longest ids and one byte more, each with the answer the
 * module must give (SPEC 5: a bad request is SG_ERROR bad_request, never a
 * crash). The well-formed requests the others vary come first. */
enum { LOGIN, DIAL, FEATURE };
#define S(literal) {literal, sizeof(literal) - 1}
#define NONE {NULL, 0}
#define LYING {NULL, 3} /* a NULL pointer with a length */
#define X16 "7777777777777777"
#define X256 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16 X16
#define ID(n) {X256, n} /* n bytes of '7' */
#define ACME S("acme.example")
#define ALLOW_OK SG_ALLOW, SG_REASON_OK, "ok"
#define BAD SG_ERROR, SG_REASON_BAD_REQUEST, "bad_request"
#define PORTAL SG_CHANNEL_PORTAL
#define NO_TARGET SG_TARGET_NONE, NONE, NONE

typedef struct hostile_case {
  const char *what;
  int hook;
  sg_str user, domain;
  sg_str text;     /* dial: the destination; feature: the feature id */
  int32_t channel; /* login */
  int32_t target_kind;
  sg_str target_id, target_queue;
  int32_t verdict, reason;
  const char *reason_name;
} hostile_case;

static const hostile_case hostile_cases[] = {
    {"the well-formed login", LOGIN, S("101"), ACME, NONE, PORTAL, NO_TARGET, ALLOW_OK},
    {"the well-formed dial", DIAL, S("101"), ACME, S("100"), 0, NO_TARGET, ALLOW_OK},
    {"the well-formed feature", FEATURE, S("100"), ACME, S("users.view"), 0, NO_TARGET, ALLOW_OK},

    {"login user {NULL, 3}", LOGIN, LYING, ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"dial destination {NULL, 3}", DIAL, S("101"), ACME, LYING, 0, NO_TARGET, BAD},
    {"feature target id {NULL, 3}", FEATURE, S("100"), ACME, S("users.view"), 0, SG_TARGET_USER, LYING, NONE, BAD},
    {"feature target queue {NULL, 3}", FEATURE, S("100"), ACME, S("users.view"), 0, SG_TARGET_USER, S("101"), LYING,
     BAD},

    {"login with an empty user", LOGIN, S(""), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"login with an absent user", LOGIN, NONE, ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"login with an absent domain", LOGIN, S("101"), NONE, NONE, PORTAL, NO_TARGET, BAD},
    {"dial with an absent destination", DIAL, S("101"), ACME, NONE, 0, NO_TARGET, BAD},
    {"dial of a non-emergency number with an absent user", DIAL, NONE, ACME, S("100"), 0, NO_TARGET, BAD},
    {"feature with an absent feature id", FEATURE, S("100"), ACME, NONE, 0, NO_TARGET, BAD},
    {"feature with a user target without id", FEATURE, S("100"), ACME, S("users.view"), 0, SG_TARGET_USER, NONE, NONE,
     BAD},

    {"login of a 255-byte user id (well-formed, unknown)", LOGIN, ID(255), ACME, NONE, PORTAL, NO_TARGET, SG_DENY,
     SG_REASON_UNKNOWN_USER, "unknown_user"},
    {"login of a 256-byte user id", LOGIN, ID(256), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"login with a 256-byte domain", LOGIN, S("101"), ID(256), NONE, PORTAL, NO_TARGET, BAD},
    {"dial of a 255-byte destination", DIAL, S("101"), ACME, ID(255), 0, NO_TARGET, ALLOW_OK},
    {"dial of a 256-byte destination", DIAL, S("101"), ACME, ID(256), 0, NO_TARGET, BAD},
    {"a 255-byte feature id (well-formed, unknown)", FEATURE, S("100"), ACME, ID(255), 0, NO_TARGET, SG_DENY,
     SG_REASON_UNKNOWN_FEATURE, "unknown_feature"},
    {"a 256-byte feature id", FEATURE, S("100"), ACME, ID(256), 0, NO_TARGET, BAD},

    {"overlong encoding of '/'", LOGIN, S("1\xc0\xaf"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"3-byte overlong encoding", LOGIN, S("\xe0\x80\xaf"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"lone continuation byte", LOGIN, S("10\x80"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"truncated sequence", LOGIN, S("10\xc3"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"UTF-16 surrogate U+D800", LOGIN, S("\xed\xa0\x80"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"beyond U+10FFFF", LOGIN, S("\xf4\x90\x80\x80"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"byte 0xff", LOGIN, S("\xff"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"newline in an id", LOGIN, S("10\n1"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"DEL in an id", LOGIN, S("10\x7f"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"C1 control U+0085 in an id", LOGIN, S("10\xc2\x85"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"tab in an id", LOGIN, S("10\t1"), ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"NUL inside an id", LOGIN, {"10\0" "1", 4}, ACME, NONE, PORTAL, NO_TARGET, BAD},
    {"CR in a feature id", FEATURE, S("100"), ACME, S("users.view\r"), 0, NO_TARGET, BAD},
    {"escape sequence in a destination", DIAL, S("101"), ACME, S("*33\x1b[2J"), 0, NO_TARGET, BAD},
    {"well-formed multi-byte UTF-8 user id", LOGIN, S("J\xc3\xbcrgen\xe2\x82\xac\xf0\x9f\x93\x9e"), ACME, NONE, PORTAL,
     NO_TARGET, SG_DENY, SG_REASON_UNKNOWN_USER, "unknown_user"},
    {"an id holding '@' is an unknown user", LOGIN, S("101@acme.example"), ACME, NONE, PORTAL, NO_TARGET, SG_DENY,
     SG_REASON_UNKNOWN_USER, "unknown_user"},

    {"login on channel 0", LOGIN, S("101"), ACME, NONE, 0, NO_TARGET, BAD},
    {"login on channel 7", LOGIN, S("101"), ACME, NONE, 7, NO_TARGET, BAD},
    {"login on channel -1", LOGIN, S("101"), ACME, NONE, -1, NO_TARGET, BAD},
    {"login on channel 1000", LOGIN, S("101"), ACME, NONE, 1000, NO_TARGET, BAD},
    {"target kind 6", FEATURE, S("100"), ACME, S("users.view"), 0, 6, S("101"), NONE, BAD},
    {"target kind -1", FEATURE, S("100"), ACME, S("users.view"), 0, -1, S("101"), NONE, BAD},
    {"target kind 99", FEATURE, S("100"), ACME, S("users.view"), 0, 99, S("101"), NONE, BAD},

    /* emergency numbers are decided before the caller is even validated */
    {"dial 911 from a malformed user", DIAL, S("10\n1"), ACME, S("911"), 0, NO_TARGET, SG_ALLOW, SG_REASON_EMERGENCY,
     "emergency"},
    {"dial 911 with no user and no domain", DIAL, NONE, NONE, S("911"), 0, NO_TARGET, SG_ALLOW, SG_REASON_EMERGENCY,
     "emergency"},
};

/* Decides one case into d, which starts out saying allow: the module must
 * write its own verdict. */
static int32_t decide_case(sg_handle *h, const hostile_case *c, sg_decision *d) {
  SG_INIT(*d);
  d->verdict = SG_ALLOW;
  if (c->hook == LOGIN) {
    sg_login_req r;
    SG_INIT(r);
    r.user = c->user;
    r.domain = c->domain;
    r.channel = c->channel;
    return api->login(h, &r, d);
  }
  if (c->hook == DIAL) {
    sg_dial_req r;
    SG_INIT(r);
    r.user = c->user;
    r.domain = c->domain;
    r.destination = c->text;
    return api->dial(h, &r, d);
  }
  {
    sg_feature_req r;
    SG_INIT(r);
    r.user = c->user;
    r.domain = c->domain;
    r.feature = c->text;
    r.target.kind = c->target_kind;
    r.target.id = c->target_id;
    r.target.queue = c->target_queue;
    return api->feature(h, &r, d);
  }
}

/* NULL handle, request or decision: SG_ERROR, and a decision given is
 * written as a bad request. */
static void test_null_arguments(sg_handle *h) {
  sg_login_req lr;
  sg_dial_req dr;
  sg_feature_req fr;
  sg_decision d;
  int32_t rc;
  SG_INIT(lr);
  lr.user = SG_STR("101");
  lr.domain = SG_STR("acme.example");
  lr.channel = SG_CHANNEL_PORTAL;
  SG_INIT(dr);
  dr.user = SG_STR("101");
  dr.domain = SG_STR("acme.example");
  dr.destination = SG_STR("100");
  SG_INIT(fr);
  fr.user = SG_STR("100");
  fr.domain = SG_STR("acme.example");
  fr.feature = SG_STR("users.view");

  SG_INIT(d);
  rc = api->login(NULL, &lr, &d);
  CHECK_BAD_REQUEST(rc, d, "login with a NULL handle");
  SG_INIT(d);
  rc = api->dial(NULL, &dr, &d);
  CHECK_BAD_REQUEST(rc, d, "dial with a NULL handle");
  SG_INIT(d);
  rc = api->feature(NULL, &fr, &d);
  CHECK_BAD_REQUEST(rc, d, "feature with a NULL handle");
  SG_INIT(d);
  rc = api->login(h, NULL, &d);
  CHECK_BAD_REQUEST(rc, d, "login with a NULL request");
  SG_INIT(d);
  rc = api->dial(h, NULL, &d);
  CHECK_BAD_REQUEST(rc, d, "dial with a NULL request");
  SG_INIT(d);
  rc = api->feature(h, NULL, &d);
  CHECK_BAD_REQUEST(rc, d, "feature with a NULL request");
  CHECK(api->login(h, &lr, NULL) == SG_ERROR, "login with a NULL decision is SG_ERROR");
  CHECK(api->dial(h, &dr, NULL) == SG_ERROR, "dial with a NULL decision is SG_ERROR");
  CHECK(api->feature(h, &fr, NULL) == SG_ERROR, "feature with a NULL decision is SG_ERROR");
  CHECK(api->login(NULL, NULL, NULL) == SG_ERROR, "login(NULL, NULL, NULL) is SG_ERROR");
}

/* Requests and decisions of every struct_size: 0 and tiny are bad, larger
 * is a newer host (the module reads only what it knows). */
static void test_struct_sizes(sg_handle *h) {
  sg_login_req lr;
  sg_dial_req dr;
  sg_feature_req fr;
  sg_decision d;
  int32_t rc;

  /* struct_size of requests: 0 and tiny are bad, larger is a newer host */
  {
    const uint32_t sizes[] = {0, 1, 4, 8};
    size_t i;
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
      char what[64];
      SG_INIT(lr);
      lr.user = SG_STR("101");
      lr.domain = SG_STR("acme.example");
      lr.channel = SG_CHANNEL_PORTAL;
      lr.struct_size = sizes[i];
      SG_INIT(d);
      d.verdict = SG_ALLOW;
      rc = api->login(h, &lr, &d);
      snprintf(what, sizeof what, "login request struct_size %u", (unsigned)sizes[i]);
      CHECK_BAD_REQUEST(rc, d, what);

      SG_INIT(dr);
      dr.user = SG_STR("101");
      dr.domain = SG_STR("acme.example");
      dr.destination = SG_STR("100");
      dr.struct_size = sizes[i];
      SG_INIT(d);
      rc = api->dial(h, &dr, &d);
      snprintf(what, sizeof what, "dial request struct_size %u", (unsigned)sizes[i]);
      CHECK_BAD_REQUEST(rc, d, what);

      SG_INIT(fr);
      fr.user = SG_STR("100");
      fr.domain = SG_STR("acme.example");
      fr.feature = SG_STR("users.view");
      fr.struct_size = sizes[i];
      SG_INIT(d);
      rc = api->feature(h, &fr, &d);
      snprintf(what, sizeof what, "feature request struct_size %u", (unsigned)sizes[i]);
      CHECK_BAD_REQUEST(rc, d, what);
    }
  }
  {
    struct {
      sg_login_req req;
      unsigned char future[64];
    } big_login;
    struct {
      sg_dial_req req;
      unsigned char future[64];
    } big_dial;
    struct {
      sg_feature_req req;
      unsigned char future[64];
    } big_feature;
    struct {
      sg_decision d;
      unsigned char future[64];
    } big_decision;
    memset(&big_login, 0xA5, sizeof big_login);
    big_login.req.struct_size = (uint32_t)sizeof big_login;
    big_login.req.flags = 0;
    big_login.req.user = SG_STR("101");
    big_login.req.domain = SG_STR("acme.example");
    big_login.req.channel = SG_CHANNEL_PORTAL;
    SG_INIT(d);
    rc = api->login(h, &big_login.req, &d);
    CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "login request larger than known");

    memset(&big_dial, 0xA5, sizeof big_dial);
    big_dial.req.struct_size = (uint32_t)sizeof big_dial;
    big_dial.req.flags = 0;
    big_dial.req.user = SG_STR("101");
    big_dial.req.domain = SG_STR("acme.example");
    big_dial.req.destination = SG_STR("*33160");
    SG_INIT(d);
    rc = api->dial(h, &big_dial.req, &d);
    CHECK_DECISION(rc, d, SG_DENY, SG_REASON_SCOPE_LACKS_FEATURE, "scope_lacks_feature",
                   "dial request larger than known");

    memset(&big_feature, 0, sizeof big_feature);
    memset(big_feature.future, 0xA5, sizeof big_feature.future);
    big_feature.req.struct_size = (uint32_t)sizeof big_feature;
    big_feature.req.user = SG_STR("100");
    big_feature.req.domain = SG_STR("acme.example");
    big_feature.req.feature = SG_STR("users.edit");
    big_feature.req.target.kind = SG_TARGET_USER;
    big_feature.req.target.id = SG_STR("101");
    SG_INIT(d);
    rc = api->feature(h, &big_feature.req, &d);
    CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_OK, "ok", "feature request larger than known");

    memset(&big_decision, 0xA5, sizeof big_decision);
    big_decision.d.struct_size = (uint32_t)sizeof big_decision;
    big_decision.d.explain = NULL;
    big_decision.d.explain_cap = 0;
    SG_INIT(lr);
    lr.user = SG_STR("101");
    lr.domain = SG_STR("acme.example");
    lr.channel = SG_CHANNEL_PORTAL;
    rc = api->login(h, &lr, &big_decision.d);
    CHECK_DECISION(rc, big_decision.d, SG_ALLOW, SG_REASON_OK, "ok",
                   "decision larger than known");
    CHECK(big_decision.future[0] == 0xA5 && big_decision.future[63] == 0xA5,
          "bytes after the known decision fields untouched");
  }
  {
    /* a decision too small to hold a verdict: SG_ERROR and nothing written */
    sg_decision small;
    memset(&small, 0x5A, sizeof small);
    small.struct_size = 0;
    SG_INIT(lr);
    lr.user = SG_STR("101");
    lr.domain = SG_STR("acme.example");
    lr.channel = SG_CHANNEL_PORTAL;
    rc = api->login(h, &lr, &small);
    CHECK(rc == SG_ERROR, "a decision with struct_size 0 is an error, got %d", (int)rc);
    CHECK(small.verdict == 0x5A5A5A5A, "a decision with struct_size 0 is not written");
    memset(&small, 0x5A, sizeof small);
    small.struct_size = 2;
    rc = api->login(h, &lr, &small);
    CHECK(rc == SG_ERROR, "a decision with struct_size 2 is an error, got %d", (int)rc);
    CHECK(small.verdict == 0x5A5A5A5A, "a decision with struct_size 2 is not written");
  }

}

static void test_hostile(sg_handle *h) {
  size_t i;
  test_null_arguments(h);
  for (i = 0; i < sizeof hostile_cases / sizeof hostile_cases[0]; ++i) {
    const hostile_case *c = &hostile_cases[i];
    sg_decision d;
    int32_t rc = decide_case(h, c, &d);
    CHECK_DECISION(rc, d, c->verdict, c->reason, c->reason_name, c->what);
  }
  test_struct_sizes(h);
}

/* ---- deny first -------------------------------------------------------- */

static void test_deny_first(sg_handle *h) {
  sg_feature_req fr;
  sg_login_req lr;
  sg_decision d;
  int32_t rc;

  SG_INIT(fr);
  fr.user = SG_STR("101");
  fr.domain = SG_STR("acme.example");
  fr.feature = SG_STR("users.view");
  fr.target.kind = SG_TARGET_USER;
  fr.target.id = SG_STR("102");
  SG_INIT(d);
  d.verdict = SG_ALLOW;
  d.reason = SG_REASON_OK;
  d.reason_name = "ok";
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY && d.verdict == SG_DENY && d.reason == SG_REASON_OUT_OF_REACH,
        "a pre-filled SG_ALLOW is overwritten by a deny, got rc %d verdict %d reason %d", (int)rc,
        (int)d.verdict, (int)d.reason);

  SG_INIT(lr);
  lr.user = SG_STR("101");
  lr.domain = SG_STR("acme.example");
  lr.channel = 42;
  SG_INIT(d);
  d.verdict = SG_ALLOW;
  d.reason = SG_REASON_OK;
  d.reason_name = "ok";
  rc = api->login(h, &lr, &d);
  CHECK(rc == SG_ERROR && d.verdict == SG_ERROR && d.reason == SG_REASON_BAD_REQUEST,
        "a pre-filled SG_ALLOW is overwritten by an error, got rc %d verdict %d reason %d",
        (int)rc, (int)d.verdict, (int)d.reason);

  /* NULL handle: the decision still ends up not allowing */
  SG_INIT(d);
  d.verdict = SG_ALLOW;
  d.reason_name = NULL;
  lr.channel = SG_CHANNEL_PORTAL;
  rc = api->login(NULL, &lr, &d);
  CHECK(rc != SG_ALLOW && d.verdict != SG_ALLOW && d.reason_name != NULL,
        "NULL handle: pre-filled SG_ALLOW overwritten, reason_name set");
}

/* ---- explain ----------------------------------------------------------- */

static void test_explain(sg_handle *h) {
  sg_feature_req fr;
  sg_decision d;
  char full[1024];
  char small[8];
  char big[64];
  int32_t rc;
  size_t i;

  SG_INIT(fr);
  fr.user = SG_STR("101");
  fr.domain = SG_STR("acme.example");
  fr.feature = SG_STR("users.view");
  fr.target.kind = SG_TARGET_USER;
  fr.target.id = SG_STR("102");

  /* without the flag the buffer is untouched */
  memset(big, 'Z', sizeof big);
  SG_INIT(d);
  d.explain = big;
  d.explain_cap = sizeof big;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY, "the decision without SG_REQ_EXPLAIN");
  for (i = 0; i < sizeof big && big[i] == 'Z'; ++i) {
  }
  CHECK(i == sizeof big, "without SG_REQ_EXPLAIN the explain buffer is untouched");

  /* the full text */
  fr.flags = SG_REQ_EXPLAIN;
  memset(full, 'Z', sizeof full);
  SG_INIT(d);
  d.explain = full;
  d.explain_cap = sizeof full;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY && d.reason == SG_REASON_OUT_OF_REACH, "the decision with SG_REQ_EXPLAIN");
  CHECK(memchr(full, '\0', sizeof full) != NULL, "explain text NUL-terminated");
  full[sizeof full - 1] = '\0';
  CHECK(strlen(full) > 7, "explain says more than 7 characters: '%s'", full);

  /* cut to 8 bytes: 7 characters and a NUL */
  memset(small, 'Z', sizeof small);
  SG_INIT(d);
  d.explain = small;
  d.explain_cap = sizeof small;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY && d.reason == SG_REASON_OUT_OF_REACH, "decision with an 8-byte buffer");
  CHECK(small[7] == '\0', "8-byte buffer ends in NUL");
  CHECK(strlen(small) == 7, "8-byte buffer holds 7 characters, got %u",
        (unsigned)strnlen(small, sizeof small));
  CHECK(strncmp(small, full, 7) == 0, "the cut text is the start of the full text");

  /* cap 0: nothing written, not even a NUL; the decision is still made */
  memset(small, 'Z', sizeof small);
  SG_INIT(d);
  d.explain = small;
  d.explain_cap = 0;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY && d.reason == SG_REASON_OUT_OF_REACH, "decision with cap 0");
  for (i = 0; i < sizeof small && small[i] == 'Z'; ++i) {
  }
  CHECK(i == sizeof small, "cap 0: buffer untouched");

  SG_INIT(d);
  d.explain = NULL;
  d.explain_cap = 0;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_DENY && d.reason == SG_REASON_OUT_OF_REACH, "decision with NULL buffer, cap 0");

  /* an allow explains too */
  fr.user = SG_STR("100");
  memset(full, 'Z', sizeof full);
  SG_INIT(d);
  d.explain = full;
  d.explain_cap = sizeof full;
  rc = api->feature(h, &fr, &d);
  CHECK(rc == SG_ALLOW, "100 users.view user:102 allows");
  full[sizeof full - 1] = '\0';
  CHECK(strlen(full) > 0, "an allow is explained too");

  /* a request refused at the boundary (no handle) explains itself too */
  memset(full, 'Z', sizeof full);
  SG_INIT(d);
  d.explain = full;
  d.explain_cap = sizeof full;
  rc = api->feature(NULL, &fr, &d);
  full[sizeof full - 1] = '\0';
  CHECK(rc == SG_ERROR && strcmp(full, "error bad_request: the request is malformed\n") == 0,
        "explanation of a request without a handle: '%s'", full);
}

/* ---- log callback ------------------------------------------------------ */

struct log_record {
  int lines;
  int errors;
  int mentions_911;
  int mentions_bad_line;
  int bad_level;
  char bad_path_line[420];
};

static void log_cb(void *user, int32_t level, const char *msg) {
  struct log_record *rec = (struct log_record *)user;
  ++rec->lines;
  if (level < SG_LOG_DEBUG || level > SG_LOG_ERROR) ++rec->bad_level;
  if (level == SG_LOG_ERROR) ++rec->errors;
  if (msg && strstr(msg, "911")) ++rec->mentions_911;
  if (msg && rec->bad_path_line[0] && strstr(msg, rec->bad_path_line)) ++rec->mentions_bad_line;
}

static void test_log(void) {
  struct log_record rec;
  sg_open_args args;
  sg_error err;
  sg_handle *h = NULL;
  sg_decision d;
  char bad_path[400];
  int32_t rc;

  write_file(conf_path, good_conf);
  memset(&rec, 0, sizeof rec);
  SG_INIT(args);
  args.config_path = conf_path;
  args.log = log_cb;
  args.log_user = &rec;
  args.log_min_level = SG_LOG_DEBUG;
  SG_INIT(err);
  rc = api->open(&args, &h, &err);
  CHECK(rc == 0 && h != NULL, "open with a log callback: '%s'", err.message);
  if (!h) return;
  rc = dial(h, "101", "911", &d);
  CHECK_DECISION(rc, d, SG_ALLOW, SG_REASON_EMERGENCY, "emergency", "dial 911 with a logger");
  CHECK(rec.lines > 0, "the log callback receives lines");
  CHECK(rec.mentions_911 > 0, "an emergency call is logged (and names the number)");
  CHECK(rec.bad_level == 0, "levels are SG_LOG_*");
  api->close(h);

  /* below log_min_level nothing arrives */
  memset(&rec, 0, sizeof rec);
  args.log_min_level = SG_LOG_ERROR;
  h = NULL;
  rc = api->open(&args, &h, &err);
  CHECK(rc == 0 && h != NULL, "open with log_min_level error");
  if (h) {
    rc = dial(h, "101", "911", &d);
    CHECK(rc == SG_ALLOW, "dial 911");
    rc = login(h, "101", SG_CHANNEL_PORTAL, &d);
    CHECK(rc == SG_ALLOW, "login 101");
    CHECK(rec.mentions_911 == 0 && rec.lines == rec.errors,
          "nothing below SG_LOG_ERROR is sent (%d lines, %d errors)", rec.lines, rec.errors);
    api->close(h);
  }

  /* config errors arrive at SG_LOG_ERROR as FILE:LINE: message */
  snprintf(bad_path, sizeof bad_path, "%s/logbad.conf", dir);
  write_file(bad_path, bad_conf);
  memset(&rec, 0, sizeof rec);
  snprintf(rec.bad_path_line, sizeof rec.bad_path_line, "%s:4:", bad_path);
  args.config_path = bad_path;
  args.log_min_level = SG_LOG_DEBUG;
  h = NULL;
  rc = api->open(&args, &h, &err);
  CHECK(rc == -1 && h == NULL, "open of a bad config with a log callback fails");
  CHECK(rec.errors > 0, "the config error is logged at SG_LOG_ERROR");
  CHECK(rec.mentions_bad_line > 0, "the logged error names %s", rec.bad_path_line);
}

/* ---- dump -------------------------------------------------------------- */

static void dump_cb(void *user, const char *line, size_t len) {
  int *count = (int *)user;
  if (line && strlen(line) == len) ++*count;
}

static void test_dump(sg_handle *h) {
  int count = 0;
  sg_str none = {NULL, 0};
  CHECK(api->dump(h, none, dump_cb, &count) == 0, "dump of every domain returns 0");
  CHECK(count > 0, "dump emits NUL-terminated lines of the given length (%d)", count);
  count = 0;
  CHECK(api->dump(h, SG_STR("acme.example"), dump_cb, &count) == 0 && count > 0,
        "dump of one domain");
  CHECK(api->dump(NULL, none, dump_cb, &count) == -1, "dump(NULL handle) is -1");
  CHECK(api->dump(h, none, NULL, NULL) == -1, "dump(NULL emit) is -1");
  CHECK(api->dump(h, SG_STR("acme\n"), dump_cb, &count) == -1, "dump of a malformed domain");
}

/* ---- structured diagnostics (ABI 1.1) ----------------------------------- */

struct seen {
  int errors, warnings, files_read, files_skipped;
  uint32_t line;
  char file[400], message[300];
};

static void diag_cb(void *user, const sg_diagnostic *d) {
  struct seen *s = (struct seen *)user;
  if (d->severity == SG_DIAG_ERROR) {
    if (s->errors++ == 0) {
      s->line = d->line;
      snprintf(s->file, sizeof s->file, "%s", d->file);
      snprintf(s->message, sizeof s->message, "%s", d->message);
    }
  } else {
    s->warnings++;
  }
}

static void file_cb(void *user, const char *path, int32_t read) {
  struct seen *s = (struct seen *)user;
  (void)path;
  if (read) s->files_read++; else s->files_skipped++;
}

static void test_diagnostics(void) {
  char path[400];
  struct seen seen;
  sg_check_args args;
  sg_check_result result;
  sg_open_args open_args;
  sg_error err;
  sg_handle *h = NULL;

  snprintf(path, sizeof path, "%s/bad.conf", dir);
  write_file(path, bad_conf);

  memset(&seen, 0, sizeof seen);
  SG_INIT(args);
  SG_INIT(result);
  args.config_path = path;
  args.diagnostic = diag_cb;
  args.file = file_cb;
  args.user = &seen;
  CHECK(api->check(&args, &result) == 1, "check of a broken config is 1");
  CHECK(result.ok == 0 && result.errors == 1 && result.warnings == 0, "one error, no warning");
  CHECK(seen.errors == 1 && seen.line == 4 && strcmp(seen.file, path) == 0,
        "the error arrives as fields: %s line %u", seen.file, (unsigned)seen.line);
  CHECK(strcmp(seen.message, "unknown scope 'admin'") == 0, "message without FILE:LINE: '%s'", seen.message);
  CHECK(seen.files_read == 1 && seen.files_skipped == 0, "the one file read is reported");
  CHECK(result.domains == 1, "counts also when invalid (%u domains)", (unsigned)result.domains);
  CHECK(api->check(NULL, &result) == -1, "check(NULL) is -1");

  memset(&seen, 0, sizeof seen);
  SG_INIT(open_args);
  open_args.config_path = path;
  open_args.diagnostic = diag_cb;
  open_args.diagnostic_user = &seen;
  SG_INIT(err);
  CHECK(api->open(&open_args, &h, &err) == -1 && h == NULL, "open of the broken config fails");
  CHECK(seen.errors == 1 && seen.line == 4, "open delivers the same error as fields (line %u)", (unsigned)seen.line);

  /* A host of ABI 1.0 has a smaller sg_open_args: still accepted. */
  SG_INIT(open_args);
  open_args.struct_size = (uint32_t)offsetof(sg_open_args, diagnostic);
  open_args.config_path = conf_path;
  SG_INIT(err);
  CHECK(api->open(&open_args, &h, &err) == 0 && h != NULL, "an ABI 1.0 sg_open_args opens: '%s'", err.message);
  if (h) api->close(h);
  unlink(path);
}

/* ---- revision and the load's work (ABI 1.3) ----------------------------- */

/* good_conf split into a main file and one domains_dir file: the same
 * effective config, so the same revision. */
static const char split_main[] =
    "# the same config as good_conf, its domain in domains.d\n"
    "version = 1;\n"
    "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n"
    "domains_dir = \"domains.d\";\n";
static const char split_acme[] =
    "name = \"acme.example\";\n"
    "sites = [ \"HQ\", \"Branch\" ];\n"
    "users = ( { id = \"100\"; scope = \"office_manager\"; },\n"
    "          { id = \"101\"; scope = \"basic_user\"; site = \"HQ\"; },\n"
    "          { id = \"102\"; scope = \"basic_user\"; site = \"Branch\"; },\n"
    "          { id = \"150\"; scope = \"call_center_supervisor\"; site = \"HQ\";\n"
    "            supervisor = { queues = [ \"sales\" ]; }; },\n"
    "          { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; } );\n"
    "queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\" ]; } );\n";

static sg_info info_of(sg_handle *h) {
  sg_info info;
  SG_INIT(info);
  CHECK(api->info(h, &info) == 0, "info returns 0");
  return info;
}

/* The revision a fresh process reports for path, or 0. */
static uint64_t revision_in_child(const char *path) {
  int fds[2];
  uint64_t got = 0;
  pid_t pid;
  if (pipe(fds) != 0) return 0;
  pid = fork();
  if (pid == 0) {
    sg_error err;
    sg_handle *h = open_conf(path, &err);
    sg_info info = info_of(h);
    ssize_t n = write(fds[1], &info.revision, sizeof info.revision);
    _exit(h != NULL && n == (ssize_t)sizeof info.revision ? 0 : 1);
  }
  close(fds[1]);
  if (pid > 0 && read(fds[0], &got, sizeof got) != (ssize_t)sizeof got) got = 0;
  close(fds[0]);
  if (pid > 0) waitpid(pid, NULL, 0);
  return got;
}

static void check_result_of(const char *path, sg_check_result *result) {
  sg_check_args args;
  SG_INIT(args);
  SG_INIT(*result);
  args.config_path = path;
  api->check(&args, result);
}

static void test_revision_same_config(void) {
  sg_error err;
  sg_check_result result;
  sg_handle *h1, *h2;
  sg_info a, b;

  write_file(conf_path, good_conf);
  h1 = open_conf(conf_path, &err);
  h2 = open_conf(conf_path, &err);
  CHECK(h1 && h2, "two handles on one config");
  if (!h1 || !h2) return;
  a = info_of(h1);
  b = info_of(h2);
  CHECK(a.revision != 0, "a loaded config has a revision");
  CHECK(a.revision == b.revision, "two handles, one revision: %016llx %016llx",
        (unsigned long long)a.revision, (unsigned long long)b.revision);
  CHECK(revision_in_child(conf_path) == a.revision, "another process reports the same revision");
  CHECK(a.files_read == 1 && a.domains_rebuilt == 1, "1 file read, 1 domain built; got %u, %u",
        (unsigned)a.files_read, (unsigned)a.domains_rebuilt);
  CHECK(a.load_usec > 0 && a.load_usec < 60000000u, "the load took %llu us",
        (unsigned long long)a.load_usec);
  check_result_of(conf_path, &result);
  CHECK(result.ok == 1 && result.revision == a.revision, "check says the revision open gives");
  CHECK(result.files_read == 1 && result.load_usec > 0, "check: 1 file read in %llu us",
        (unsigned long long)result.load_usec);
  api->close(h2);

  /* reloads: a new config a new revision, a failed reload changes nothing */
  write_file(conf_path, good_conf_2);
  CHECK(api->reload(h1, &err) == 0, "reload of good_conf_2");
  b = info_of(h1);
  CHECK(b.revision != a.revision && b.revision != 0, "another config, another revision");
  CHECK(b.domains_rebuilt == 2 && b.files_read == 1, "every domain rebuilt: %u", (unsigned)b.domains_rebuilt);
  write_file(conf_path, bad_conf);
  CHECK(api->reload(h1, &err) == -1, "reload of bad_conf fails");
  a = info_of(h1);
  CHECK(a.revision == b.revision && a.domains_rebuilt == 2 && a.load_usec == b.load_usec,
        "a failed reload keeps the revision and the last load's figures");
  check_result_of(conf_path, &result);
  CHECK(result.ok == 0 && result.revision == 0 && result.files_read == 1,
        "an invalid config has no revision (%016llx)", (unsigned long long)result.revision);
  write_file(conf_path, good_conf);
  CHECK(api->reload(h1, &err) == 0, "back to good_conf");
  b = info_of(h1);
  CHECK(b.revision == revision_in_child(conf_path) && b.generation == 3,
        "the same config again, the same revision, a new generation");
  api->close(h1);
}

static void test_revision_split_config(void) {
  char main_path[400], domains[400], acme[420];
  sg_error err;
  sg_handle *h;
  uint64_t whole;

  write_file(conf_path, good_conf);
  whole = revision_in_child(conf_path);
  snprintf(main_path, sizeof main_path, "%s/split.conf", dir);
  snprintf(domains, sizeof domains, "%s/domains.d", dir);
  snprintf(acme, sizeof acme, "%s/acme.example.conf", domains);
  mkdir(domains, 0755);
  write_file(main_path, split_main);
  write_file(acme, split_acme);
  h = open_conf(main_path, &err);
  CHECK(h != NULL, "the split config opens: '%s'", err.message);
  if (h) {
    sg_info info = info_of(h);
    CHECK(info.revision == whole && whole != 0, "split or not, one revision: %016llx %016llx",
          (unsigned long long)info.revision, (unsigned long long)whole);
    CHECK(info.files_read == 2 && info.domains_rebuilt == 1, "2 files read, 1 domain built; got %u, %u",
          (unsigned)info.files_read, (unsigned)info.domains_rebuilt);
    api->close(h);
  }
  unlink(acme);
  rmdir(domains);
  unlink(main_path);
}

/* A host built against ABI 1.2 passes the smaller structs: they work, and
 * nothing after them is written. */
static void test_revision_old_host(void) {
  struct {
    sg_info info;
  } old_info;
  struct {
    sg_check_result result;
  } old_check;
  sg_check_args args;
  sg_error err;
  sg_handle *h;

  write_file(conf_path, good_conf);
  h = open_conf(conf_path, &err);
  if (!h) return;
  memset(&old_info, 0xA5, sizeof old_info);
  old_info.info.struct_size = (uint32_t)offsetof(sg_info, revision);
  CHECK(api->info(h, &old_info.info) == 0 && old_info.info.generation == 1 && old_info.info.users == 5,
        "an ABI 1.2 sg_info works");
  CHECK(old_info.info.files_read == 0xA5A5A5A5u && old_info.info.load_usec == 0xA5A5A5A5A5A5A5A5ull,
        "the fields of ABI 1.3 are not written for an ABI 1.2 host");
  old_info.info.struct_size = (uint32_t)offsetof(sg_info, load_usec);
  CHECK(api->info(h, &old_info.info) == 0 && old_info.info.revision == 0xA5A5A5A5A5A5A5A5ull,
        "a struct_size that does not cover all of ABI 1.3 gets none of it");
  api->close(h);

  memset(&old_check, 0xA5, sizeof old_check);
  old_check.result.struct_size = (uint32_t)offsetof(sg_check_result, files_read);
  SG_INIT(args);
  args.config_path = conf_path;
  CHECK(api->check(&args, &old_check.result) == 0 && old_check.result.ok == 1 && old_check.result.users == 5,
        "an ABI 1.2 sg_check_result works");
  CHECK(old_check.result.files_read == 0xA5A5A5A5u && old_check.result.revision == 0xA5A5A5A5A5A5A5A5ull,
        "its fields of ABI 1.3 are not written");
}

/* ---- report (ABI 1.2) --------------------------------------------------- */

/* One report; its text copied into out (cut to cap), freed through the module. */
static int32_t report_into(sg_handle *h, sg_report_req *req, char *out, size_t cap, uint32_t *count) {
  sg_report rep;
  sg_error err;
  int32_t rc;
  SG_INIT(rep);
  SG_INIT(err);
  rc = api->report(h, req, &rep, &err);
  out[0] = '\0';
  if (rc == 0) {
    CHECK(rep.text != NULL && strlen(rep.text) == rep.len, "report text NUL-terminated, len %u", (unsigned)rep.len);
    snprintf(out, cap, "%s", rep.text);
    if (count) *count = rep.count;
    api->report_free(&rep);
    CHECK(rep.text == NULL, "report_free clears the text");
  } else {
    CHECK(rep.text == NULL, "a failed report leaves text NULL");
    CHECK(err.message[0] != '\0', "a failed report says why");
  }
  return rc;
}

static void test_report(sg_handle *h) {
  sg_report_req req;
  sg_report rep;
  char text[8192];
  uint32_t count = 0;
  sg_handle *h2;
  sg_error err;
  CHECK(SG_API_HAS(api, report_free) && api->report && api->report_free, "the report entries are there");
  if (!SG_API_HAS(api, report_free)) return;

  SG_INIT(req);
  req.command = SG_REPORT_WHO;
  req.feature = SG_STR("users.edit");
  req.target.kind = SG_TARGET_USER;
  req.target.id = SG_STR("101");
  req.target.domain = SG_STR("acme.example");
  CHECK(report_into(h, &req, text, sizeof text, &count) == 0, "who report");
  CHECK(strcmp(text, "100@acme.example\n") == 0 && count == 1, "who users.edit 101: only 100, got '%s'", text);

  SG_INIT(req);
  req.command = SG_REPORT_CAN;
  req.flags = SG_REPORT_JSON;
  req.user = SG_STR("160");
  req.domain = SG_STR("acme.example");
  req.feature = SG_STR("queue.status.view");
  CHECK(report_into(h, &req, text, sizeof text, &count) == 0, "can report");
  CHECK(strstr(text, "\"feature\":\"queue.status.view\",\"reach\":\"queue\",\"level\":\"default\"") != NULL &&
            strstr(text, "\"queues\":[\"sales@acme.example\"]") != NULL && count == 1,
        "can 160 queue.status.view: '%s'", text);
  req.user = SG_STR("999");
  CHECK(report_into(h, &req, text, sizeof text, NULL) == -1, "can of an unknown user is -1");

  write_file(conf_path, good_conf_2);
  h2 = open_conf(conf_path, &err);
  CHECK(h2 != NULL, "open of the second config");
  if (h2) {
    SG_INIT(req);
    req.command = SG_REPORT_DIFF;
    req.old_config = h;
    CHECK(report_into(h2, &req, text, sizeof text, &count) == 0 && count > 0, "diff report lists changes");
    CHECK(strstr(text, "+ 103@acme.example added (basic_user)\n") != NULL, "diff names the added user: '%s'", text);
    req.old_config = h2;
    CHECK(report_into(h2, &req, text, sizeof text, &count) == 0 && count == 0 && text[0] == '\0',
          "a config diffed with itself has no change");
    api->close(h2);
  }
  write_file(conf_path, good_conf);

  SG_INIT(req);
  req.command = 99;
  CHECK(report_into(h, &req, text, sizeof text, NULL) == -1, "an unknown command is -1");
  SG_INIT(rep);
  CHECK(api->report(NULL, &req, &rep, NULL) == -1 && api->report(h, NULL, &rep, NULL) == -1 &&
            api->report(h, &req, NULL, NULL) == -1,
        "NULL handle, request or report is -1");
  api->report_free(NULL);
  rep.text = NULL;
  api->report_free(&rep);
}

int main(void) {
  void *so;
  void *sym;
  sg_module_api_fn get = NULL;
  sg_error err;
  sg_handle *h;

  so = dlopen(SG_TEST_MODULE, RTLD_NOW | RTLD_LOCAL);
  if (!so) {
    fprintf(stderr, "dlopen %s: %s\n", SG_TEST_MODULE, dlerror());
    return 1;
  }
  sym = dlsym(so, SG_MODULE_API_SYMBOL);
  CHECK(sym != NULL, "%s is exported", SG_MODULE_API_SYMBOL);
  if (!sym) return 1;
  memcpy(&get, &sym, sizeof get); /* ISO C has no object-to-function pointer cast */
  CHECK(dlsym(so, "sg_open") == NULL && dlsym(so, "sg_login") == NULL,
        "no entry point is exported but the table");

  test_table(get);
  if (!api) {
    printf("%d passed, %d failed\n", passed, failed);
    return 1;
  }

  snprintf(dir, sizeof dir, "%s", "/tmp/sg_abi_test.XXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 2;
  }
  snprintf(conf_path, sizeof conf_path, "%s/scopegate.conf", dir);
  write_file(conf_path, good_conf);

  test_open_failures();
  test_life_cycle();

  write_file(conf_path, good_conf);
  h = open_conf(conf_path, &err);
  CHECK(h != NULL, "open of the good config: '%s'", err.message);
  if (h) {
    test_hooks(h);
    test_hostile(h);
    test_deny_first(h);
    test_explain(h);
    test_dump(h);
    test_report(h);
    api->close(h);
  }
  test_log();
  test_diagnostics();
  test_revision_same_config();
  test_revision_split_config();
  test_revision_old_host();

  {
    /* tidy the temp dir */
    const char *names[] = {"scopegate.conf", "empty.conf", "comments.conf", "bad.conf",
                           "syntax.conf", "logbad.conf"};
    size_t i;
    char path[400];
    for (i = 0; i < sizeof names / sizeof names[0]; ++i) {
      snprintf(path, sizeof path, "%s/%s", dir, names[i]);
      unlink(path);
    }
    rmdir(dir);
  }

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
