/*
 * scopegate_mod.c - the Kamailio module "scopegate": its exports, start-up
 * and shut-down. The decisions are in sg_decide.c, the cfg functions in
 * sg_cfg.c, KEMI in sg_kemi.c, RPC in sg_rpc.c and sg_explain.c.
 *
 *   loadmodule "scopegate.so"
 *   modparam("scopegate", "config", "/etc/scopegate/scopegate.conf")
 *   modparam("scopegate", "plugin", "/usr/lib/x86_64-linux-gnu/scopegate/scopegate.so")
 */
#include "core/dprint.h"
#include "core/pt.h"
#include "core/rpc_lookup.h"
#include "core/sr_module.h"

#include "sg_cfg.h"
#include "sg_decide.h"
#include "sg_plugin.h"
#include "sg_pv.h"
#include "sg_rpc.h"
#include "sg_shared.h"
#include "sg_stats.h"

#ifndef SG_DEFAULT_PLUGIN
#error "SG_DEFAULT_PLUGIN: the installed scopegate plugin's path, set by the build"
#endif
#ifndef SG_DEFAULT_CONFIG
#define SG_DEFAULT_CONFIG "/etc/scopegate/scopegate.conf"
#endif

MODULE_VERSION

int sg_kemi_register(void);

static char *sg_config = SG_DEFAULT_CONFIG;
static char *sg_plugin = SG_DEFAULT_PLUGIN;

static int mod_init(void);
static int child_init(int rank);
static void mod_destroy(void);

static param_export_t params[] = {
		{"config", PARAM_STRING, &sg_config},
		{"plugin", PARAM_STRING, &sg_plugin},
		{0, 0, 0}};

static pv_export_t mod_pvs[] = {
		{{"sg", sizeof("sg") - 1}, PVT_OTHER, sg_pv_get, 0, sg_pv_parse_name, 0, 0, 0},
		{{0, 0}, 0, 0, 0, 0, 0, 0, 0}};

struct module_exports exports = {
		"scopegate",
		DEFAULT_DLFLAGS,
		sg_cfg_cmds,
		params,
		0, /* RPC: registered in mod_init, with the shared state */
		mod_pvs,
		0,
		mod_init,
		child_init,
		mod_destroy,
};

int mod_register(char *path, int *dlflags, void *p1, void *p2)
{
	return sg_kemi_register();
}

/* Load the config once before the fork so a config that does not load
 * stops Kamailio's start, with every diagnostic in its log (the plugin logs
 * each on its own line through the log bridge). */
static int sg_check_config(void)
{
	sg_handle *h = NULL;
	sg_error err;
	if(sg_plugin_open(sg_config, &h, &err) != 0) {
		LM_ERR("scopegate: open %s failed: %s\n", sg_config, err.message);
		return -1;
	}
	/* Closed again: each process opens its own after the fork. */
	sg_plugin_api()->close(h);
	return 0;
}

static int mod_init(void)
{
	if(sg_plugin_load(sg_plugin) < 0 || sg_check_config() < 0)
		return -1;
	if(sg_shared_init_generation() < 0 || sg_stats_register() < 0)
		return -1;
	sg_rpc_set_config(sg_config);
	if(rpc_register_array(sg_rpc_cmds) != 0) {
		LM_ERR("cannot register the scopegate RPC commands\n");
		return -1;
	}
	return 0;
}

static int child_init(int rank)
{
	if(rank == PROC_INIT)
		return sg_shared_init_table(get_max_procs());
	/* The main process only forks and waits: it never decides. */
	if(rank == PROC_MAIN || rank == PROC_POSTCHILDINIT || rank == PROC_TCP_MAIN)
		return 0;
	return sg_decide_open(sg_config);
}

static void mod_destroy(void)
{
	sg_decide_close();
	sg_shared_destroy();
}
