/* Expansions of status.def and the error-detail helpers. */
#include "base/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct status_row {
    int http;
    const char *code;
    const char *message;
};

static const struct status_row status_rows[] = {
#define PF_STATUS(name, http, code, message) [name] = {http, code, message},
#include "base/status.def"
#undef PF_STATUS
};

static const struct status_row *row_of(pf_status st)
{
    if ((unsigned)st >= PF_ARRAY_LEN(status_rows))
        return &status_rows[PF_E_INTERNAL];
    return &status_rows[st];
}

const char *pf_status_code(pf_status st)
{
    return row_of(st)->code;
}

int pf_status_http(pf_status st)
{
    return row_of(st)->http;
}

const char *pf_status_message(pf_status st)
{
    return row_of(st)->message;
}

void pf_error_clear(struct pf_error *err)
{
    if (!err)
        return;
    err->status = PF_OK;
    err->message[0] = '\0';
    err->field[0] = '\0';
    err->offset = -1;
    err->line = 0;
    err->column = 0;
}

static void set_message(struct pf_error *err, pf_status st, const char *fmt, va_list ap)
{
    err->status = st;
    if (fmt)
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
    else
        err->message[0] = '\0';
}

pf_status pf_error_set(struct pf_error *err, pf_status st, const char *fmt, ...)
{
    if (!err)
        return st;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, st, fmt, ap);
    va_end(ap);
    return st;
}

pf_status pf_error_set_field(struct pf_error *err, pf_status st, const char *field,
                             const char *fmt, ...)
{
    if (!err)
        return st;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, st, fmt, ap);
    va_end(ap);
    snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
    return st;
}

const char *pf_error_message(const struct pf_error *err)
{
    if (!err)
        return pf_status_message(PF_E_INTERNAL);
    if (err->message[0])
        return err->message;
    return pf_status_message(err->status);
}

pf_status pf_error_prefix(struct pf_error *err, const char *fmt, ...)
{
    if (!err)
        return PF_E_INTERNAL;
    char detail[PF_ERROR_MSG_MAX];
    snprintf(detail, sizeof(detail), "%s", pf_error_message(err));
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : (size_t)n;
    /* Appended by hand: truncation of a long detail is intended, not a bug to warn about. */
    const char *parts[] = {": ", detail};
    for (size_t p = 0; p < 2; p++) {
        for (const char *c = parts[p]; *c && used + 1 < sizeof(err->message); c++)
            err->message[used++] = *c;
    }
    if (used < sizeof(err->message))
        err->message[used] = '\0';
    return err->status;
}
