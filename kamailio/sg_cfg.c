/*
 * sg_cfg.c - native cfg functions. Every argument is a string that may hold
 * pseudo-variables (fixup_spve_all). Kamailio prints them into one buffer
 * per process that the next argument overwrites, so each value is copied to
 * the stack before the next is read; nothing is allocated.
 */
#include <string.h>

#include "core/dprint.h"
#include "core/mod_fix.h"

#include "sg_cfg.h"
#include "sg_decide.h"

/* Ids are at most 255 bytes; a longer value is cut to 256 so the plugin
 * still sees an over-long id and answers bad_request. */
#define SG_ARG_LEN 257
#define SG_OPTS_LEN 1024

/* Read argument p into buf; out points into buf. -1 when it cannot be read. */
static int sg_arg(sip_msg_t *msg, char *p, char *buf, size_t cap, str *out)
{
	str v;
	if(fixup_get_svalue(msg, (gparam_t *)p, &v) < 0)
		return -1;
	if(v.len < 0)
		v.len = 0;
	if((size_t)v.len > cap)
		v.len = (int)cap;
	if(v.len)
		memcpy(buf, v.s, (size_t)v.len);
	out->s = buf;
	out->len = v.len;
	return 0;
}

static int w_sg_login(sip_msg_t *msg, char *p1, char *p2, char *p3)
{
	char b1[SG_ARG_LEN], b2[SG_ARG_LEN], b3[SG_ARG_LEN];
	str user, domain, channel;
	if(sg_arg(msg, p1, b1, sizeof(b1), &user) < 0 || sg_arg(msg, p2, b2, sizeof(b2), &domain) < 0
			|| sg_arg(msg, p3, b3, sizeof(b3), &channel) < 0) {
		LM_ERR("sg_login: cannot read the arguments\n");
		return SG_RET_ERROR;
	}
	return sg_decide_login(msg, &user, &domain, &channel);
}

static int w_sg_dial(sip_msg_t *msg, char *p1, char *p2, char *p3)
{
	char b1[SG_ARG_LEN], b2[SG_ARG_LEN], b3[SG_ARG_LEN];
	str user, domain, destination;
	if(sg_arg(msg, p1, b1, sizeof(b1), &user) < 0 || sg_arg(msg, p2, b2, sizeof(b2), &domain) < 0
			|| sg_arg(msg, p3, b3, sizeof(b3), &destination) < 0) {
		LM_ERR("sg_dial: cannot read the arguments\n");
		return SG_RET_ERROR;
	}
	return sg_decide_dial(msg, &user, &domain, &destination);
}

static int sg_feature5(sip_msg_t *msg, char *p1, char *p2, char *p3, char *p4, char *p5)
{
	char b1[SG_ARG_LEN], b2[SG_ARG_LEN], b3[SG_ARG_LEN], b4[2 * SG_ARG_LEN];
	char b5[SG_OPTS_LEN];
	str user, domain, feature, target, options = {NULL, 0};
	if(sg_arg(msg, p1, b1, sizeof(b1), &user) < 0 || sg_arg(msg, p2, b2, sizeof(b2), &domain) < 0
			|| sg_arg(msg, p3, b3, sizeof(b3), &feature) < 0
			|| sg_arg(msg, p4, b4, sizeof(b4), &target) < 0
			|| (p5 && sg_arg(msg, p5, b5, sizeof(b5), &options) < 0)) {
		LM_ERR("sg_feature: cannot read the arguments\n");
		return SG_RET_ERROR;
	}
	return sg_decide_feature(msg, &user, &domain, &feature, &target, &options);
}

static int w_sg_feature4(sip_msg_t *msg, char *p1, char *p2, char *p3, char *p4)
{
	return sg_feature5(msg, p1, p2, p3, p4, NULL);
}

static int w_sg_feature5(sip_msg_t *msg, char *p1, char *p2, char *p3, char *p4, char *p5)
{
	return sg_feature5(msg, p1, p2, p3, p4, p5);
}

cmd_export_t sg_cfg_cmds[] = {
		{"sg_login", (cmd_function)w_sg_login, 3, fixup_spve_all, fixup_free_spve_all, ANY_ROUTE},
		{"sg_dial", (cmd_function)w_sg_dial, 3, fixup_spve_all, fixup_free_spve_all, ANY_ROUTE},
		{"sg_feature", (cmd_function)w_sg_feature4, 4, fixup_spve_all, fixup_free_spve_all, ANY_ROUTE},
		{"sg_feature", (cmd_function)w_sg_feature5, 5, fixup_spve_all, fixup_free_spve_all, ANY_ROUTE},
		{0, 0, 0, 0, 0, 0}};
