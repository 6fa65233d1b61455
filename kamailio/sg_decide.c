/*
 * sg_decide.c - the decision path of a SIP worker.
 *
 * Nothing here takes a lock or allocates: the requests are built on the
 * stack, pointing into the argument strings; the plugin decides without
 * allocating; the counters and the status row belong to this process. The
 * only slow step, a reload, happens once per published generation.
 */
#include <string.h>

#include "core/dprint.h"
#include "core/pt.h"

#include "sg_decide.h"
#include "sg_plugin.h"
#include "sg_shared.h"
#include "sg_stats.h"
#include "sg_words.h"

static sg_handle *sg_own = NULL;  /* this process's handle */
static uint64_t sg_applied = 0;   /* the shared generation it decides on */
static sg_last_t sg_last = {0, 0, SG_DENY, NULL, 0};

/* The plugin's own view of the config in force (generation aside, which
 * counts this Kamailio's publications, not the handle's loads). */
static void sg_status_info(sg_proc_status_t *row)
{
	sg_info info;
	SG_INIT(info);
	if(sg_own == NULL || sg_plugin_api()->info(sg_own, &info) != 0)
		return;
	row->revision = info.revision;
	row->files_read = info.files_read;
	row->domains_rebuilt = info.domains_rebuilt;
	row->load_usec = info.load_usec;
}

static void sg_status_write(int ok, const char *message)
{
	sg_proc_status_t *row = sg_shared_self();
	if(row == NULL)
		return;
	row->pid = my_pid();
	row->rank = process_no;
	row->in_use = 1;
	row->generation = sg_applied;
	row->last_reload_ok = ok;
	strncpy(row->last_reload_message, message, SG_STATUS_MESSAGE_LEN - 1);
	row->last_reload_message[SG_STATUS_MESSAGE_LEN - 1] = '\0';
	sg_status_info(row);
}

int sg_decide_open(const char *config)
{
	sg_error err;
	if(sg_plugin_open(config, &sg_own, &err) != 0) {
		LM_ERR("scopegate: open %s failed: %s\n", config, err.message);
		return -1;
	}
	sg_applied = sg_shared_generation();
	sg_status_write(1, "");
	return 0;
}

void sg_decide_close(void)
{
	if(sg_own && sg_plugin_api())
		sg_plugin_api()->close(sg_own);
	sg_own = NULL;
}

void sg_decide_sync(void)
{
	sg_error err;
	sg_proc_status_t *row;
	uint64_t published = sg_shared_generation();

	if(sg_own == NULL || published == sg_applied)
		return;
	SG_INIT(err);
	/* On failure the plugin keeps the old config in force: this process
	 * still decides (on the last good config) and says why in info. */
	if(sg_plugin_api()->reload(sg_own, &err) != 0) {
		LM_ERR("scopegate: reload to generation %llu failed: %s\n",
				(unsigned long long)published, err.message);
		sg_status_write(0, err.message);
		sg_applied = published; /* do not retry on every request */
		return;
	}
	sg_applied = published;
	sg_status_write(1, "");
	row = sg_shared_self();
	LM_INFO("scopegate: reloaded, generation %llu, revision %016llx\n",
			(unsigned long long)published,
			(unsigned long long)(row ? row->revision : 0));
}

static int sg_finish(sip_msg_t *msg, int hook, int32_t verdict, const sg_decision *d)
{
	sg_stats_count(hook, verdict, d->reason);
	if(msg) {
		sg_last.msg_id = msg->id;
		sg_last.msg_pid = msg->pid;
		sg_last.verdict = verdict;
		sg_last.reason = sg_reason_word(d->reason);
		sg_last.generation = sg_applied;
	}
	if(verdict == SG_ALLOW)
		return SG_RET_ALLOW;
	return verdict == SG_DENY ? SG_RET_DENY : SG_RET_ERROR;
}

/* A request refused before the plugin saw it: counted and remembered as
 * the plugin would answer it. */
static int sg_refuse(sip_msg_t *msg, int hook, int32_t reason)
{
	sg_decision d;
	SG_INIT(d);
	d.verdict = SG_ERROR;
	d.reason = reason;
	return sg_finish(msg, hook, SG_ERROR, &d);
}

static sg_str sg_view(const str *s)
{
	sg_str v = {NULL, 0};
	if(s && s->s && s->len > 0) {
		v.ptr = s->s;
		v.len = (size_t)s->len;
	}
	return v;
}

int sg_decide_login(sip_msg_t *msg, str *user, str *domain, str *channel)
{
	sg_login_req req;
	sg_decision d;
	int32_t verdict;

	if(sg_own == NULL)
		return sg_refuse(msg, SG_HOOK_LOGIN, SG_REASON_INTERNAL_ERROR);
	sg_decide_sync();
	SG_INIT(req);
	req.user = sg_view(user);
	req.domain = sg_view(domain);
	req.channel = sg_channel_from_word(sg_view(channel));
	if(req.channel == 0)
		return sg_refuse(msg, SG_HOOK_LOGIN, SG_REASON_BAD_REQUEST);
	SG_INIT(d);
	verdict = sg_plugin_api()->login(sg_own, &req, &d);
	return sg_finish(msg, SG_HOOK_LOGIN, verdict, &d);
}

int sg_decide_dial(sip_msg_t *msg, str *user, str *domain, str *destination)
{
	sg_dial_req req;
	sg_decision d;
	int32_t verdict;

	if(sg_own == NULL)
		return sg_refuse(msg, SG_HOOK_DIAL, SG_REASON_INTERNAL_ERROR);
	sg_decide_sync();
	SG_INIT(req);
	req.user = sg_view(user);
	req.domain = sg_view(domain);
	req.destination = sg_view(destination);
	SG_INIT(d);
	verdict = sg_plugin_api()->dial(sg_own, &req, &d);
	return sg_finish(msg, SG_HOOK_DIAL, verdict, &d);
}

int sg_decide_feature(sip_msg_t *msg, str *user, str *domain, str *feature,
		str *target, str *options)
{
	sg_feature_req req;
	sg_decision d;
	int32_t verdict;

	if(sg_own == NULL)
		return sg_refuse(msg, SG_HOOK_FEATURE, SG_REASON_INTERNAL_ERROR);
	sg_decide_sync();
	SG_INIT(req);
	req.user = sg_view(user);
	req.domain = sg_view(domain);
	req.feature = sg_view(feature);
	if(sg_target_from_word(sg_view(target), &req.target) < 0
			|| sg_target_options(sg_view(options), &req.target) < 0)
		return sg_refuse(msg, SG_HOOK_FEATURE, SG_REASON_BAD_REQUEST);
	SG_INIT(d);
	verdict = sg_plugin_api()->feature(sg_own, &req, &d);
	return sg_finish(msg, SG_HOOK_FEATURE, verdict, &d);
}

const sg_last_t *sg_decide_last(sip_msg_t *msg)
{
	if(msg == NULL || sg_last.reason == NULL || msg->id != sg_last.msg_id
			|| msg->pid != sg_last.msg_pid)
		return NULL;
	return &sg_last;
}

sg_handle *sg_decide_handle(void)
{
	sg_decide_sync();
	return sg_own;
}
