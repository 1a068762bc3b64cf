/* Files compiled into the binary by cmake/PfEmbed.cmake (migrations, templates, data, web UI). */
#ifndef PF_BASE_EMBED_H
#define PF_BASE_EMBED_H

#include <stddef.h>

#include "base/str.h"

/* One embedded file. data is NUL-terminated (the NUL is not counted in len). Tables end with
 * an entry whose path is NULL; each table also has a NAME_count. */
struct pf_embedded_file {
    const char *path; /* relative to the directory it was embedded from, '/'-separated */
    const char *data;
    size_t len; /* bytes */
};

/* The entry of table whose path equals path, or NULL. */
const struct pf_embedded_file *pf_embed_find(const struct pf_embedded_file *table,
                                             struct pf_str path);

#endif
