/*
 * sg_rpc.c - kamcmd scopegate.*.
 *
 * reload checks the config in the RPC process with a handle of its own
 * before anything is published, so a broken config is refused while every
 * worker keeps deciding on the last good one.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/dprint.h"

#include "sg_explain.h"
#include "sg_plugin.h"
#include "sg_rpc.h"
#include "sg_shared.h"
#include "sg_stats.h"

/* The fault text must fit Kamailio's RPC reply buffer (ctl's
 * binrpc_buffer_size, 1024 by default): the errors are kept, cut with
 * "..." when they do not fit; every one of them is in the log too. */
#define SG_DIAG_LEN 900

static const char *sg_rpc_config = NULL;

void sg_rpc_set_config(const char *config)
{
	sg_rpc_config = config;
}

/* The diagnostics of one check, in the form of SPEC 4.1. */
typedef struct sg_diag {
	char text[SG_DIAG_LEN];
	size_t len;
	int errors;
} sg_diag_t;

/* The plugin logs each config diagnostic on its own line: "FILE:LINE[:COL]:
 * error: MESSAGE" (older plugins: "FILE:LINE: MESSAGE", without the
 * severity); other lines (summaries) are not diagnostics. *text is set to
 * what follows the place. */
static int sg_is_diagnostic(const char *msg, const char **text)
{
	const char *colon = strchr(msg, ':');
	const char *p;
	int numbers = 0;
	if(colon == NULL || colon == msg)
		return 0;
	p = colon;
	/* ":LINE" and an optional ":COL" */
	while(numbers < 2 && p[0] == ':' && p[1] >= '0' && p[1] <= '9') {
		for(p++; *p >= '0' && *p <= '9'; p++)
			;
		numbers++;
	}
	if(numbers == 0 || p[0] != ':' || p[1] != ' ')
		return 0;
	*text = p + 2;
	return 1;
}

static int sg_has_severity(const char *text)
{
	return strncmp(text, "error: ", 7) == 0 || strncmp(text, "warning: ", 9) == 0;
}

static void sg_collect(void *user, int32_t level, const char *msg)
{
	sg_diag_t *diag = (sg_diag_t *)user;
	const char *text;
	int n;

	if(diag->len >= SG_DIAG_LEN - 1)
		return; /* already cut */
	/* Errors only: warnings do not stop a load. */
	if(level < SG_LOG_ERROR || !sg_is_diagnostic(msg, &text))
		return;
	diag->errors++;
	if(sg_has_severity(text))
		n = snprintf(diag->text + diag->len, SG_DIAG_LEN - diag->len, "%s\n", msg);
	else
		n = snprintf(diag->text + diag->len, SG_DIAG_LEN - diag->len, "%.*s: %s: %s\n",
				(int)(text - 2 - msg), msg, level == SG_LOG_ERROR ? "error" : "warning",
				text);
	if(n < 0)
		return;
	if((size_t)n >= SG_DIAG_LEN - diag->len) { /* cut: end the text with "..." */
		diag->len = SG_DIAG_LEN - 1;
		memcpy(diag->text + SG_DIAG_LEN - 4, "...", 4);
		return;
	}
	diag->len += (size_t)n;
}

/* A revision as everything else prints it: 16 lowercase hex digits, "" for
 * none (a plugin older than ABI 1.3). RPC integers are 32 bits: a string. */
static void sg_revision_text(uint64_t revision, char out[17])
{
	if(revision == 0)
		out[0] = '\0';
	else
		snprintf(out, 17, "%016llx", (unsigned long long)revision);
}

/* RPC integers are ints: a load that took over 35 minutes says INT_MAX. */
static int sg_rpc_int(uint64_t value)
{
	return value > INT_MAX ? INT_MAX : (int)value;
}

static void sg_rpc_reload(rpc_t *rpc, void *ctx)
{
	static sg_diag_t diag;
	sg_handle *probe = NULL;
	sg_error err;
	sg_info info;
	char revision[17];
	uint64_t generation;
	void *st;

	memset(&diag, 0, sizeof(diag));
	if(sg_plugin_open_logged(sg_rpc_config, &probe, &err, sg_collect, &diag) != 0) {
		if(diag.errors == 0) /* no line-wise diagnostic: the plugin's summary */
			snprintf(diag.text, SG_DIAG_LEN, "%s: error: %s", sg_rpc_config, err.message);
		rpc->fault(ctx, 500, "%s", diag.text);
		return;
	}
	SG_INIT(info);
	if(sg_plugin_api()->info(probe, &info) != 0)
		info.revision = 0;
	sg_plugin_api()->close(probe);
	sg_revision_text(info.revision, revision);
	generation = sg_shared_publish();
	LM_INFO("scopegate: %s checked, generation %llu published, revision %s\n",
			sg_rpc_config, (unsigned long long)generation, revision);
	if(rpc->add(ctx, "{", &st) < 0)
		return;
	/* revision: what every worker's scopegate.info row shows once it has
	 * reloaded the files as they were checked here */
	rpc->struct_add(st, "ds", "generation", (int)generation, "revision", revision);
}

static void sg_rpc_info(rpc_t *rpc, void *ctx)
{
	const sg_proc_status_t *row;
	char revision[17];
	void *st;
	int i;

	for(i = 0; i < sg_shared_procs(); i++) {
		row = sg_shared_row(i);
		if(row == NULL || !row->in_use)
			continue;
		if(rpc->add(ctx, "{", &st) < 0)
			return;
		sg_revision_text(row->revision, revision);
		rpc->struct_add(st, "ddddssddd", "pid", row->pid, "rank", row->rank,
				"generation", (int)row->generation, "last_reload_ok",
				row->last_reload_ok, "last_reload_message", row->last_reload_message,
				"revision", revision, "files_read", sg_rpc_int(row->files_read),
				"domains_rebuilt", sg_rpc_int(row->domains_rebuilt), "load_usec",
				sg_rpc_int(row->load_usec));
	}
}

static void sg_rpc_stats(rpc_t *rpc, void *ctx)
{
	sg_stats_rpc(rpc, ctx);
}

static const char *sg_rpc_reload_doc[] = {
		"Check the scopegate config, then have every process reload it", 0};
static const char *sg_rpc_info_doc[] = {
		"One struct per process: pid, rank, generation, last reload, revision, last load",
		0};
static const char *sg_rpc_stats_doc[] = {
		"Decisions by hook.verdict.reason since start, all processes", 0};
rpc_export_t sg_rpc_cmds[] = {
		{"scopegate.reload", sg_rpc_reload, sg_rpc_reload_doc, 0},
		{"scopegate.info", sg_rpc_info, sg_rpc_info_doc, RET_ARRAY},
		{"scopegate.stats", sg_rpc_stats, sg_rpc_stats_doc, 0},
		{"scopegate.explain", sg_rpc_explain, sg_rpc_explain_doc, 0},
		{0, 0, 0, 0}};
