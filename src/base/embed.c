/* Lookup in embedded file tables. */
#include "base/embed.h"

const struct pf_embedded_file *pf_embed_find(const struct pf_embedded_file *table,
                                             struct pf_str path)
{
    for (const struct pf_embedded_file *file = table; file->path; file++) {
        if (pf_str_eq_cstr(path, file->path))
            return file;
    }
    return NULL;
}
