/*
 * sg_stats.c - the statistics of scopegate.stats, of
 * `kamcmd stats.get_statistics scopegate:` and of xhttp_prom.
 *
 * Kamailio's counters are one array row per process in shared memory; an
 * increment touches only the caller's row, so counting takes no lock, and a
 * read sums the rows. Using them (instead of an array of our own) makes the
 * same numbers visible to stats.get_statistics and xhttp_prom.
 */
#include <stdio.h>

#include "core/counters.h"
#include "core/dprint.h"

#include "sg_stats.h"
#include "sg_words.h"

#define SG_STAT_NAME_LEN 48

static counter_handle_t sg_counters[SG_HOOKS][SG_VERDICTS][SG_REASONS];
/* Every counter has two spellings, both alive as long as the module
 * (Kamailio keeps the name pointers):
 * - the statistic's name, "dial_allow_ok": xhttp_prom makes a statistic's
 *   name the end of a Prometheus metric name
 *   (kamailio_scopegate_dial_allow_ok), changing only '-' to '_'. A metric
 *   name holds letters, digits, '_' and ':' only; one '.' makes Prometheus
 *   refuse the whole scrape, every other metric of it included.
 * - the key in scopegate.stats, "dial.allow.ok" (SPEC 8).
 * Neither a hook nor a verdict has a '_', so both split at their first
 * two separators. */
static char sg_names[SG_HOOKS][SG_VERDICTS][SG_REASONS][SG_STAT_NAME_LEN];
static char sg_keys[SG_HOOKS][SG_VERDICTS][SG_REASONS][SG_STAT_NAME_LEN];
static int sg_stats_ready = 0;

static int sg_verdict_of_index(int v)
{
	return v == 0 ? SG_ALLOW : (v == 1 ? SG_DENY : SG_ERROR);
}

static int sg_stats_register_one(int h, int v, int r)
{
	char *name = sg_names[h][v][r];
	const char *hook = sg_hook_name(h);
	const char *verdict = sg_verdict_name(sg_verdict_of_index(v));

	snprintf(name, SG_STAT_NAME_LEN, "%s_%s_%s", hook, verdict, sg_reason_word(r));
	snprintf(sg_keys[h][v][r], SG_STAT_NAME_LEN, "%s.%s.%s", hook, verdict,
			sg_reason_word(r));
	if(counter_register(&sg_counters[h][v][r], "scopegate", name, 0, 0, 0,
			   "scopegate decisions of this hook, verdict and reason", 0)
			< 0) {
		LM_ERR("cannot register the statistic scopegate:%s\n", name);
		return -1;
	}
	return 0;
}

int sg_stats_register(void)
{
	int h, v, r;
	for(h = 0; h < SG_HOOKS; h++)
		for(v = 0; v < SG_VERDICTS; v++)
			for(r = 0; r < SG_REASONS; r++)
				if(sg_stats_register_one(h, v, r) < 0)
					return -1;
	sg_stats_ready = 1;
	return 0;
}

void sg_stats_count(int hook, int verdict, int reason)
{
	if(!sg_stats_ready || hook < 0 || hook >= SG_HOOKS)
		return;
	/* An out-of-range reason is counted as the internal error it is. */
	if(reason < 0 || reason >= SG_REASONS)
		reason = SG_REASON_INTERNAL_ERROR;
	counter_inc(sg_counters[hook][sg_verdict_index(verdict)][reason]);
}

void sg_stats_rpc(rpc_t *rpc, void *ctx)
{
	void *st;
	int h, v, r;

	if(rpc->add(ctx, "{", &st) < 0)
		return;
	for(h = 0; h < SG_HOOKS; h++)
		for(v = 0; v < SG_VERDICTS; v++)
			for(r = 0; r < SG_REASONS; r++)
				rpc->struct_add(st, "d", sg_keys[h][v][r],
						(int)counter_get_val(sg_counters[h][v][r]));
}
