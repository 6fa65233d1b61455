/* A shared object that is not a scopegate module: it lacks sg_module_api. */
int sg_something_else(void);
int sg_something_else(void) { return 42; }
