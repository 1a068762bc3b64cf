/* Configuration: one declarative table (config.def), one immutable struct once loaded. */
#ifndef PF_BASE_CONFIG_H
#define PF_BASE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/common.h"
#include "base/status.h"

#define PF_CFG_TYPE_STR char *
#define PF_CFG_TYPE_INT int64_t
#define PF_CFG_TYPE_BOOL bool

enum pf_config_key {
#define PF_CONFIG(name, type, def, min, max, unit, reload, doc) PF_CONFIG_KEY_##name,
#include "base/config.def"
#undef PF_CONFIG
    PF_CONFIG_KEY_COUNT
};

/* Where a value came from, in increasing precedence. */
enum pf_config_source {
    PF_CONFIG_DEFAULT = 0,
    PF_CONFIG_FILE,
    PF_CONFIG_ENV,
    PF_CONFIG_FLAG,
};

/* Every setting as a typed field. Strings are owned by the struct (heap, never NULL).
 * Once loaded it is shared read-only: pass `const struct pf_config *`. */
struct pf_config {
#define PF_CONFIG(name, type, def, min, max, unit, reload, doc) PF_CFG_TYPE_##type name;
#include "base/config.def"
#undef PF_CONFIG
    unsigned char sources[PF_CONFIG_KEY_COUNT]; /* enum pf_config_source per key */
};

/* A config holding the defaults. Caller frees with pf_config_free(). */
struct pf_config *pf_config_new(void);
/* NULL-safe. */
void pf_config_free(struct pf_config *config);
/* A deep copy (for a reload that changes a few keys). */
struct pf_config *pf_config_dup(const struct pf_config *config);

/* Sets key name from text, validating type and range. PF_E_INVALID (unknown key, bad value)
 * with the key in err->field. */
PF_MUST_CHECK pf_status pf_config_set(struct pf_config *config, const char *name,
                                      const char *value, enum pf_config_source source,
                                      struct pf_error *err);
/* Reads `name = value` lines (# comments, optional double quotes). Errors name the line. */
PF_MUST_CHECK pf_status pf_config_load_file(struct pf_config *config, const char *path,
                                            struct pf_error *err);
/* Parses the same syntax from memory (the config fuzz target's entry point). */
PF_MUST_CHECK pf_status pf_config_load_text(struct pf_config *config, struct pf_str text,
                                            struct pf_error *err);
/* Applies PF_<NAME> variables (and DATABASE_URL) from the process environment. */
PF_MUST_CHECK pf_status pf_config_load_env(struct pf_config *config, struct pf_error *err);

/* Appends `name = value  # source` lines for every key. */
void pf_config_show(const struct pf_config *config, struct pf_buf *out);
/* Appends the example config file (every key commented out with its documentation). */
void pf_config_write_example(struct pf_buf *out);
/* Appends the Markdown reference table (docs/config.md). */
void pf_config_write_markdown(struct pf_buf *out);

/* The database URL to use: database_url, or sqlite:<data_dir>/personaforge.db. */
void pf_config_database_url(const struct pf_config *config, struct pf_buf *out);

#endif
