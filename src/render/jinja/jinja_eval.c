/* Jinja statement execution and the render entry point: output, scopes, loops, macros, includes
 * and the sandbox limits (steps, depth, output, memory, time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "render/jinja/jinja_int.h"
#include "render/render_escape.h"

#define DEFAULT_STEPS   1000000
#define DEFAULT_DEPTH   64
#define DEFAULT_OUTPUT  ((size_t)8 << 20)
#define DEFAULT_MEMORY  ((size_t)64 << 20)
#define DEFAULT_TIME_MS 2000
/* Whatever the configuration says, nesting stays within what the C stack safely holds. */
#define MAX_DEPTH 256
/* The clock is read every this many steps. */
#define CLOCK_EVERY 256

pf_status pf_jinja_fail(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                        pf_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pf_status ret =
        pf_jinja_error_atv(state->tmpl, node ? node->offset : 0, state->err, st, fmt, ap);
    va_end(ap);
    return ret;
}

static pf_status fail_limit(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                            pf_status st, const char *field, const char *message)
{
    pf_jinja_fail(state, node, st, "%s", message);
    if (state->err)
        snprintf(state->err->field, sizeof(state->err->field), "%s", field);
    return st;
}

pf_status pf_jinja_reserve(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                           size_t bytes)
{
    size_t used = pf_arena_used(state->arena);
    if (bytes > state->memory_max || used > state->memory_max - bytes)
        return fail_limit(state, node, PF_E_TOO_BIG, "limit_template_memory",
                          "the render would use more memory than its limit");
    return PF_OK;
}

pf_status pf_jinja_step(struct pf_jinja_state *state, const struct pf_jinja_node *node)
{
    uint64_t max_steps = state->env->limits.steps ? state->env->limits.steps : DEFAULT_STEPS;
    if (++state->steps > max_steps)
        return fail_limit(state, node, PF_E_TOO_BIG, "limit_template_steps",
                          "the render takes more steps than its limit (an endless loop?)");
    if (pf_arena_used(state->arena) > state->memory_max)
        return fail_limit(state, node, PF_E_TOO_BIG, "limit_template_memory",
                          "the render uses more memory than its limit");
    if (state->steps % CLOCK_EVERY == 0 && pf_monotonic_ns() > state->deadline_ns)
        return fail_limit(state, node, PF_E_TIMEOUT, "limit_template_ms",
                          "the render takes longer than its time limit");
    return PF_OK;
}

void pf_jinja_escape_into(const struct pf_jinja_state *state, struct pf_buf *buf,
                          struct pf_str text)
{
    if (state->env->autoescape == PF_JINJA_ESCAPE_MARKDOWN)
        pf_escape_markdown(buf, text);
    else
        pf_escape_html(buf, text);
}

pf_status pf_jinja_to_string(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             struct pf_jinja_value in, struct pf_jinja_value *out)
{
    if (in.kind == PF_JV_STRING) {
        *out = in;
        return PF_OK;
    }
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    pf_jv_write_str(&buf, in);
    return pf_jv_finish_str(state, node, &buf, false, out);
}

pf_status pf_jinja_escape_value(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                                struct pf_jinja_value in, struct pf_jinja_value *out)
{
    if (in.kind == PF_JV_STRING && (in.flags & PF_JV_SAFE)) {
        *out = in;
        return PF_OK;
    }
    struct pf_buf text;
    pf_jv_buf_init(state, &text);
    pf_jv_write_str(&text, in);
    struct pf_buf buf;
    pf_jv_buf_init(state, &buf);
    pf_jinja_escape_into(state, &buf, pf_buf_view(&text));
    pf_buf_fini(&text);
    return pf_jv_finish_str(state, node, &buf, true, out);
}

static struct pf_jinja_frame *frame_new(struct pf_jinja_state *state, struct pf_jinja_frame *parent)
{
    struct pf_jinja_frame *frame = pf_arena_alloc(state->arena, sizeof(*frame));
    frame->parent = parent;
    return frame;
}

static void frame_set(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                      struct pf_str name, struct pf_jinja_value value)
{
    for (size_t i = 0; i < frame->count; i++) {
        if (pf_str_eq(frame->vars[i].name, name)) {
            frame->vars[i].value = value;
            return;
        }
    }
    if (frame->count == frame->cap) {
        size_t cap = frame->cap ? frame->cap * 2 : 4;
        struct pf_jinja_var *vars = pf_arena_alloc(state->arena, cap * sizeof(*vars));
        if (frame->count)
            memcpy(vars, frame->vars, frame->count * sizeof(*vars));
        frame->vars = vars;
        frame->cap = cap;
    }
    frame->vars[frame->count].name = name;
    frame->vars[frame->count].value = value;
    frame->count++;
}

static pf_status check_output(struct pf_jinja_state *state, const struct pf_jinja_node *node)
{
    if (pf_buf_status(state->out) != PF_OK)
        return fail_limit(state, node, PF_E_TOO_BIG, "limit_render_output",
                          "the output is larger than its limit");
    return PF_OK;
}

/* Writes a value as `{{ }}` does: str(), escaped under autoescape unless markup-safe. */
static pf_status write_value(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                             struct pf_jinja_value value)
{
    bool escape = state->env->autoescape != PF_JINJA_ESCAPE_NONE &&
                  !(value.kind == PF_JV_STRING && (value.flags & PF_JV_SAFE));
    if (!escape) {
        pf_jv_write_str(state->out, value);
    } else if (value.kind == PF_JV_STRING) {
        pf_jinja_escape_into(state, state->out, value.as.str);
    } else {
        struct pf_buf text;
        pf_jv_buf_init(state, &text);
        pf_jv_write_str(&text, value);
        pf_jinja_escape_into(state, state->out, pf_buf_view(&text));
        pf_buf_fini(&text);
    }
    return check_output(state, node);
}

static pf_status exec_body(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_nodes *body);

/* Runs body with output captured into a new string (macros, set blocks, filter blocks). */
static pf_status capture(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                         const struct pf_jinja_node *node, const struct pf_jinja_nodes *body,
                         struct pf_jinja_value *out)
{
    struct pf_buf buf = PF_BUF_INIT(state->output_max);
    struct pf_buf *saved = state->out;
    state->out = &buf;
    pf_status st = exec_body(state, frame, body);
    state->out = saved;
    if (st == PF_OK)
        st = pf_jv_finish_str(state, node, &buf, state->env->autoescape != PF_JINJA_ESCAPE_NONE,
                              out);
    pf_buf_fini(&buf);
    return st;
}

static pf_status enter_depth(struct pf_jinja_state *state, const struct pf_jinja_node *node)
{
    uint32_t max = state->env->limits.depth ? state->env->limits.depth : DEFAULT_DEPTH;
    if (max > MAX_DEPTH)
        max = MAX_DEPTH;
    if (++state->depth > max) {
        state->depth--;
        return fail_limit(state, node, PF_E_TOO_BIG, "limit_template_depth",
                          "macro calls or includes nest deeper than the limit (endless "
                          "recursion or an include cycle?)");
    }
    return PF_OK;
}

pf_status pf_jinja_call_macro(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                              const struct pf_jinja_callable *macro,
                              const struct pf_jinja_value *args, size_t arg_count,
                              const struct pf_str *names, const struct pf_jinja_value *kw_values,
                              size_t kw_count, const struct pf_jinja_value *caller,
                              struct pf_jinja_value *out)
{
    const struct pf_jinja_node *m = macro->macro;
    struct pf_str macro_name = m->as.macro.name;
    size_t params = m->as.macro.param_count;
    if (arg_count > params && !m->as.macro.uses_varargs)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "macro '%.*s' takes not more than %zu argument(s)",
                             (int)macro_name.len, macro_name.ptr, params);
    if (caller && !m->as.macro.uses_caller)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE,
                             "macro '%.*s' was invoked with a caller but does not use caller()",
                             (int)macro_name.len, macro_name.ptr);
    pf_status st = enter_depth(state, node);
    if (st != PF_OK)
        return st;
    const struct pf_jinja_template *saved_tmpl = state->tmpl;
    struct pf_jinja_frame *frame = frame_new(state, macro->closure);
    bool *bound = pf_arena_alloc(state->arena, params + 1);
    struct pf_jinja_value kwargs = pf_jv_dict(state->arena, 0);
    for (size_t i = 0; i < arg_count && i < params; i++) {
        frame_set(state, frame, m->as.macro.params[i], args[i]);
        bound[i] = true;
    }
    for (size_t k = 0; k < kw_count && st == PF_OK; k++) {
        size_t i = 0;
        while (i < params && !pf_str_eq(m->as.macro.params[i], names[k]))
            i++;
        if (i < params && bound[i]) {
            st = pf_jinja_fail(
                state, node, PF_E_TEMPLATE, "macro '%.*s' got multiple values for argument '%.*s'",
                (int)macro_name.len, macro_name.ptr, (int)names[k].len, names[k].ptr);
        } else if (i < params) {
            frame_set(state, frame, names[k], kw_values[k]);
            bound[i] = true;
        } else if (m->as.macro.uses_kwargs) {
            pf_jv_dict_set(state->arena, kwargs.as.dict, pf_jv_str(names[k], false), kw_values[k]);
        } else {
            st = pf_jinja_fail(state, node, PF_E_TEMPLATE,
                               "macro '%.*s' takes no keyword argument '%.*s'", (int)macro_name.len,
                               macro_name.ptr, (int)names[k].len, names[k].ptr);
        }
    }
    state->tmpl = macro->tmpl;
    /* Defaults are evaluated at call time inside the macro, seeing the arguments before them. */
    for (size_t i = 0; i < params && st == PF_OK; i++) {
        if (bound[i])
            continue;
        struct pf_jinja_value value = pf_jv_undefined(NULL);
        if (m->as.macro.defaults[i])
            st = pf_jinja_eval(state, frame, m->as.macro.defaults[i], &value);
        frame_set(state, frame, m->as.macro.params[i], value);
    }
    if (st == PF_OK && m->as.macro.uses_varargs) {
        size_t extra = arg_count > params ? arg_count - params : 0;
        struct pf_jinja_value varargs = pf_jv_list(state->arena, extra, true);
        for (size_t i = 0; i < extra; i++)
            varargs.as.list->items[i] = args[params + i];
        varargs.as.list->len = extra;
        frame_set(state, frame, PF_STR("varargs"), varargs);
    }
    if (st == PF_OK && m->as.macro.uses_kwargs)
        frame_set(state, frame, PF_STR("kwargs"), kwargs);
    if (st == PF_OK && m->as.macro.uses_caller)
        frame_set(state, frame, PF_STR("caller"), caller ? *caller : pf_jv_undefined(NULL));
    if (st == PF_OK)
        st = capture(state, frame, node, &m->as.macro.body, out);
    state->tmpl = saved_tmpl;
    state->depth--;
    return st;
}

static pf_status bind_target(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                             const struct pf_jinja_node *target, struct pf_jinja_value value)
{
    if (target->type == PF_JN_NAME) {
        frame_set(state, frame, target->as.name, value);
        return PF_OK;
    }
    size_t want = target->as.items.count;
    struct pf_jinja_value *items = NULL;
    size_t count = 0;
    if (value.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, target, value);
    pf_status st = pf_jv_iterate(state, target, value, &items, &count);
    if (st != PF_OK)
        return st;
    if (count != want)
        return pf_jinja_fail(state, target, PF_E_TEMPLATE,
                             count < want ? "not enough values to unpack (expected %zu, got %zu)"
                                          : "too many values to unpack (expected %zu, got %zu)",
                             want, count);
    for (size_t i = 0; i < want; i++)
        frame_set(state, frame, target->as.items.items[i]->as.name, items[i]);
    return PF_OK;
}

static pf_status exec_for(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                          const struct pf_jinja_node *node)
{
    struct pf_jinja_value iter;
    pf_status st = pf_jinja_eval(state, frame, node->as.for_.iter, &iter);
    if (st != PF_OK)
        return st;
    struct pf_jinja_loop *loop = pf_arena_alloc(state->arena, sizeof(*loop));
    struct pf_jinja_value loop_value = {.kind = PF_JV_LOOP};
    loop_value.as.loop = loop;
    /* One scope reused by every iteration: each starts empty, as Jinja2's do. */
    struct pf_jinja_frame *scope = frame_new(state, frame);
    if (iter.kind == PF_JV_RANGE && !node->as.for_.filter) {
        loop->range = *iter.as.range;
        pf_jv_length(iter, &loop->length);
    } else {
        struct pf_jinja_value *items = NULL;
        size_t count = 0;
        st = pf_jv_iterate(state, node->as.for_.iter, iter, &items, &count);
        if (st != PF_OK)
            return st;
        if (node->as.for_.filter) {
            st = pf_jinja_reserve(state, node, count * sizeof(*items));
            if (st != PF_OK)
                return st;
            struct pf_jinja_value *kept = pf_arena_alloc(state->arena, (count + 1) * sizeof(*kept));
            size_t n = 0;
            for (size_t i = 0; i < count && st == PF_OK; i++) {
                struct pf_jinja_value keep;
                scope->count = 0;
                st = pf_jinja_step(state, node);
                if (st == PF_OK)
                    st = bind_target(state, scope, node->as.for_.target, items[i]);
                if (st == PF_OK)
                    st = pf_jinja_eval(state, scope, node->as.for_.filter, &keep);
                if (st == PF_OK && pf_jv_truthy(keep))
                    kept[n++] = items[i];
            }
            if (st != PF_OK)
                return st;
            items = kept;
            count = n;
        }
        loop->items = items;
        loop->length = count;
    }
    if (loop->length == 0) {
        scope->count = 0;
        return exec_body(state, scope, &node->as.for_.else_body);
    }
    for (size_t i = 0; i < loop->length && st == PF_OK; i++) {
        loop->index0 = i;
        scope->count = 0;
        struct pf_jinja_value item =
            loop->items ? loop->items[i]
                        : pf_jv_int(loop->range.start + (int64_t)i * loop->range.step);
        st = pf_jinja_step(state, node);
        if (st == PF_OK)
            st = bind_target(state, scope, node->as.for_.target, item);
        if (st == PF_OK) {
            frame_set(state, scope, PF_STR("loop"), loop_value);
            st = exec_body(state, scope, &node->as.for_.body);
        }
    }
    return st;
}

static pf_status exec_set(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                          const struct pf_jinja_node *node)
{
    struct pf_jinja_value value;
    pf_status st;
    if (node->type == PF_JN_SET_BLOCK) {
        st = capture(state, frame, node, &node->as.set.body, &value);
        if (st == PF_OK && node->as.set.filter)
            st = pf_jinja_eval_filter(state, frame, node->as.set.filter, &value, &value);
    } else {
        st = pf_jinja_eval(state, frame, node->as.set.value, &value);
    }
    if (st != PF_OK)
        return st;
    const struct pf_jinja_node *target = node->as.set.target;
    if (target->type != PF_JN_NSREF)
        return bind_target(state, frame, target, value);
    struct pf_jinja_value ns = pf_jinja_lookup(state, frame, target, target->as.nsref.ns_name);
    if (ns.kind != PF_JV_DICT || !(ns.flags & PF_JV_NAMESPACE))
        return pf_jinja_fail(state, target, PF_E_TEMPLATE,
                             "cannot assign attribute on non-namespace object");
    pf_jv_dict_set(state->arena, ns.as.dict, pf_jv_str(target->as.nsref.attr, false), value);
    return PF_OK;
}

static pf_status find_include(struct pf_jinja_state *state, const struct pf_jinja_node *node,
                              struct pf_str name, struct pf_jinja_template **out_tmpl)
{
    for (size_t i = 0; i < state->include_count; i++) {
        if (pf_str_eq(state->includes[i].name, name)) {
            *out_tmpl = state->includes[i].tmpl;
            return PF_OK;
        }
    }
    if (!state->env->loader)
        return PF_E_NOT_FOUND;
    struct pf_str source = PF_STR_NULL;
    struct pf_error load_err = PF_ERROR_INIT;
    pf_status st = state->env->loader(state->env->loader_ctx, name, &source, &load_err);
    if (st == PF_E_NOT_FOUND)
        return st;
    if (st != PF_OK)
        return pf_jinja_fail(state, node, st, "cannot load template '%.*s': %s", (int)name.len,
                             name.ptr, pf_error_message(&load_err));
    char *cname = pf_arena_strdup_str(state->arena, name);
    struct pf_jinja_template *tmpl = NULL;
    st = pf_jinja_compile(cname, source, 0, &tmpl, state->err);
    if (st != PF_OK)
        return st;
    if (state->include_count == state->include_cap) {
        state->include_cap = state->include_cap ? state->include_cap * 2 : 4;
        state->includes =
            pf_xrealloc(state->includes, state->include_cap * sizeof(*state->includes));
    }
    state->includes[state->include_count].name = pf_str_from_cstr(cname);
    state->includes[state->include_count].tmpl = tmpl;
    state->include_count++;
    *out_tmpl = tmpl;
    return PF_OK;
}

static pf_status exec_include(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                              const struct pf_jinja_node *node)
{
    struct pf_jinja_value name;
    pf_status st = pf_jinja_eval(state, frame, node->as.include.template_name, &name);
    if (st != PF_OK)
        return st;
    if (name.kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "include takes a template name");
    struct pf_jinja_template *tmpl = NULL;
    st = find_include(state, node, name.as.str, &tmpl);
    if (st == PF_E_NOT_FOUND) {
        if (node->as.include.ignore_missing)
            return PF_OK;
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "template '%.*s' not found",
                             (int)name.as.str.len, name.as.str.ptr);
    }
    if (st != PF_OK)
        return st;
    st = enter_depth(state, node);
    if (st != PF_OK)
        return st;
    struct pf_jinja_frame *scope = frame_new(state, node->as.include.with_context ? frame : NULL);
    scope->isolated = !node->as.include.with_context;
    const struct pf_jinja_template *saved = state->tmpl;
    state->tmpl = tmpl;
    st = exec_body(state, scope, &tmpl->body);
    state->tmpl = saved;
    state->depth--;
    return st;
}

/* Runs the named template for its definitions and binds the module (import ... as) or the
 * chosen names (from ... import). */
static pf_status exec_import(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                             const struct pf_jinja_node *node)
{
    struct pf_jinja_value name;
    pf_status st = pf_jinja_eval(state, frame, node->as.include.template_name, &name);
    if (st != PF_OK)
        return st;
    if (name.kind != PF_JV_STRING)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "import takes a template name");
    struct pf_jinja_template *tmpl = NULL;
    st = find_include(state, node, name.as.str, &tmpl);
    if (st == PF_E_NOT_FOUND)
        return pf_jinja_fail(state, node, PF_E_TEMPLATE, "template '%.*s' not found",
                             (int)name.as.str.len, name.as.str.ptr);
    if (st != PF_OK)
        return st;
    st = enter_depth(state, node);
    if (st != PF_OK)
        return st;
    struct pf_jinja_frame *scope = frame_new(state, node->as.include.with_context ? frame : NULL);
    scope->isolated = !node->as.include.with_context;
    const struct pf_jinja_template *saved = state->tmpl;
    struct pf_jinja_value discarded;
    state->tmpl = tmpl;
    st = capture(state, scope, node, &tmpl->body, &discarded);
    state->tmpl = saved;
    state->depth--;
    if (st != PF_OK)
        return st;
    struct pf_jinja_value module = pf_jv_dict(state->arena, scope->count);
    module.flags |= PF_JV_NAMESPACE;
    for (size_t i = 0; i < scope->count; i++) {
        struct pf_str var = scope->vars[i].name;
        if (var.len && var.ptr[0] != '_')
            pf_jv_dict_set(state->arena, module.as.dict, pf_jv_str(var, false),
                           scope->vars[i].value);
    }
    if (node->as.include.name_count == 0) {
        frame_set(state, frame, node->as.include.target, module);
        return PF_OK;
    }
    for (size_t i = 0; i < node->as.include.name_count; i++) {
        /* A name the template does not define is bound to undefined, as in Jinja2: it only
         * fails when used. */
        const struct pf_jinja_value *value =
            pf_jv_dict_get_str(module.as.dict, node->as.include.names[i]);
        frame_set(state, frame, node->as.include.aliases[i],
                  value ? *value : pf_jv_undefined(NULL));
    }
    return PF_OK;
}

static pf_status exec_call_block(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                                 const struct pf_jinja_node *node)
{
    const struct pf_jinja_node *call = node->call_expr;
    struct pf_jinja_value callee;
    pf_status st = pf_jinja_eval(state, frame, call->as.call.callee, &callee);
    if (st != PF_OK)
        return st;
    if (callee.kind == PF_JV_UNDEFINED)
        return pf_jinja_undefined_error(state, call, callee);
    if (callee.kind != PF_JV_CALLABLE || callee.as.callable->type != PF_JC_MACRO)
        return pf_jinja_fail(state, call, PF_E_TEMPLATE, "a call block needs a macro");
    size_t np = call->as.call.args.positional.count;
    size_t nk = call->as.call.args.keywords.count;
    struct pf_jinja_value *pos = pf_arena_alloc(state->arena, (np + 1) * sizeof(*pos));
    struct pf_jinja_value *kw = pf_arena_alloc(state->arena, (nk + 1) * sizeof(*kw));
    for (size_t i = 0; i < np && st == PF_OK; i++)
        st = pf_jinja_eval(state, frame, call->as.call.args.positional.items[i], &pos[i]);
    for (size_t i = 0; i < nk && st == PF_OK; i++)
        st = pf_jinja_eval(state, frame, call->as.call.args.keywords.items[i], &kw[i]);
    if (st != PF_OK)
        return st;
    struct pf_jinja_callable *caller = pf_arena_alloc(state->arena, sizeof(*caller));
    caller->type = PF_JC_MACRO;
    caller->macro = node;
    caller->tmpl = state->tmpl;
    caller->closure = frame;
    struct pf_jinja_value caller_value = {.kind = PF_JV_CALLABLE};
    caller_value.as.callable = caller;
    struct pf_jinja_value result;
    st = pf_jinja_call_macro(state, call, callee.as.callable, pos, np, call->as.call.args.names, kw,
                             nk, &caller_value, &result);
    return st != PF_OK ? st : write_value(state, node, result);
}

static pf_status exec_node(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_node *node)
{
    struct pf_jinja_value value;
    pf_status st = pf_jinja_step(state, node);
    if (st != PF_OK)
        return st;
    switch ((enum pf_jinja_node_type)node->type) {
    case PF_JN_TEXT:
        pf_buf_append_str(state->out, node->as.text);
        return check_output(state, node);
    case PF_JN_PRINT:
        st = pf_jinja_eval(state, frame, node->as.operand, &value);
        return st != PF_OK ? st : write_value(state, node, value);
    case PF_JN_IF:
        st = pf_jinja_eval(state, frame, node->as.if_.test, &value);
        if (st != PF_OK)
            return st;
        return exec_body(state, frame,
                         pf_jv_truthy(value) ? &node->as.if_.body : &node->as.if_.else_body);
    case PF_JN_FOR:
        return exec_for(state, frame, node);
    case PF_JN_SET:
    case PF_JN_SET_BLOCK:
        return exec_set(state, frame, node);
    case PF_JN_MACRO: {
        struct pf_jinja_callable *macro = pf_arena_alloc(state->arena, sizeof(*macro));
        macro->type = PF_JC_MACRO;
        macro->macro = node;
        macro->tmpl = state->tmpl;
        macro->closure = frame;
        value.kind = PF_JV_CALLABLE;
        value.flags = 0;
        value.as.callable = macro;
        frame_set(state, frame, node->as.macro.name, value);
        return PF_OK;
    }
    case PF_JN_CALL_BLOCK:
        return exec_call_block(state, frame, node);
    case PF_JN_INCLUDE:
        return exec_include(state, frame, node);
    case PF_JN_IMPORT:
        return exec_import(state, frame, node);
    case PF_JN_FILTER_BLOCK:
        st = capture(state, frame, node, &node->as.filter_block.body, &value);
        if (st == PF_OK)
            st = pf_jinja_eval_filter(state, frame, node->as.filter_block.chain, &value, &value);
        return st != PF_OK ? st : write_value(state, node, value);
    case PF_JN_WITH: {
        struct pf_jinja_frame *scope = frame_new(state, frame);
        for (size_t i = 0; i < node->as.with.values.count && st == PF_OK; i++) {
            st = pf_jinja_eval(state, frame, node->as.with.values.items[i], &value);
            if (st == PF_OK)
                frame_set(state, scope, node->as.with.names[i], value);
        }
        return st != PF_OK ? st : exec_body(state, scope, &node->as.with.body);
    }
    default:
        return pf_jinja_fail(state, node, PF_E_INTERNAL, "not a statement");
    }
}

static pf_status exec_body(struct pf_jinja_state *state, struct pf_jinja_frame *frame,
                           const struct pf_jinja_nodes *body)
{
    if (++state->recursion > 1500) {
        state->recursion--;
        return fail_limit(state, NULL, PF_E_TOO_BIG, "limit_template_depth",
                          "the template nests too deeply");
    }
    pf_status st = PF_OK;
    for (size_t i = 0; i < body->count && st == PF_OK; i++)
        st = exec_node(state, frame, body->items[i]);
    state->recursion--;
    return st;
}

pf_status pf_jinja_render(const struct pf_jinja_template *tmpl, const json_t *context,
                          const struct pf_jinja_env *env, struct pf_buf *out, struct pf_error *err)
{
    static const struct pf_jinja_env defaults;
    if (!env)
        env = &defaults;
    struct pf_jinja_state state = {
        .env = env,
        .arena = pf_arena_new(),
        .tmpl = tmpl,
        .err = err,
        .output_max = env->limits.output_bytes ? env->limits.output_bytes : DEFAULT_OUTPUT,
        .memory_max = env->limits.memory_bytes ? env->limits.memory_bytes : DEFAULT_MEMORY,
    };
    int64_t time_ms = env->limits.time_ms ? env->limits.time_ms : DEFAULT_TIME_MS;
    state.deadline_ns = pf_monotonic_ns() + time_ms * 1000000;
    struct pf_buf buf = PF_BUF_INIT(state.output_max);
    state.out = &buf;
    pf_status st = PF_OK;
    if (context && !json_is_object(context)) {
        st = pf_error_set(err, PF_E_INVALID, "%s: the render data must be a JSON object",
                          tmpl->name);
        goto done;
    }
    state.context = context ? pf_jv_from_json(state.arena, context).as.dict
                            : pf_jv_dict(state.arena, 0).as.dict;
    struct pf_jinja_frame *root = frame_new(&state, NULL);
    st = exec_body(&state, root, &tmpl->body);
    if (st != PF_OK)
        goto done;
    pf_buf_append_str(out, pf_buf_view(&buf));
    st = pf_buf_status(out);
    if (st != PF_OK)
        pf_error_set_field(err, st, "limit_render_output",
                           "%s: the output is larger than its "
                           "limit",
                           tmpl->name);
done:
    for (size_t i = 0; i < state.include_count; i++)
        pf_jinja_template_free(state.includes[i].tmpl);
    free(state.includes);
    pf_buf_fini(&buf);
    pf_arena_free(state.arena);
    return st;
}
