/* Private to kb_question.c and kb_answer.c: the preference topics the questions ask about. */
#ifndef PF_KB_KB_QUESTION_INT_H
#define PF_KB_KB_QUESTION_INT_H

#include <stddef.h>

#include "kb/kb_question.h"

struct kb_pref_topic {
    const char *group; /* the taxonomy group of the preferences it settles */
    enum pf_kb_question_kind kind;
    const char *text;
    const char *const *options; /* CHOICE only */
    size_t option_count;
};

extern const struct kb_pref_topic kb_pref_topics[];
extern const size_t kb_pref_topic_count;

/* The topic of a preference group, or NULL. */
const struct kb_pref_topic *kb_pref_topic_find(const char *group);
/* Fills out with the question of topic (strings static or in arena). */
void kb_pref_question(const struct kb_pref_topic *topic, struct pf_arena *arena,
                      struct pf_kb_question *out, const char *reason);
/* Fills out with the years question about a skill or tool. */
void kb_skill_question(const struct pf_kb *kb, uint32_t concept, const char *value,
                       enum pf_kb_entry_type type, struct pf_arena *arena,
                       struct pf_kb_question *out, const char *reason);

#endif
