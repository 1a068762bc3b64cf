/* Jinja number filters: abs, round (Python's half-even on binary values), and int and float
 * with Python's parsing of strings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/jinja/jinja_int.h"

#define FILTER(fname)                                                                              \
    static pf_status fname(struct pf_jinja_state *state, const struct pf_jinja_node *node,         \
                           struct pf_jinja_value in, const struct pf_jinja_value *args, size_t n,  \
                           const struct pf_str *names, const struct pf_jinja_value *kw, size_t nk, \
                           struct pf_jinja_value *out)
#define ARG(pos, name) pf_jinja_arg(args, n, names, kw, nk, pos, name)

FILTER(f_abs)
{
    if (in.kind == PF_JV_FLOAT) {
        *out = pf_jv_float(fabs(in.as.number));
        return PF_OK;
    }
    if (in.kind == PF_JV_INT || in.kind == PF_JV_BOOL) {
        int64_t v = in.kind == PF_JV_BOOL ? in.as.boolean : in.as.integer;
        if (v == INT64_MIN)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE, "integer overflow");
        *out = pf_jv_int(v < 0 ? -v : v);
        return PF_OK;
    }
    if (in.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, in);
    return pf_jinja_fail(state, node, PF_E_TEMPLATE, "bad operand type for abs(): '%s'",
                         pf_jv_type_name(in));
}

FILTER(f_round)
{
    const struct pf_jinja_value *precision_arg = ARG(0, "precision");
    const struct pf_jinja_value *method_arg = ARG(1, "method");
    int64_t precision =
        precision_arg && precision_arg->kind == PF_JV_INT ? precision_arg->as.integer : 0;
    struct pf_str method =
        method_arg && method_arg->kind == PF_JV_STRING ? method_arg->as.str : PF_STR("common");
    bool common = pf_str_eq_cstr(method, "common");
    if (!common && !pf_str_eq_cstr(method, "ceil") && !pf_str_eq_cstr(method, "floor"))
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "method must be common, ceil or floor");
    if (!pf_jv_is_number(in)) {
        if (in.kind == PF_JV_UNDEFINED)
            return pf_jinja_undefined_error(state, node, in);
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "type %s doesn't define __round__ method",
                             pf_jv_type_name(in));
    }
    double x = pf_jv_to_double(in);
    if (!common) {
        double scale = pow(10.0, (double)precision);
        double v = pf_str_eq_cstr(method, "ceil") ? ceil(x * scale) : floor(x * scale);
        *out = pf_jv_float(v / scale);
        return PF_OK;
    }
    if (in.kind != PF_JV_FLOAT) {
        int64_t v = in.kind == PF_JV_BOOL ? in.as.boolean : in.as.integer;
        if (precision < 0 && precision > -19) {
            int64_t unit = 1;
            for (int64_t i = 0; i < -precision; i++)
                unit *= 10;
            int64_t q = v / unit;
            int64_t r = v % unit;
            if (r < 0) {
                r += unit;
                q--;
            }
            if (2 * r > unit || (2 * r == unit && (q & 1)))
                q++;
            v = q * unit;
        } else if (precision <= -19) {
            v = 0;
        }
        *out = pf_jv_int(v);
        return PF_OK;
    }
    if (!isfinite(x) || precision > 300) {
        *out = pf_jv_float(x);
        return PF_OK;
    }
    if (precision >= 0) {
        /* printf rounds the exact binary value half-to-even, as Python's round() does. */
        char tmp[400];
        snprintf(tmp, sizeof(tmp), "%.*f", (int)precision, x);
        *out = pf_jv_float(strtod(tmp, NULL));
        return PF_OK;
    }
    double unit = pow(10.0, (double)-precision);
    *out = pf_jv_float(rint(x / unit) * unit);
    return PF_OK;
}

/* Python's float(str): blanks around, an optional sign, digits with single underscores between
 * them, a fraction, an exponent, or inf/infinity/nan. */
static bool parse_python_float(struct pf_str s, double *out)
{
    char buf[128];
    size_t n = 0;
    const char *p = s.ptr;
    const char *end = s.ptr + s.len;
    while (p < end && pf_jinja_is_space((unsigned char)*p))
        p++;
    while (end > p && pf_jinja_is_space((unsigned char)end[-1]))
        end--;
    if (p == end || (size_t)(end - p) >= sizeof(buf))
        return false;
    if (*p == '+' || *p == '-')
        buf[n++] = *p++;
    struct pf_str word = pf_str_make(p, (size_t)(end - p));
    if (pf_str_case_eq_cstr(word, "inf") || pf_str_case_eq_cstr(word, "infinity") ||
        pf_str_case_eq_cstr(word, "nan")) {
        memcpy(buf + n, p, word.len);
        buf[n + word.len] = '\0';
        *out = strtod(buf, NULL);
        return true;
    }
    bool digits = false;
    bool prev_digit = false;
    bool seen_dot = false;
    bool seen_exp = false;
    for (; p < end; p++) {
        char ch = *p;
        if (ch >= '0' && ch <= '9') {
            digits = true;
            prev_digit = true;
            buf[n++] = ch;
        } else if (ch == '_' && prev_digit && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
            prev_digit = false;
        } else if (ch == '.' && !seen_dot && !seen_exp) {
            seen_dot = true;
            prev_digit = false;
            buf[n++] = ch;
        } else if ((ch == 'e' || ch == 'E') && digits && !seen_exp) {
            seen_exp = true;
            digits = false;
            prev_digit = false;
            buf[n++] = 'e';
            if (p + 1 < end && (p[1] == '+' || p[1] == '-'))
                buf[n++] = *++p;
        } else {
            return false;
        }
    }
    if (!digits)
        return false;
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return true;
}

/* Python's int(str, base): blanks, sign, an optional matching prefix, underscores between
 * digits. */
static bool parse_python_int(struct pf_str s, int base, int64_t *out)
{
    const char *p = s.ptr;
    const char *end = s.ptr + s.len;
    while (p < end && pf_jinja_is_space((unsigned char)*p))
        p++;
    while (end > p && pf_jinja_is_space((unsigned char)end[-1]))
        end--;
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    if (end - p > 2 && p[0] == '0') {
        char x = (char)(p[1] | 0x20);
        if ((x == 'x' && base == 16) || (x == 'o' && base == 8) || (x == 'b' && base == 2))
            p += 2;
    }
    if (p == end)
        return false;
    uint64_t v = 0;
    bool prev_digit = false;
    for (; p < end; p++) {
        int d = *p >= '0' && *p <= '9'                     ? *p - '0'
                : (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z' ? (*p | 0x20) - 'a' + 10
                                                           : -1;
        if (*p == '_' && prev_digit && p + 1 < end) {
            prev_digit = false;
            continue;
        }
        if (d < 0 || d >= base)
            return false;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + (uint64_t)d;
        prev_digit = true;
    }
    if (!prev_digit || v > (uint64_t)INT64_MAX + (negative ? 1 : 0))
        return false;
    *out = negative ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

FILTER(f_int)
{
    const struct pf_jinja_value *fallback = ARG(0, "default");
    const struct pf_jinja_value *base_arg = ARG(1, "base");
    int base = base_arg && base_arg->kind == PF_JV_INT ? (int)base_arg->as.integer : 10;
    if (in.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, in);
    if (in.kind == PF_JV_INT || in.kind == PF_JV_BOOL) {
        *out = pf_jv_int(in.kind == PF_JV_BOOL ? in.as.boolean : in.as.integer);
        return PF_OK;
    }
    double d = 0.0;
    bool have_float = false;
    if (in.kind == PF_JV_FLOAT) {
        d = in.as.number;
        have_float = true;
    } else if (in.kind == PF_JV_STRING) {
        int64_t v;
        if (base >= 2 && base <= 36 && parse_python_int(in.as.str, base, &v)) {
            *out = pf_jv_int(v);
            return PF_OK;
        }
        have_float = parse_python_float(in.as.str, &d);
    }
    if (have_float && !isnan(d)) {
        if (isinf(d) || fabs(d) >= 9.2e18)
            return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                                 "cannot convert float to a 64-bit integer");
        *out = pf_jv_int((int64_t)trunc(d));
        return PF_OK;
    }
    *out = fallback ? *fallback : pf_jv_int(0);
    return PF_OK;
}

FILTER(f_float)
{
    const struct pf_jinja_value *fallback = ARG(0, "default");
    double d;
    if (in.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, node, in);
    if (pf_jv_is_number(in)) {
        *out = pf_jv_float(pf_jv_to_double(in));
    } else if (in.kind == PF_JV_STRING && parse_python_float(in.as.str, &d)) {
        *out = pf_jv_float(d);
    } else {
        *out = fallback ? *fallback : pf_jv_float(0.0);
    }
    return PF_OK;
}

static const struct {
    const char *name;
    pf_jinja_filter_fn fn;
} num_filters[] = {
    {"abs", f_abs},
    {"float", f_float},
    {"int", f_int},
    {"round", f_round},
};

pf_jinja_filter_fn pf_jinja_num_filter_find(struct pf_str name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(num_filters); i++)
        if (pf_str_eq_cstr(name, num_filters[i].name))
            return num_filters[i].fn;
    return NULL;
}
