/*
 * sg_rpc.h - the RPC commands: scopegate.reload, .info, .stats, .explain.
 */
#ifndef SG_KAM_RPC_H
#define SG_KAM_RPC_H

#include "core/rpc.h"

extern rpc_export_t sg_rpc_cmds[];
/* The config path the RPC checks (the module's "config" modparam). */
void sg_rpc_set_config(const char *config);

#endif
