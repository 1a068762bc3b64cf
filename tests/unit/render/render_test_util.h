/* Helpers the render unit tests share: a render context and Markdown to a writer's output. */
#ifndef PF_TESTS_RENDER_TEST_UTIL_H
#define PF_TESTS_RENDER_TEST_UTIL_H

#include <stdlib.h>

#include "base/clock.h"
#include "render/render_int.h"

struct rt_env {
    struct pf_arena *arena;
    struct pf_render_style style;
    struct pf_render_ctx ctx;
    struct pf_doc doc;
};

/* Parses md with the style config (JSON text or NULL) into env. */
static inline void rt_setup(struct rt_env *env, const char *config, const char *md)
{
    struct pf_error err = PF_ERROR_INIT;
    json_t *json = config ? json_loads(config, 0, NULL) : NULL;
    env->arena = pf_arena_new();
    if (pf_render_style_parse(json, &env->style, &err) != PF_OK)
        abort();
    json_decref(json);
    env->ctx.style = &env->style;
    env->ctx.title = "Test Title";
    env->ctx.author = "Test Author";
    env->ctx.deadline_ns = pf_monotonic_ns() + (int64_t)60 * 1000000000;
    env->ctx.max_pages = 100;
    env->ctx.arena = env->arena;
    if (pf_doc_parse(env->arena, pf_str_from_cstr(md), &env->doc, &err) != PF_OK)
        abort();
}

static inline void rt_teardown(struct rt_env *env)
{
    pf_arena_free(env->arena);
}

#endif
