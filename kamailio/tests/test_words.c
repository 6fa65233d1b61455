/*
 * test_words.c - the CLI's words as the Kamailio module parses them
 * (sg_words.c): every TARGET form, the options, USER@DOMAIN, and the words
 * that must be refused. Plain C, no Kamailio: prints one line per failure
 * and "N passed, M failed" at the end; exit 1 on any failure.
 */
#include <stdio.h>
#include <string.h>

#include "../sg_words.h"

static int passed, failed;

static void check(int ok, const char *what)
{
	if(ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

static int eq(sg_str s, const char *want)
{
	size_t n = strlen(want);
	return s.len == n && (n == 0 || memcmp(s.ptr, want, n) == 0);
}

static int target(const char *word, sg_target *t)
{
	return sg_target_from_word(sg_cstr(word), t);
}

static void test_targets(void)
{
	sg_target t;
	check(target("", &t) == 0 && t.kind == SG_TARGET_NONE, "empty: no target");
	check(target("user:102", &t) == 0 && t.kind == SG_TARGET_USER && eq(t.id, "102")
					&& t.domain.len == 0,
			"user:102");
	check(target("user:102@acme.example", &t) == 0 && eq(t.id, "102")
					&& eq(t.domain, "acme.example"),
			"user:102@acme.example");
	check(target("queue:sales@acme.example", &t) == 0 && t.kind == SG_TARGET_QUEUE
					&& eq(t.id, "sales"),
			"queue:sales@acme.example");
	check(target("site:HQ", &t) == 0 && t.kind == SG_TARGET_SITE && eq(t.id, "HQ"), "site:HQ");
	check(target("domain:acme.example", &t) == 0 && t.kind == SG_TARGET_DOMAIN
					&& eq(t.id, "acme.example"),
			"domain:acme.example");
	check(target("object:conference/7@acme.example", &t) == 0 && t.kind == SG_TARGET_OBJECT
					&& eq(t.object_kind, "conference") && eq(t.id, "7")
					&& eq(t.domain, "acme.example"),
			"object:conference/7@acme.example");
}

static void test_bad_targets(void)
{
	static const char *const bad[] = {"robot:1", "user", "user:", "user:102@", ":102",
			"domain:", "object:conference", "object:/7", "object:conference/", "USER:102"};
	sg_target t;
	size_t i;
	char what[64];
	for(i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(what, sizeof(what), "bad target '%s' refused", bad[i]);
		check(target(bad[i], &t) < 0, what);
	}
}

static void test_options(void)
{
	sg_target t;
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr("--queue sales  --scope basic_user --site HQ --owner 101"), &t) == 0
					&& eq(t.queue, "sales") && eq(t.scope, "basic_user") && eq(t.site, "HQ")
					&& eq(t.owner, "101"),
			"all four options");
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr(""), &t) == 0 && t.queue.len == 0, "no options");
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr("--queue"), &t) < 0, "--queue without a value");
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr("--colour red"), &t) < 0, "unknown option");
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr("--queue a --queue b"), &t) < 0, "an option twice");
	memset(&t, 0, sizeof(t));
	check(sg_target_options(sg_cstr("sales"), &t) < 0, "a value without an option");
}

static void test_users_and_channels(void)
{
	sg_str u, d;
	check(sg_split_user(sg_cstr("101@acme.example"), &u, &d) == 0 && eq(u, "101")
					&& eq(d, "acme.example"),
			"101@acme.example");
	check(sg_split_user(sg_cstr("a@b@acme.example"), &u, &d) == 0 && eq(u, "a@b"),
			"split at the last @");
	check(sg_split_user(sg_cstr("101"), &u, &d) < 0, "no @DOMAIN refused");
	check(sg_split_user(sg_cstr("@acme.example"), &u, &d) < 0, "no user refused");
	check(sg_channel_from_word(sg_cstr("sip_device")) == SG_CHANNEL_SIP_DEVICE, "sip_device");
	check(sg_channel_from_word(sg_cstr("portal")) == SG_CHANNEL_PORTAL, "portal");
	check(sg_channel_from_word(sg_cstr("fax")) == 0, "unknown channel");
	check(strcmp(sg_reason_word(SG_REASON_SYSTEM_USER), "system_user") == 0, "reason words");
	check(strcmp(sg_reason_word(99), "internal_error") == 0, "an unknown reason is internal_error");
	check(strcmp(sg_verdict_name(-7), "error") == 0, "an unknown verdict is an error");
}

int main(void)
{
	test_targets();
	test_bad_targets();
	test_options();
	test_users_and_channels();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
