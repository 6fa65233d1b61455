/*
 * sg_plugin.h - the scopegate plugin as this Kamailio module sees it: the
 * dlopen()ed library, its entry-point table and this process's handle.
 */
#ifndef SG_KAM_PLUGIN_H
#define SG_KAM_PLUGIN_H

#include <scopegate/scopegate.h>

/* Receives each log line of a handle opened with sg_plugin_open_logged(). */
typedef void (*sg_line_fn)(void *user, int32_t level, const char *msg);

/* Load the plugin at path and check its ABI. 0 ok, -1 error (logged). */
int sg_plugin_load(const char *path);
/* The table of the loaded plugin; NULL before sg_plugin_load succeeded. */
const sg_api *sg_plugin_api(void);
/* Open a handle on config; its log lines go to Kamailio's log. 0 ok. */
int sg_plugin_open(const char *config, sg_handle **out, sg_error *err);
/* Open a handle whose log lines go to fn (and to Kamailio's log too). */
int sg_plugin_open_logged(const char *config, sg_handle **out, sg_error *err,
		sg_line_fn fn, void *user);

#endif
