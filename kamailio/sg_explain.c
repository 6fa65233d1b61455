/*
 * sg_explain.c - kamcmd scopegate.explain HOOK ARGS...: one decision with
 * the rule and grant that decided it, the arguments as the CLI's words:
 *
 *   scopegate.explain login 101@acme.example sip_device
 *   scopegate.explain dial 101@acme.example 2125551234
 *   scopegate.explain feature 200@acme.example users.edit user:102 --site Main
 *
 * kamcmd sends a word that looks like a number as an integer (losing
 * leading zeros): "s:0044..." keeps it a string. Numbers are taken back as
 * their decimal text.
 */
#include <string.h>

#include "core/dprint.h"
#include "core/rpc.h"

#include "sg_decide.h"
#include "sg_explain.h"
#include "sg_plugin.h"
#include "sg_words.h"

#define SG_EXPLAIN_LEN 4096
#define SG_EXPLAIN_WORDS 16

const char *sg_rpc_explain_doc[] = {
		"Explain one decision: login|dial|feature and the CLI's words", 0};

static sg_str sg_word(const char *s)
{
	return sg_cstr(s);
}

/* The words after the hook, at most SG_EXPLAIN_WORDS of them. */
static int sg_scan_words(rpc_t *rpc, void *ctx, char **words)
{
	int n = 0;
	while(n < SG_EXPLAIN_WORDS && rpc->scan(ctx, "*.s", &words[n]) == 1)
		n++;
	return n;
}

static int sg_feature_options(char **words, int n, int first, sg_target *t)
{
	sg_str *slot;
	int i;
	for(i = first; i < n; i += 2) {
		if(i + 1 >= n)
			return -1;
		slot = strcmp(words[i], "--queue") == 0   ? &t->queue
			   : strcmp(words[i], "--scope") == 0 ? &t->scope
			   : strcmp(words[i], "--site") == 0  ? &t->site
			   : strcmp(words[i], "--owner") == 0 ? &t->owner
												  : NULL;
		if(slot == NULL || slot->len)
			return -1;
		*slot = sg_word(words[i + 1]);
	}
	return 0;
}

static int32_t sg_explain_feature(sg_handle *h, char **w, int n, sg_decision *d)
{
	sg_feature_req req;
	int next = 2;
	SG_INIT(req);
	req.flags = SG_REQ_EXPLAIN;
	if(n < 2 || sg_split_user(sg_word(w[0]), &req.user, &req.domain) < 0)
		return -2;
	req.feature = sg_word(w[1]);
	if(n > 2 && strncmp(w[2], "--", 2) != 0) {
		if(sg_target_from_word(sg_word(w[2]), &req.target) < 0)
			return -2;
		next = 3;
	}
	if(sg_feature_options(w, n, next, &req.target) < 0)
		return -2;
	return sg_plugin_api()->feature(h, &req, d);
}

static int32_t sg_explain_one(sg_handle *h, const char *hook, char **w, int n,
		sg_decision *d)
{
	if(strcmp(hook, "login") == 0) {
		sg_login_req req;
		SG_INIT(req);
		req.flags = SG_REQ_EXPLAIN;
		if(n != 2 || sg_split_user(sg_word(w[0]), &req.user, &req.domain) < 0
				|| (req.channel = sg_channel_from_word(sg_word(w[1]))) == 0)
			return -2;
		return sg_plugin_api()->login(h, &req, d);
	}
	if(strcmp(hook, "dial") == 0) {
		sg_dial_req req;
		SG_INIT(req);
		req.flags = SG_REQ_EXPLAIN;
		if(n != 2 || sg_split_user(sg_word(w[0]), &req.user, &req.domain) < 0)
			return -2;
		req.destination = sg_word(w[1]);
		return sg_plugin_api()->dial(h, &req, d);
	}
	if(strcmp(hook, "feature") == 0)
		return sg_explain_feature(h, w, n, d);
	return -2;
}

void sg_rpc_explain(rpc_t *rpc, void *ctx)
{
	static char text[SG_EXPLAIN_LEN];
	char *hook = NULL, *words[SG_EXPLAIN_WORDS];
	sg_handle *h = sg_decide_handle();
	sg_decision d;
	int32_t verdict;
	int n;
	void *st;

	if(h == NULL) {
		rpc->fault(ctx, 500, "scopegate has no config loaded in this process");
		return;
	}
	if(rpc->scan(ctx, ".s", &hook) < 1) {
		rpc->fault(ctx, 400, "usage: scopegate.explain login|dial|feature ARGS...");
		return;
	}
	n = sg_scan_words(rpc, ctx, words);
	SG_INIT(d);
	text[0] = '\0';
	d.explain = text;
	d.explain_cap = sizeof(text);
	verdict = sg_explain_one(h, hook, words, n, &d);
	if(verdict == -2) {
		rpc->fault(ctx, 400, "bad_request: scopegate.explain login|dial|feature and the CLI's words");
		return;
	}
	if(rpc->add(ctx, "{", &st) < 0)
		return;
	rpc->struct_add(st, "ssds", "verdict", sg_verdict_name(verdict), "reason",
			sg_reason_word(d.reason), "generation", (int)d.generation,
			"explanation", text);
}
