/*
 * sg_plugin.c - dlopen() of the scopegate plugin and the log bridge.
 *
 * The plugin is a separate library with its own release cycle, so it is
 * loaded at run time (as secsipid loads its library) and its table is only
 * used when its ABI major matches the header this module was built with.
 */
#include <dlfcn.h>
#include <stddef.h>

#include "core/dprint.h"

#include "sg_plugin.h"

static const sg_api *sg_api_table = NULL;

int sg_plugin_load(const char *path)
{
	void *so;
	sg_module_api_fn get;

	/* RTLD_LOCAL: the plugin's libraries must not satisfy Kamailio's symbols. */
	so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if(so == NULL) {
		LM_ERR("cannot load the scopegate plugin %s: %s\n", path, dlerror());
		return -1;
	}
	get = (sg_module_api_fn)dlsym(so, SG_MODULE_API_SYMBOL);
	if(get == NULL) {
		LM_ERR("%s is not a scopegate plugin: no %s\n", path, SG_MODULE_API_SYMBOL);
		dlclose(so);
		return -1;
	}
	sg_api_table = get(SG_ABI_MAJOR);
	if(sg_api_table == NULL || sg_api_table->abi_major != SG_ABI_MAJOR
			|| sg_api_table->struct_size < offsetof(sg_api, info) + sizeof(sg_api_table->info)) {
		LM_ERR("%s does not speak scopegate ABI %d\n", path, SG_ABI_MAJOR);
		sg_api_table = NULL;
		dlclose(so);
		return -1;
	}
	LM_INFO("scopegate plugin %s (version %s, ABI %u.%u) loaded\n", path,
			sg_api_table->module_version, sg_api_table->abi_major,
			sg_api_table->abi_minor);
	return 0;
}

const sg_api *sg_plugin_api(void)
{
	return sg_api_table;
}

/* The plugin's levels mapped onto Kamailio's, so its audit lines and config
 * errors land in Kamailio's log with their weight. */
static void sg_log_to_kamailio(int32_t level, const char *msg)
{
	switch(level) {
		case SG_LOG_DEBUG:
			LM_DBG("%s\n", msg);
			break;
		case SG_LOG_INFO:
			LM_INFO("%s\n", msg);
			break;
		case SG_LOG_WARN:
			LM_WARN("%s\n", msg);
			break;
		default:
			LM_ERR("%s\n", msg);
			break;
	}
}

static void sg_log_cb(void *user, int32_t level, const char *msg)
{
	(void)user;
	sg_log_to_kamailio(level, msg);
}

typedef struct sg_tee {
	sg_line_fn fn;
	void *user;
} sg_tee_t;

static void sg_tee_cb(void *user, int32_t level, const char *msg)
{
	sg_tee_t *tee = (sg_tee_t *)user;
	sg_log_to_kamailio(level, msg);
	tee->fn(tee->user, level, msg);
}

static int sg_open_with(const char *config, sg_handle **out, sg_error *err,
		void (*cb)(void *, int32_t, const char *), void *user)
{
	sg_open_args args;

	if(sg_api_table == NULL)
		return -1;
	SG_INIT(args);
	args.config_path = config;
	args.log = cb;
	args.log_user = user;
	/* Kamailio filters by its own debug level; the plugin's debug lines
	 * (one per decision) would cost a formatting each, so they are only
	 * asked for when Kamailio would print them. */
	args.log_min_level = is_printable(L_DBG) ? SG_LOG_DEBUG : SG_LOG_INFO;
	SG_INIT(*err);
	return sg_api_table->open(&args, out, err);
}

int sg_plugin_open(const char *config, sg_handle **out, sg_error *err)
{
	return sg_open_with(config, out, err, sg_log_cb, NULL);
}

int sg_plugin_open_logged(const char *config, sg_handle **out, sg_error *err,
		sg_line_fn fn, void *user)
{
	/* open() returns before the tee goes out of scope, and a handle opened
	 * this way is closed by the caller right after (sg_rpc.c). */
	static sg_tee_t tee;
	tee.fn = fn;
	tee.user = user;
	return sg_open_with(config, out, err, sg_tee_cb, &tee);
}
