/*
 * sg_pv.c - the answer of the last scopegate decision of the message being
 * processed. The state is per process and tagged with the message's id and
 * pid (as other modules keep per-message state), so it holds for the rest
 * of that message's processing, sub-routes included, and reads as $null for
 * any other message.
 */
#include "core/dprint.h"

#include "sg_decide.h"
#include "sg_pv.h"
#include "sg_words.h"

enum { SG_PV_VERDICT = 0, SG_PV_REASON, SG_PV_GENERATION };

int sg_pv_parse_name(pv_spec_t *sp, str *in)
{
	int key;
	if(sp == NULL || in == NULL || in->len <= 0)
		return -1;
	if(in->len == 7 && strncmp(in->s, "verdict", 7) == 0)
		key = SG_PV_VERDICT;
	else if(in->len == 6 && strncmp(in->s, "reason", 6) == 0)
		key = SG_PV_REASON;
	else if(in->len == 10 && strncmp(in->s, "generation", 10) == 0)
		key = SG_PV_GENERATION;
	else {
		LM_ERR("unknown $sg(%.*s): verdict, reason or generation\n", in->len, in->s);
		return -1;
	}
	sp->pvp.pvn.type = PV_NAME_INTSTR;
	sp->pvp.pvn.u.isname.type = 0;
	sp->pvp.pvn.u.isname.name.n = key;
	return 0;
}

int sg_pv_get(sip_msg_t *msg, pv_param_t *param, pv_value_t *res)
{
	const sg_last_t *last = sg_decide_last(msg);
	if(param == NULL || last == NULL)
		return pv_get_null(msg, param, res);
	switch(param->pvn.u.isname.name.n) {
		case SG_PV_VERDICT:
			return pv_get_strzval(msg, param, res, (char *)sg_verdict_name(last->verdict));
		case SG_PV_REASON:
			return pv_get_strzval(msg, param, res, (char *)last->reason);
		case SG_PV_GENERATION:
			return pv_get_uintval(msg, param, res, (unsigned int)last->generation);
		default:
			return pv_get_null(msg, param, res);
	}
}
