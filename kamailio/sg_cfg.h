/*
 * sg_cfg.h - the native kamailio.cfg functions sg_login, sg_dial, sg_feature.
 */
#ifndef SG_KAM_CFG_H
#define SG_KAM_CFG_H

#include "core/sr_module.h"

extern cmd_export_t sg_cfg_cmds[];

#endif
