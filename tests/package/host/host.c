/*
 * host.c - a minimal PBX host built against the installed scopegate-dev
 * package: it dlopen()s the installed module at SCOPEGATE_MODULE (given by
 * the build, from pkg-config or find_package), opens the config named on the
 * command line and checks a few decisions whose answers SPEC.md fixes for
 * the worked example config (conf/examples). Exit 0 only when every answer
 * is the expected one.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <scopegate/scopegate.h>

#ifndef SCOPEGATE_MODULE
#error "build with -DSCOPEGATE_MODULE=\"/path/to/scopegate.so\""
#endif

static int failures;

static void expect(const char *what, int32_t verdict, const sg_decision *d, int32_t want_verdict,
                   const char *want_reason) {
  int ok = verdict == want_verdict && d->verdict == want_verdict && d->reason_name != NULL &&
           strcmp(d->reason_name, want_reason) == 0;
  printf("%s %s: %d %s (want %d %s)\n", ok ? "ok  " : "FAIL", what, (int)verdict,
         d->reason_name ? d->reason_name : "(null)", (int)want_verdict, want_reason);
  if (!ok) failures++;
}

static int32_t login(const sg_api *api, sg_handle *h, const char *user, const char *domain,
                     int32_t channel, sg_decision *d) {
  sg_login_req req;
  SG_INIT(req);
  req.user = sg_cstr(user);
  req.domain = sg_cstr(domain);
  req.channel = channel;
  SG_INIT(*d);
  return api->login(h, &req, d);
}

static int32_t dial(const sg_api *api, sg_handle *h, const char *user, const char *domain,
                    const char *destination, sg_decision *d) {
  sg_dial_req req;
  SG_INIT(req);
  req.user = sg_cstr(user);
  req.domain = sg_cstr(domain);
  req.destination = sg_cstr(destination);
  SG_INIT(*d);
  return api->dial(h, &req, d);
}

static int32_t feature_on_user(const sg_api *api, sg_handle *h, const char *user,
                               const char *domain, const char *feature, const char *target,
                               sg_decision *d) {
  sg_feature_req req;
  SG_INIT(req);
  req.user = sg_cstr(user);
  req.domain = sg_cstr(domain);
  req.feature = sg_cstr(feature);
  req.target.kind = SG_TARGET_USER;
  req.target.id = sg_cstr(target);
  SG_INIT(*d);
  return api->feature(h, &req, d);
}

int main(int argc, char **argv) {
  void *so;
  sg_module_api_fn get;
  const sg_api *api;
  sg_open_args args;
  sg_error err;
  sg_handle *h = NULL;
  sg_decision d;
  sg_info info;

  if (argc != 2) {
    fprintf(stderr, "usage: %s CONFIG\n", argv[0]);
    return 2;
  }
  so = dlopen(SCOPEGATE_MODULE, RTLD_NOW | RTLD_LOCAL);
  if (so == NULL) {
    fprintf(stderr, "dlopen %s: %s\n", SCOPEGATE_MODULE, dlerror());
    return 1;
  }
  *(void **)(&get) = dlsym(so, SG_MODULE_API_SYMBOL);
  if (get == NULL || (api = get(SG_ABI_MAJOR)) == NULL || api->abi_major != SG_ABI_MAJOR) {
    fprintf(stderr, "%s: no compatible sg_module_api\n", SCOPEGATE_MODULE);
    return 1;
  }
  if (get(SG_ABI_MAJOR + 1) != NULL) {
    fprintf(stderr, "module accepted ABI %d\n", SG_ABI_MAJOR + 1);
    return 1;
  }

  SG_INIT(args);
  args.config_path = argv[1];
  SG_INIT(err);
  if (api->open(&args, &h, &err) != 0 || h == NULL) {
    fprintf(stderr, "open %s: %s\n", argv[1], err.message);
    return 1;
  }
  SG_INIT(info);
  if (api->info(h, &info) != 0 || info.generation != 1 || info.domains == 0) {
    fprintf(stderr, "info: generation %lu, %u domains\n", (unsigned long)info.generation,
            (unsigned)info.domains);
    failures++;
  }

  expect("login 101@acme.example portal", login(api, h, "101", "acme.example", SG_CHANNEL_PORTAL, &d),
         &d, SG_ALLOW, "ok");
  expect("login 170@acme.example portal", login(api, h, "170", "acme.example", SG_CHANNEL_PORTAL, &d),
         &d, SG_DENY, "no_portal_scope");
  expect("login aa-main@acme.example sip_device",
         login(api, h, "aa-main", "acme.example", SG_CHANNEL_SIP_DEVICE, &d), &d, SG_DENY,
         "system_user");
  expect("login nobody@acme.example portal", login(api, h, "nobody", "acme.example", SG_CHANNEL_PORTAL, &d),
         &d, SG_DENY, "unknown_user");
  expect("dial nobody@nowhere.example 911", dial(api, h, "nobody", "nowhere.example", "911", &d), &d,
         SG_ALLOW, "emergency");
  expect("feature 101@acme.example users.edit user:102",
         feature_on_user(api, h, "101", "acme.example", "users.edit", "102", &d), &d, SG_DENY,
         "scope_lacks_feature");
  expect("feature 100@acme.example users.edit user:101",
         feature_on_user(api, h, "100", "acme.example", "users.edit", "101", &d), &d, SG_ALLOW, "ok");
  expect("login (empty user)", login(api, h, "", "acme.example", SG_CHANNEL_PORTAL, &d), &d, SG_ERROR,
         "bad_request");

  api->close(h);
  printf("%s: module %s at %s, %d failure(s)\n", argv[0], api->module_version, SCOPEGATE_MODULE,
         failures);
  dlclose(so);
  return failures == 0 ? 0 : 1;
}
