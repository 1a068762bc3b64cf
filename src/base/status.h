/* The status type every fallible function returns, and the error detail carried beside it. */
#ifndef PF_BASE_STATUS_H
#define PF_BASE_STATUS_H

#include <stddef.h>

#include "base/common.h"

typedef enum {
#define PF_STATUS(name, http, code, message) name,
#include "base/status.def"
#undef PF_STATUS
    PF_STATUS_COUNT_
} pf_status;

#define PF_ERROR_MSG_MAX 256
#define PF_ERROR_FIELD_MAX 96

/* Human-readable detail beside a status (STYLE §5). Caller-provided; zero-initialise or
 * pf_error_clear() it before use. The message never contains CV content above debug level. */
struct pf_error {
    pf_status status;
    char message[PF_ERROR_MSG_MAX];  /* NUL-terminated; empty means "use the default" */
    char field[PF_ERROR_FIELD_MAX];  /* optional: the field, limit or path concerned */
    long offset;                     /* optional: byte offset of a parse error, -1 when unknown */
    int line;                        /* optional: 1-based line of a parse error, 0 when unknown */
    int column;                      /* optional: 1-based column, 0 when unknown */
};

#define PF_ERROR_INIT {PF_OK, "", "", -1, 0, 0}

/* The machine-readable code ("not_found"), HTTP status and default message of a status.
 * Unknown values give "internal"/500. Thread-safe; results are static strings. */
const char *pf_status_code(pf_status st);
int pf_status_http(pf_status st);
const char *pf_status_message(pf_status st);

/* Resets err to PF_OK with empty text. NULL is a no-op. */
void pf_error_clear(struct pf_error *err);

/* Records st and a printf-style message in err (NULL err is allowed and ignored) and returns st,
 * so callers can write `return pf_error_set(err, PF_E_INVALID, "...")`. */
pf_status pf_error_set(struct pf_error *err, pf_status st, const char *fmt, ...) PF_PRINTF(3, 4);

/* Like pf_error_set, also naming the field or limit concerned. */
pf_status pf_error_set_field(struct pf_error *err, pf_status st, const char *field,
                             const char *fmt, ...) PF_PRINTF(4, 5);

/* Prepends context to err's message ("<context>: <message>"), keeping its status and field;
 * returns the status. For a caller adding what it was doing to a lower layer's error. */
pf_status pf_error_prefix(struct pf_error *err, const char *fmt, ...) PF_PRINTF(2, 3);

/* The message to show: err->message when set, else the status's default. Never NULL. */
const char *pf_error_message(const struct pf_error *err);

#endif
