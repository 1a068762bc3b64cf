/* Fuzz target: the job-posting parser, and the role review and tailoring over it. The first
 * byte picks the mode: 0 parse only, 1 role review of a fixed persona, 2 tailoring. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap.h"
#include "gap/gap_tailor.h"
#include "gap/jd_parse.h"
#include "persona/persona_merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pf_kb *kb;
static json_t *persona;

static void setup(void)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        abort();
    json_t *base = json_pack(
        "{s:{s:s},s:[{s:s,s:s,s:s,s:[s,s]}],s:[{s:s,s:[s,s]}]}", "basics", "label",
        "Data Engineer", "work", "name", "Acme", "position", "Data Engineer", "startDate",
        "2020-01", "highlights", "Built dbt models on Snowflake", "Ran Airflow for 3 teams",
        "skills", "name", "Data", "keywords", "SQL", "Python");
    struct pf_persona_merge_input in = {.base = base, .kb = kb};
    persona = pf_persona_merge(&in);
    json_decref(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!kb)
        setup();
    unsigned mode = size > 0 ? data[0] % 3 : 0;
    const char *text = size > 0 ? (const char *)data + 1 : "";
    size_t len = size > 0 ? size - 1 : 0;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_gap_options opts = {.kb = kb, .now_ms = 1748736000000LL};
    if (mode == 0) {
        struct pf_arena *arena = pf_arena_new();
        struct pf_jd *jd = NULL;
        if (pf_jd_parse(kb, pf_str_make(text, len), arena, &jd, &err) == PF_OK) {
            json_t *json = pf_jd_to_json(jd);
            if (!json)
                abort(); /* the JSON of a parsed posting must always build */
            json_decref(json);
        }
        pf_arena_free(arena);
    } else {
        /* The review APIs take C strings; the parser sees the bytes up to the first NUL. */
        char *copy = malloc(len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
        json_t *out = NULL;
        pf_status st = mode == 1 ? pf_gap_role(persona, copy, strlen(copy), &opts, &out, &err)
                                 : pf_gap_tailor(persona, copy, strlen(copy), &opts, &out, &err);
        if (st == PF_OK && !out)
            abort();
        json_decref(out);
        free(copy);
    }
    return 0;
}
