/* key=value logging with request/job context; the level is checked before formatting (STYLE §9). */
#ifndef PF_BASE_LOG_H
#define PF_BASE_LOG_H

#include <stdbool.h>

#include "base/common.h"

enum pf_log_level {
    PF_LOG_ERROR = 0,
    PF_LOG_WARN = 1,
    PF_LOG_INFO = 2,
    PF_LOG_DEBUG = 3,
};

/* Who a log line is about. Any field may be NULL; all are borrowed for the call only. */
struct pf_log_ctx {
    const char *req_id;  /* HTTP request id */
    const char *route;   /* route pattern, e.g. "GET /api/v1/personas/{id}" */
    const char *user;    /* user id (never an e-mail or name) */
    const char *job;     /* background job id */
    const char *command; /* CLI subcommand */
};

/* The one process-wide log sink (a permitted global, STYLE §18; uuid.c keeps the other, a
 * monotonic id clock). Defaults: level info, fd 2.
 * Thread-safe: each line is written with one write(2). */
void pf_log_set_level(enum pf_log_level level);
void pf_log_set_fd(int fd);
enum pf_log_level pf_log_get_level(void);
/* Parses "error|warn|info|debug". False on anything else. */
bool pf_log_level_parse(const char *name, enum pf_log_level *out_level);

static inline bool pf_log_enabled(enum pf_log_level level)
{
    return level <= pf_log_get_level();
}

/* Writes one line: ts=… level=… module=… [req_id=… route=… user=… job=… command=…] msg="…".
 * Prefer the macros below, which skip argument evaluation when the level is off. */
void pf_log_write(enum pf_log_level level, const char *module, const struct pf_log_ctx *ctx,
                  const char *fmt, ...) PF_PRINTF(4, 5);

#define PF_LOG_AT_(level, ctx, ...)                                                                \
    do {                                                                                           \
        if (pf_log_enabled(level))                                                                 \
            pf_log_write(level, PF_LOG_MODULE, ctx, __VA_ARGS__);                                  \
    } while (0)

#define pf_log_error(ctx, ...) PF_LOG_AT_(PF_LOG_ERROR, ctx, __VA_ARGS__)
#define pf_log_warn(ctx, ...) PF_LOG_AT_(PF_LOG_WARN, ctx, __VA_ARGS__)
#define pf_log_info(ctx, ...) PF_LOG_AT_(PF_LOG_INFO, ctx, __VA_ARGS__)
#define pf_log_debug(ctx, ...) PF_LOG_AT_(PF_LOG_DEBUG, ctx, __VA_ARGS__)

#endif
