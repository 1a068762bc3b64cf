/* Bounded growable buffer. */
#include "base/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

void pf_buf_init(struct pf_buf *buf, size_t max_len)
{
    buf->ptr = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max_len;
    buf->status = PF_OK;
}

void pf_buf_fini(struct pf_buf *buf)
{
    if (!buf)
        return;
    free(buf->ptr);
    buf->ptr = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->status = PF_OK;
}

void pf_buf_reset(struct pf_buf *buf)
{
    buf->len = 0;
    if (buf->ptr)
        buf->ptr[0] = '\0';
    buf->status = PF_OK;
}

/* Makes room for extra more bytes plus the NUL; false (and the sticky error) past max. */
static bool reserve(struct pf_buf *buf, size_t extra)
{
    if (buf->status != PF_OK)
        return false;
    if (extra > buf->max || buf->len > buf->max - extra) {
        buf->status = PF_E_TOO_BIG;
        return false;
    }
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return true;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    buf->ptr = pf_xrealloc(buf->ptr, cap);
    buf->cap = cap;
    return true;
}

void pf_buf_append(struct pf_buf *buf, const void *data, size_t len)
{
    if (!reserve(buf, len))
        return;
    if (len)
        memcpy(buf->ptr + buf->len, data, len);
    buf->len += len;
    buf->ptr[buf->len] = '\0';
}

void pf_buf_append_str(struct pf_buf *buf, struct pf_str str)
{
    pf_buf_append(buf, str.ptr, str.len);
}

void pf_buf_puts(struct pf_buf *buf, const char *cstr)
{
    pf_buf_append(buf, cstr, strlen(cstr));
}

void pf_buf_putc(struct pf_buf *buf, char ch)
{
    pf_buf_append(buf, &ch, 1);
}

void pf_buf_vprintf(struct pf_buf *buf, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || !reserve(buf, (size_t)n))
        return;
    vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
}

void pf_buf_printf(struct pf_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void pf_buf_truncate(struct pf_buf *buf, size_t new_len)
{
    if (new_len >= buf->len)
        return;
    buf->len = new_len;
    buf->ptr[new_len] = '\0';
}

pf_status pf_buf_status(const struct pf_buf *buf)
{
    return buf->status;
}

struct pf_str pf_buf_view(const struct pf_buf *buf)
{
    return pf_str_make(buf->ptr ? buf->ptr : "", buf->len);
}

const char *pf_buf_cstr(const struct pf_buf *buf)
{
    return buf->ptr ? buf->ptr : "";
}

char *pf_buf_take(struct pf_buf *buf, size_t *out_len)
{
    char *out = buf->ptr ? buf->ptr : pf_xstrdup("");
    if (out_len)
        *out_len = buf->len;
    buf->ptr = NULL;
    buf->len = 0;
    buf->cap = 0;
    return out;
}

pf_status pf_buf_read_fd(struct pf_buf *buf, int fd, struct pf_error *err)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return pf_error_set(err, PF_E_IO, "read failed: %s", strerror(errno));
        }
        if (n == 0)
            break;
        pf_buf_append(buf, chunk, (size_t)n);
        if (buf->status != PF_OK)
            return pf_error_set_field(err, PF_E_TOO_BIG, "max_bytes",
                                      "input is larger than the limit of %zu bytes", buf->max);
    }
    if (!buf->ptr)
        pf_buf_append(buf, "", 0);
    return PF_OK;
}

pf_status pf_buf_read_file(struct pf_buf *buf, const char *path, struct pf_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        pf_status st = errno == ENOENT ? PF_E_NOT_FOUND : PF_E_IO;
        return pf_error_set(err, st, "cannot open %s: %s", path, strerror(errno));
    }
    pf_status st = pf_buf_read_fd(buf, fd, err);
    close(fd);
    return st;
}
