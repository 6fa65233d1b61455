/*
 * sg_kemi.c - KSR.scopegate.* for KEMI scripts (Python, Lua, ...), with the
 * semantics of the cfg functions. KEMI needs a fixed argument count, so the
 * 5-argument feature call is sg_feature_opts.
 */
#include "core/kemi.h"

#include "sg_decide.h"

int sg_kemi_register(void);

static int ki_sg_login(sip_msg_t *msg, str *user, str *domain, str *channel)
{
	return sg_decide_login(msg, user, domain, channel);
}

static int ki_sg_dial(sip_msg_t *msg, str *user, str *domain, str *destination)
{
	return sg_decide_dial(msg, user, domain, destination);
}

static int ki_sg_feature(sip_msg_t *msg, str *user, str *domain, str *feature, str *target)
{
	return sg_decide_feature(msg, user, domain, feature, target, NULL);
}

static int ki_sg_feature_opts(sip_msg_t *msg, str *user, str *domain, str *feature,
		str *target, str *options)
{
	return sg_decide_feature(msg, user, domain, feature, target, options);
}

/* clang-format off */
static sr_kemi_t sg_kemi_exports[] = {
	{ str_init("scopegate"), str_init("sg_login"), SR_KEMIP_INT, ki_sg_login,
		{ SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_NONE, SR_KEMIP_NONE, SR_KEMIP_NONE } },
	{ str_init("scopegate"), str_init("sg_dial"), SR_KEMIP_INT, ki_sg_dial,
		{ SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_NONE, SR_KEMIP_NONE, SR_KEMIP_NONE } },
	{ str_init("scopegate"), str_init("sg_feature"), SR_KEMIP_INT, ki_sg_feature,
		{ SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_NONE, SR_KEMIP_NONE } },
	{ str_init("scopegate"), str_init("sg_feature_opts"), SR_KEMIP_INT, ki_sg_feature_opts,
		{ SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_STR, SR_KEMIP_NONE } },
	{ {0, 0}, {0, 0}, 0, NULL, { 0, 0, 0, 0, 0, 0 } }
};
/* clang-format on */

int sg_kemi_register(void)
{
	sr_kemi_modules_add(sg_kemi_exports);
	return 0;
}
