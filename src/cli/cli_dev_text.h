/* Realistic generated text for `personaforge dev seed`: people, CVs, personas and
 * knowledge-base values from word lists, with skill frequencies that fall off like real ones
 * (a few very common, a long tail of rare), so searches see common and rare words. */
#ifndef PF_CLI_CLI_DEV_TEXT_H
#define PF_CLI_CLI_DEV_TEXT_H

#include <stdint.h>

#include "base/arena.h"
#include "base/json.h"

/* Opaque: a deterministic random stream (splitmix64) and the skills' draw weights. Not
 * thread-safe; one per thread. pf_dev_gen_free is NULL-safe. */
struct pf_dev_gen;

struct pf_dev_gen *pf_dev_gen_new(uint64_t seed);
void pf_dev_gen_free(struct pf_dev_gen *gen);

uint64_t pf_dev_next(struct pf_dev_gen *gen);
/* Uniform in [0, n). n > 0. */
size_t pf_dev_below(struct pf_dev_gen *gen, size_t n);
/* Uniform in [0, 1). */
double pf_dev_unit(struct pf_dev_gen *gen);

/* A person's name ("Ada Lovelace"), in arena. */
char *pf_dev_person_name(struct pf_dev_gen *gen, struct pf_arena *arena);
/* A team's name ("Nordwind Talent"), in arena. */
char *pf_dev_team_name(struct pf_dev_gen *gen, struct pf_arena *arena);

/* A generated CV: its text and JSON Resume (arena-owned). */
struct pf_dev_cv {
    char *name;
    char *label;
    char *raw_text;
    json_t *parsed_json;
};

void pf_dev_cv(struct pf_dev_gen *gen, struct pf_arena *arena, struct pf_dev_cv *out);

/* A generated persona (arena-owned). */
struct pf_dev_persona {
    char *title;
    char *summary;
    json_t *tags;
    json_t *data;
};

void pf_dev_persona(struct pf_dev_gen *gen, struct pf_arena *arena, struct pf_dev_persona *out);

/* The knowledge-base value space: for each of the PF_DEV_KB_TYPES types, values indexed
 * 0..pf_dev_kb_space(type)-1, all distinct within a type. */
#define PF_DEV_KB_TYPES 5
const char *pf_dev_kb_type(int type);
size_t pf_dev_kb_space(int type);
/* Value number index of type, in arena; *out_normalized is its lower-case dedupe key. */
char *pf_dev_kb_value(int type, size_t index, struct pf_arena *arena, char **out_normalized);
/* A sentence of CV text mentioning value (evidence), in arena. */
char *pf_dev_kb_evidence(struct pf_dev_gen *gen, struct pf_arena *arena, const char *value);

#endif
