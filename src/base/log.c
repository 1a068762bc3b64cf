/* The log sink: one key=value line per event, written atomically. */
#include "base/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"

static atomic_int log_level = PF_LOG_INFO;
static atomic_int log_fd = 2;

void pf_log_set_level(enum pf_log_level level)
{
    atomic_store(&log_level, (int)level);
}

enum pf_log_level pf_log_get_level(void)
{
    return (enum pf_log_level)atomic_load_explicit(&log_level, memory_order_relaxed);
}

void pf_log_set_fd(int fd)
{
    atomic_store(&log_fd, fd);
}

bool pf_log_level_parse(const char *name, enum pf_log_level *out_level)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    for (size_t i = 0; i < PF_ARRAY_LEN(names); i++) {
        if (strcmp(name, names[i]) == 0) {
            *out_level = (enum pf_log_level)i;
            return true;
        }
    }
    return false;
}

/* Appends text to line[*len], escaping quotes, backslashes and control characters so a
 * hostile value cannot forge a second log line. */
static void append_escaped(char *line, size_t cap, size_t *len, const char *text)
{
    for (const char *p = text; *p && *len + 4 < cap; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"' || ch == '\\') {
            line[(*len)++] = '\\';
            line[(*len)++] = (char)ch;
        } else if (ch < 0x20 || ch == 0x7f) {
            *len += (size_t)snprintf(line + *len, cap - *len, "\\x%02x", ch);
        } else {
            line[(*len)++] = (char)ch;
        }
    }
}

static void append_kv(char *line, size_t cap, size_t *len, const char *key, const char *value)
{
    if (!value || *len + 8 >= cap)
        return;
    *len += (size_t)snprintf(line + *len, cap - *len, " %s=\"", key);
    if (*len >= cap)
        *len = cap - 1;
    append_escaped(line, cap, len, value);
    if (*len + 1 < cap)
        line[(*len)++] = '"';
}

void pf_log_write(enum pf_log_level level, const char *module, const struct pf_log_ctx *ctx,
                  const char *fmt, ...)
{
    static const char *const level_names[] = {"error", "warn", "info", "debug"};
    char message[1024];
    char line[2048];
    char ts[40];

    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);

    pf_time_format_iso(pf_time_now_ms(), ts);
    size_t len = (size_t)snprintf(line, sizeof(line), "ts=%s level=%s module=%s", ts,
                                  level_names[level & 3], module ? module : "-");
    if (ctx) {
        append_kv(line, sizeof(line), &len, "req_id", ctx->req_id);
        append_kv(line, sizeof(line), &len, "route", ctx->route);
        append_kv(line, sizeof(line), &len, "user", ctx->user);
        append_kv(line, sizeof(line), &len, "job", ctx->job);
        append_kv(line, sizeof(line), &len, "command", ctx->command);
    }
    append_kv(line, sizeof(line), &len, "msg", message);
    if (len >= sizeof(line) - 1)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    ssize_t ignored = write(atomic_load(&log_fd), line, len);
    (void)ignored;
}
