/*
 * sg_explain.h - kamcmd scopegate.explain (sg_explain.c).
 */
#ifndef SG_KAM_EXPLAIN_H
#define SG_KAM_EXPLAIN_H

#include "core/rpc.h"

extern const char *sg_rpc_explain_doc[];
void sg_rpc_explain(rpc_t *rpc, void *ctx);

#endif
