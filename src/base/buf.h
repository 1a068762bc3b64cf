/* The one growable, owning, bounded byte buffer (STYLE §8), with a sticky error. */
#ifndef PF_BASE_BUF_H
#define PF_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/common.h"
#include "base/status.h"
#include "base/str.h"

/* Always NUL-terminated once anything was appended (ptr is NULL while empty and unallocated).
 * After an append would pass max, status becomes PF_E_TOO_BIG and further appends are ignored. */
struct pf_buf {
    char *ptr;        /* owned; heap; NULL until first growth */
    size_t len;       /* bytes, excluding the NUL */
    size_t cap;       /* bytes allocated */
    size_t max;       /* hard limit on len, in bytes */
    pf_status status; /* sticky: PF_OK or PF_E_TOO_BIG */
};

#define PF_BUF_INIT(max_len) {NULL, 0, 0, (max_len), PF_OK}

void pf_buf_init(struct pf_buf *buf, size_t max_len);
/* Releases the memory and returns buf to the empty state (max kept). NULL-safe. */
void pf_buf_fini(struct pf_buf *buf);
/* Empties buf, keeping its allocation, and clears a sticky error. */
void pf_buf_reset(struct pf_buf *buf);

void pf_buf_append(struct pf_buf *buf, const void *data, size_t len);
void pf_buf_append_str(struct pf_buf *buf, struct pf_str str);
void pf_buf_puts(struct pf_buf *buf, const char *cstr);
void pf_buf_putc(struct pf_buf *buf, char ch);
void pf_buf_printf(struct pf_buf *buf, const char *fmt, ...) PF_PRINTF(2, 3);
void pf_buf_vprintf(struct pf_buf *buf, const char *fmt, va_list ap) PF_PRINTF(2, 0);
/* Drops bytes from the end so len becomes new_len (no-op when new_len >= len). */
void pf_buf_truncate(struct pf_buf *buf, size_t new_len);

/* PF_OK, or PF_E_TOO_BIG once any append exceeded max. */
PF_MUST_CHECK pf_status pf_buf_status(const struct pf_buf *buf);
/* A view of the contents (valid until the next append). */
struct pf_str pf_buf_view(const struct pf_buf *buf);
/* The contents as a C string: "" when empty. Valid until the next append. */
const char *pf_buf_cstr(const struct pf_buf *buf);
/* Detaches the memory: the caller owns the returned NUL-terminated string (free()) and buf is
 * left empty. Never NULL: an empty buffer gives an allocated "". out_len may be NULL. */
char *pf_buf_take(struct pf_buf *buf, size_t *out_len);

/* Reads the whole file at path into buf (appending). PF_E_TOO_BIG past buf->max,
 * PF_E_NOT_FOUND/PF_E_IO with a message in err otherwise. */
PF_MUST_CHECK pf_status pf_buf_read_file(struct pf_buf *buf, const char *path,
                                         struct pf_error *err);
/* Reads everything from fd until EOF, with the same limits. */
PF_MUST_CHECK pf_status pf_buf_read_fd(struct pf_buf *buf, int fd, struct pf_error *err);

#endif
