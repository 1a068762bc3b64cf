/* A template's config JSON (page, fonts, sizes, colours, columns) read into a render style,
 * with validation: the values reach CSS and font descriptions, so only safe ones pass. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/render_int.h"

#define MM (72.0 / 25.4)

static void set_defaults(struct pf_render_style *s)
{
    memset(s, 0, sizeof(*s));
    s->page_width = 210.0 * MM;
    s->page_height = 297.0 * MM;
    snprintf(s->page_name, sizeof(s->page_name), "A4");
    s->margin_top = s->margin_right = s->margin_bottom = s->margin_left = 18.0 * MM;
    snprintf(s->font_body, sizeof(s->font_body), "DejaVu Sans");
    snprintf(s->font_heading, sizeof(s->font_heading), "DejaVu Sans");
    snprintf(s->font_mono, sizeof(s->font_mono), "DejaVu Sans Mono");
    s->size_body = 10.0;
    s->size_small = 9.0;
    s->size_h1 = 20.0;
    s->size_h2 = 12.5;
    s->size_h3 = 11.0;
    s->line_height = 1.3;
    s->paragraph_space = 5.0;
    s->color_text = 0x222222;
    s->color_heading = 0x1f3a5f;
    s->color_accent = 0x2b6cb0;
    s->color_link = 0x1d4ed8;
    s->color_muted = 0x555555;
    s->color_sidebar_bg = 0xeef2f7;
    s->color_sidebar_text = 0x222222;
    s->columns = 1;
    s->sidebar_width = 62.0 * MM;
    s->gutter = 8.0 * MM;
    s->h2_uppercase = true;
    s->h2_rule = true;
}

static pf_status bad(struct pf_error *err, const char *key, const char *why)
{
    return pf_error_set_field(err, PF_E_TEMPLATE, key, "template config: %s %s", key, why);
}

static pf_status get_number(const json_t *obj, const char *key, double min, double max, double *out,
                            struct pf_error *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return PF_OK;
    if (!json_is_number(v))
        return bad(err, key, "must be a number");
    double d = json_number_value(v);
    if (!(d >= min && d <= max))
        return pf_error_set_field(err, PF_E_TEMPLATE, key,
                                  "template config: %s must be between %g and %g", key, min, max);
    *out = d;
    return PF_OK;
}

static pf_status get_bool(const json_t *obj, const char *key, bool *out, struct pf_error *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return PF_OK;
    if (!json_is_boolean(v))
        return bad(err, key, "must be true or false");
    *out = json_is_true(v);
    return PF_OK;
}

/* Font family names: letters, digits, spaces and hyphens only (they are written into CSS). */
static pf_status get_font(const json_t *obj, const char *key, char *out, struct pf_error *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return PF_OK;
    const char *name = json_string_value(v);
    size_t len = name ? strlen(name) : 0;
    if (!name || len == 0 || len >= PF_STYLE_FONT_MAX)
        return bad(err, key, "must be a font family name");
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == ' ' || ch == '-';
        if (!ok)
            return bad(err, key, "may only hold letters, digits, spaces and hyphens");
    }
    memcpy(out, name, len + 1);
    return PF_OK;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)(ch | 0x20);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static pf_status get_color(const json_t *obj, const char *key, uint32_t *out, struct pf_error *err)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return PF_OK;
    const char *text = json_string_value(v);
    size_t len = text ? strlen(text) : 0;
    if (!text || text[0] != '#' || (len != 4 && len != 7))
        return bad(err, key, "must be a colour like #1f3a5f");
    uint32_t color = 0;
    for (size_t i = 1; i < len; i++) {
        int d = hex_digit(text[i]);
        if (d < 0)
            return bad(err, key, "must be a colour like #1f3a5f");
        color = len == 4 ? (color << 8) | (uint32_t)(d * 17) : (color << 4) | (uint32_t)d;
    }
    *out = color;
    return PF_OK;
}

static pf_status parse_margins(const json_t *config, struct pf_render_style *s,
                               struct pf_error *err)
{
    const json_t *m = json_object_get(config, "margins_mm");
    if (!m)
        return PF_OK;
    double v[4];
    if (json_is_number(m)) {
        v[0] = v[1] = v[2] = v[3] = json_number_value(m);
    } else if (json_is_array(m) && json_array_size(m) == 4) {
        for (size_t i = 0; i < 4; i++) {
            if (!json_is_number(json_array_get(m, i)))
                return bad(err, "margins_mm", "must be a number or [top, right, bottom, left]");
            v[i] = json_number_value(json_array_get(m, i));
        }
    } else {
        return bad(err, "margins_mm", "must be a number or [top, right, bottom, left]");
    }
    for (size_t i = 0; i < 4; i++)
        if (!(v[i] >= 0 && v[i] <= 60))
            return bad(err, "margins_mm", "must be between 0 and 60");
    s->margin_top = v[0] * MM;
    s->margin_right = v[1] * MM;
    s->margin_bottom = v[2] * MM;
    s->margin_left = v[3] * MM;
    return PF_OK;
}

pf_status pf_render_style_parse(const json_t *config, struct pf_render_style *s,
                                struct pf_error *err)
{
    set_defaults(s);
    if (!config)
        return PF_OK;
    if (!json_is_object(config))
        return pf_error_set(err, PF_E_TEMPLATE, "template config must be a JSON object");
    pf_status st = PF_OK;
    const json_t *page = json_object_get(config, "page");
    if (page) {
        const char *name = json_string_value(page);
        if (name && strcmp(name, "Letter") == 0) {
            s->page_width = 612.0;
            s->page_height = 792.0;
            snprintf(s->page_name, sizeof(s->page_name), "Letter");
        } else if (!name || strcmp(name, "A4") != 0) {
            return bad(err, "page", "must be \"A4\" or \"Letter\"");
        }
    }
    st = parse_margins(config, s, err);
    const json_t *fonts = json_object_get(config, "fonts");
    if (st == PF_OK && fonts) {
        st = get_font(fonts, "body", s->font_body, err);
        if (st == PF_OK)
            st = get_font(fonts, "heading", s->font_heading, err);
        if (st == PF_OK)
            st = get_font(fonts, "mono", s->font_mono, err);
    }
    const json_t *sizes = json_object_get(config, "sizes");
    if (st == PF_OK && sizes) {
        st = get_number(sizes, "body", 5, 30, &s->size_body, err);
        if (st == PF_OK)
            st = get_number(sizes, "small", 4, 30, &s->size_small, err);
        if (st == PF_OK)
            st = get_number(sizes, "h1", 5, 72, &s->size_h1, err);
        if (st == PF_OK)
            st = get_number(sizes, "h2", 5, 72, &s->size_h2, err);
        if (st == PF_OK)
            st = get_number(sizes, "h3", 5, 72, &s->size_h3, err);
    }
    if (st == PF_OK)
        st = get_number(config, "line_height", 0.8, 3.0, &s->line_height, err);
    if (st == PF_OK)
        st = get_number(config, "paragraph_space", 0, 40, &s->paragraph_space, err);
    const json_t *colors = json_object_get(config, "colors");
    if (st == PF_OK && colors) {
        static const char *const keys[] = {"text",  "heading",    "accent",      "link",
                                           "muted", "sidebar_bg", "sidebar_text"};
        uint32_t *fields[] = {&s->color_text,        &s->color_heading, &s->color_accent,
                              &s->color_link,        &s->color_muted,   &s->color_sidebar_bg,
                              &s->color_sidebar_text};
        for (size_t i = 0; i < PF_ARRAY_LEN(keys) && st == PF_OK; i++)
            st = get_color(colors, keys[i], fields[i], err);
    }
    double columns = s->columns;
    if (st == PF_OK)
        st = get_number(config, "columns", 1, 2, &columns, err);
    s->columns = columns >= 2 ? 2 : 1;
    const json_t *sidebar = json_object_get(config, "sidebar");
    if (st == PF_OK && sidebar) {
        const char *side = json_string_value(json_object_get(sidebar, "side"));
        s->sidebar_right = side && strcmp(side, "right") == 0;
        double width = s->sidebar_width / MM;
        double gutter = s->gutter / MM;
        st = get_number(sidebar, "width_mm", 30, 100, &width, err);
        if (st == PF_OK)
            st = get_number(sidebar, "gutter_mm", 0, 30, &gutter, err);
        s->sidebar_width = width * MM;
        s->gutter = gutter * MM;
    }
    if (st == PF_OK)
        st = get_bool(config, "h2_uppercase", &s->h2_uppercase, err);
    if (st == PF_OK)
        st = get_bool(config, "h2_rule", &s->h2_rule, err);
    const json_t *output = json_object_get(config, "output");
    if (st == PF_OK && output) {
        const char *name = json_string_value(output);
        if (name && (strcmp(name, "txt") == 0 || strcmp(name, "text") == 0))
            s->jinja_text = true;
        else if (!name || strcmp(name, "html") != 0)
            st = bad(err, "output", "must be \"html\" or \"txt\"");
    }
    double body_width = s->page_width - s->margin_left - s->margin_right;
    if (st == PF_OK && body_width < 72.0)
        st = bad(err, "margins_mm", "leave less than an inch for the text");
    if (st == PF_OK && s->columns == 2 && body_width - s->sidebar_width - s->gutter < 72.0)
        st = bad(err, "sidebar", "leaves less than an inch for the main column");
    return st;
}
