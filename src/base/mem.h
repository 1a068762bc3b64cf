/* Allocation that aborts on exhaustion (STYLE §7.8): callers never check for NULL. */
#ifndef PF_BASE_MEM_H
#define PF_BASE_MEM_H

#include <stddef.h>

/* Each returns memory the caller frees with free(). On exhaustion they log the size and abort. */
void *pf_xmalloc(size_t size);
void *pf_xcalloc(size_t count, size_t size);
void *pf_xrealloc(void *ptr, size_t size);
/* NUL-terminated copies; pf_xstrndup copies at most len bytes. NULL in gives NULL out. */
char *pf_xstrdup(const char *str);
char *pf_xstrndup(const char *str, size_t len);

#endif
