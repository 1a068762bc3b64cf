/* The config table's expansions: parsing, validation, show, example file and docs. */
#include "base/config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

enum key_type { TYPE_STR, TYPE_INT, TYPE_BOOL };

struct key_info {
    const char *name;
    enum key_type type;
    const char *default_text;
    int64_t min;
    int64_t max;
    const char *unit;
    bool reloadable;
    const char *doc;
    size_t offset;
};

static const struct key_info keys[PF_CONFIG_KEY_COUNT] = {
#define PF_CONFIG(name, type, def, min, max, unit, reload, doc)                                    \
    {#name, TYPE_##type, def, min, max, unit, reload, doc, offsetof(struct pf_config, name)},
#include "base/config.def"
#undef PF_CONFIG
};

static const char *const source_names[] = {"default", "file", "env", "flag"};

static const struct key_info *find_key(const char *name)
{
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    }
    return NULL;
}

static bool parse_bool(const char *text, bool *out)
{
    static const char *const yes[] = {"1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < PF_ARRAY_LEN(yes); i++) {
        if (strcmp(text, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(text, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* Integers, with K/M/G (binary) suffixes for byte-valued keys. */
static bool parse_int(const struct key_info *key, const char *text, int64_t *out)
{
    struct pf_str str = pf_str_trim(pf_str_from_cstr(text));
    int64_t scale = 1;
    if (str.len > 1 && strcmp(key->unit, "bytes") == 0) {
        char last = str.ptr[str.len - 1];
        if (last == 'K' || last == 'k')
            scale = 1024;
        else if (last == 'M' || last == 'm')
            scale = 1024 * 1024;
        else if (last == 'G' || last == 'g')
            scale = 1024 * 1024 * 1024;
        if (scale != 1)
            str.len--;
    }
    int64_t value;
    if (!pf_parse_i64(str, INT64_MIN / 1024 / 1024 / 1024, INT64_MAX / 1024 / 1024 / 1024, &value))
        return false;
    *out = value * scale;
    return true;
}

pf_status pf_config_set(struct pf_config *config, const char *name, const char *value,
                        enum pf_config_source source, struct pf_error *err)
{
    const struct key_info *key = find_key(name);
    if (!key)
        return pf_error_set_field(err, PF_E_INVALID, name, "unknown setting '%s'", name);
    char *slot = (char *)config + key->offset;
    switch (key->type) {
    case TYPE_STR: {
        char **field = (char **)(void *)slot;
        free(*field);
        *field = pf_xstrdup(value);
        break;
    }
    case TYPE_INT: {
        int64_t number;
        if (!parse_int(key, value, &number))
            return pf_error_set_field(err, PF_E_INVALID, name, "%s: '%s' is not an integer",
                                      name, value);
        if (number < key->min || number > key->max)
            return pf_error_set_field(err, PF_E_INVALID, name,
                                      "%s: %lld is outside %lld..%lld", name, (long long)number,
                                      (long long)key->min, (long long)key->max);
        memcpy(slot, &number, sizeof(number));
        break;
    }
    case TYPE_BOOL: {
        bool flag;
        if (!parse_bool(value, &flag))
            return pf_error_set_field(err, PF_E_INVALID, name,
                                      "%s: '%s' is not a boolean (true/false)", name, value);
        memcpy(slot, &flag, sizeof(flag));
        break;
    }
    }
    config->sources[key - keys] = (unsigned char)source;
    return PF_OK;
}

struct pf_config *pf_config_new(void)
{
    struct pf_config *config = pf_xcalloc(1, sizeof(*config));
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        pf_status st = pf_config_set(config, keys[i].name, keys[i].default_text,
                                     PF_CONFIG_DEFAULT, NULL);
        PF_ASSERT(st == PF_OK); /* config.def defaults are validated by this very parser */
    }
    return config;
}

void pf_config_free(struct pf_config *config)
{
    if (!config)
        return;
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        if (keys[i].type == TYPE_STR)
            free(*(char **)(void *)((char *)config + keys[i].offset));
    }
    free(config);
}

struct pf_config *pf_config_dup(const struct pf_config *config)
{
    struct pf_config *copy = pf_xmalloc(sizeof(*copy));
    memcpy(copy, config, sizeof(*copy));
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        if (keys[i].type == TYPE_STR) {
            char **field = (char **)(void *)((char *)copy + keys[i].offset);
            *field = pf_xstrdup(*field);
        }
    }
    return copy;
}

pf_status pf_config_load_text(struct pf_config *config, struct pf_str text, struct pf_error *err)
{
    struct pf_cur cur = pf_cur_of(text);
    struct pf_str line;
    int line_no = 0;
    while (pf_cur_take_line(&cur, &line)) {
        line_no++;
        line = pf_str_trim(line);
        if (line.len == 0 || line.ptr[0] == '#')
            continue;
        long eq = pf_str_find_char(line, '=');
        if (eq <= 0)
            return pf_error_set(err, PF_E_INVALID, "line %d: expected 'name = value'", line_no);
        struct pf_str name = pf_str_trim(pf_str_slice(line, 0, (size_t)eq));
        struct pf_str value = pf_str_trim(pf_str_slice(line, (size_t)eq + 1, line.len));
        if (value.len >= 2 && value.ptr[0] == '"' && value.ptr[value.len - 1] == '"')
            value = pf_str_slice(value, 1, value.len - 2);
        char name_buf[64];
        char value_buf[1024];
        if (name.len >= sizeof(name_buf) || value.len >= sizeof(value_buf))
            return pf_error_set(err, PF_E_INVALID, "line %d: name or value too long", line_no);
        memcpy(name_buf, name.ptr, name.len);
        name_buf[name.len] = '\0';
        memcpy(value_buf, value.ptr, value.len);
        value_buf[value.len] = '\0';
        if (memchr(value_buf, '\0', value.len) || !pf_utf8_valid(value_buf, value.len))
            return pf_error_set(err, PF_E_INVALID, "line %d: value is not valid text", line_no);
        pf_status st = pf_config_set(config, name_buf, value_buf, PF_CONFIG_FILE, err);
        if (st != PF_OK) {
            if (err) {
                char detail[PF_ERROR_MSG_MAX];
                snprintf(detail, sizeof(detail), "%s", err->message);
                pf_error_set(err, st, "line %d: %s", line_no, detail);
            }
            return st;
        }
    }
    return PF_OK;
}

pf_status pf_config_load_file(struct pf_config *config, const char *path, struct pf_error *err)
{
    struct pf_buf text = PF_BUF_INIT(1024 * 1024);
    pf_status st = pf_buf_read_file(&text, path, err);
    if (st == PF_OK)
        st = pf_config_load_text(config, pf_buf_view(&text), err);
    if (st != PF_OK && err) {
        char detail[PF_ERROR_MSG_MAX];
        snprintf(detail, sizeof(detail), "%s", pf_error_message(err));
        pf_error_set(err, st, "%s: %s", path, detail);
    }
    pf_buf_fini(&text);
    return st;
}

pf_status pf_config_load_env(struct pf_config *config, struct pf_error *err)
{
    const char *database_url = getenv("DATABASE_URL");
    if (database_url && *database_url) {
        pf_status st = pf_config_set(config, "database_url", database_url, PF_CONFIG_ENV, err);
        if (st != PF_OK)
            return st;
    }
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        char env_name[80] = "PF_";
        size_t len = 3;
        for (const char *p = keys[i].name; *p && len + 1 < sizeof(env_name); p++)
            env_name[len++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
        env_name[len] = '\0';
        const char *value = getenv(env_name);
        if (!value)
            continue;
        pf_status st = pf_config_set(config, keys[i].name, value, PF_CONFIG_ENV, err);
        if (st != PF_OK) {
            if (err) {
                char detail[PF_ERROR_MSG_MAX];
                snprintf(detail, sizeof(detail), "%s", err->message);
                pf_error_set(err, st, "%s: %s", env_name, detail);
            }
            return st;
        }
    }
    return PF_OK;
}

static void append_value(const struct pf_config *config, const struct key_info *key,
                         struct pf_buf *out)
{
    const char *slot = (const char *)config + key->offset;
    switch (key->type) {
    case TYPE_STR:
        pf_buf_printf(out, "\"%s\"", *(char *const *)(const void *)slot);
        break;
    case TYPE_INT: {
        int64_t value;
        memcpy(&value, slot, sizeof(value));
        pf_buf_printf(out, "%lld", (long long)value);
        break;
    }
    case TYPE_BOOL: {
        bool value;
        memcpy(&value, slot, sizeof(value));
        pf_buf_puts(out, value ? "true" : "false");
        break;
    }
    }
}

void pf_config_show(const struct pf_config *config, struct pf_buf *out)
{
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        pf_buf_printf(out, "%s = ", keys[i].name);
        append_value(config, &keys[i], out);
        pf_buf_printf(out, "  # %s\n", source_names[config->sources[i] & 3]);
    }
}

/* Wraps doc at 96 columns behind "# ". */
static void append_wrapped_comment(struct pf_buf *out, const char *doc)
{
    const char *p = doc;
    while (*p) {
        size_t len = strlen(p);
        size_t take = len;
        if (len > 96) {
            take = 96;
            while (take > 0 && p[take] != ' ')
                take--;
            if (take == 0)
                take = 96;
        }
        pf_buf_puts(out, "# ");
        pf_buf_append(out, p, take);
        pf_buf_putc(out, '\n');
        p += take;
        while (*p == ' ')
            p++;
    }
}

void pf_config_write_example(struct pf_buf *out)
{
    pf_buf_puts(out, "# PersonaForge example configuration (generated — run `make gen`).\n"
                     "# Precedence: built-in defaults < this file < PF_* environment < flags.\n"
                     "# Uncomment and edit a line to change a setting.\n");
    struct pf_config *defaults = pf_config_new();
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        pf_buf_putc(out, '\n');
        append_wrapped_comment(out, keys[i].doc);
        if (keys[i].type == TYPE_INT)
            pf_buf_printf(out, "# Range %lld..%lld %s%s.\n", (long long)keys[i].min,
                          (long long)keys[i].max, keys[i].unit,
                          keys[i].reloadable ? "" : "; needs a restart");
        pf_buf_printf(out, "#%s = ", keys[i].name);
        append_value(defaults, &keys[i], out);
        pf_buf_putc(out, '\n');
    }
    pf_config_free(defaults);
}

void pf_config_write_markdown(struct pf_buf *out)
{
    pf_buf_puts(out, "# Configuration reference\n\n"
                     "Generated from `src/base/config.def` — run `make gen`. Precedence: built-in "
                     "defaults < config file (`--config FILE`) < `PF_<NAME>` environment "
                     "variables < command-line flags.\n\n"
                     "| setting | type | default | range / unit | doc |\n"
                     "|---|---|---|---|---|\n");
    static const char *const type_names[] = {"string", "integer", "boolean"};
    for (size_t i = 0; i < PF_CONFIG_KEY_COUNT; i++) {
        pf_buf_printf(out, "| `%s` | %s | `%s` | ", keys[i].name, type_names[keys[i].type],
                      keys[i].default_text);
        if (keys[i].type == TYPE_INT)
            pf_buf_printf(out, "%lld..%lld %s", (long long)keys[i].min, (long long)keys[i].max,
                          keys[i].unit);
        pf_buf_printf(out, " | %s |\n", keys[i].doc);
    }
}

void pf_config_database_url(const struct pf_config *config, struct pf_buf *out)
{
    if (config->database_url[0])
        pf_buf_puts(out, config->database_url);
    else
        pf_buf_printf(out, "sqlite:%s/personaforge.db", config->data_dir);
}
