/*
 * sg_pv.h - $sg(verdict), $sg(reason), $sg(generation).
 */
#ifndef SG_KAM_PV_H
#define SG_KAM_PV_H

#include "core/pvar.h"

int sg_pv_parse_name(pv_spec_t *sp, str *in);
int sg_pv_get(sip_msg_t *msg, pv_param_t *param, pv_value_t *res);

#endif
