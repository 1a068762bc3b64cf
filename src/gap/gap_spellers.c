/* Hunspell dictionaries: opened per report, or kept in a pool a server shares. */
#include <hunspell/hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "gap/gap_int.h"

struct pf_gap_spellers {
    pthread_mutex_t mutex;    /* guards busy and opened */
    pthread_cond_t released;
    char *names;              /* heap */
    char *dir;                /* heap */
    size_t size;
    struct gap_dicts *slots;  /* size entries, heap */
    bool *busy;
    bool *opened;
};

void gap_dicts_open(struct gap_dicts *dicts, const char *names, const char *dir)
{
    dicts->missing = json_array();
    const char *p = names;
    while (*p && dicts->count < GAP_MAX_DICTIONARIES) {
        size_t len = strcspn(p, ",");
        char name[64], aff[512], dic[512];
        snprintf(name, sizeof(name), "%.*s", (int)len, p);
        char *trimmed = name;
        while (*trimmed == ' ')
            trimmed++;
        snprintf(aff, sizeof(aff), "%s/%s.aff", dir, trimmed);
        snprintf(dic, sizeof(dic), "%s/%s.dic", dir, trimmed);
        bool safe = *trimmed && !strchr(trimmed, '/') && !strstr(trimmed, "..");
        if (safe && access(aff, R_OK) == 0 && access(dic, R_OK) == 0)
            dicts->handles[dicts->count++] = Hunspell_create(aff, dic);
        else if (*trimmed)
            json_array_append_new(dicts->missing, json_string(trimmed));
        p += len;
        if (*p == ',')
            p++;
    }
}

void gap_dicts_close(struct gap_dicts *dicts)
{
    for (size_t i = 0; i < dicts->count; i++)
        Hunspell_destroy(dicts->handles[i]);
    dicts->count = 0;
    json_decref(dicts->missing);
    dicts->missing = NULL;
}

struct pf_gap_spellers *pf_gap_spellers_new(const char *names, const char *dir, size_t size)
{
    struct pf_gap_spellers *pool = pf_xcalloc(1, sizeof(*pool));
    pthread_mutex_init(&pool->mutex, NULL);
    pthread_cond_init(&pool->released, NULL);
    pool->names = pf_xstrdup(names ? names : "");
    pool->dir = pf_xstrdup(dir ? dir : "/usr/share/hunspell");
    pool->size = size ? size : 1;
    pool->slots = pf_xcalloc(pool->size, sizeof(*pool->slots));
    pool->busy = pf_xcalloc(pool->size, sizeof(*pool->busy));
    pool->opened = pf_xcalloc(pool->size, sizeof(*pool->opened));
    return pool;
}

void pf_gap_spellers_free(struct pf_gap_spellers *pool)
{
    if (!pool)
        return;
    for (size_t i = 0; i < pool->size; i++) {
        PF_ASSERT(!pool->busy[i]);
        if (pool->opened[i])
            gap_dicts_close(&pool->slots[i]);
    }
    pthread_cond_destroy(&pool->released);
    pthread_mutex_destroy(&pool->mutex);
    free(pool->slots);
    free(pool->busy);
    free(pool->opened);
    free(pool->names);
    free(pool->dir);
    free(pool);
}

const struct gap_dicts *gap_spellers_checkout(struct pf_gap_spellers *pool)
{
    pthread_mutex_lock(&pool->mutex);
    size_t slot = pool->size;
    for (;;) {
        for (size_t i = 0; i < pool->size && slot == pool->size; i++) {
            if (!pool->busy[i])
                slot = i;
        }
        if (slot < pool->size)
            break;
        pthread_cond_wait(&pool->released, &pool->mutex);
    }
    pool->busy[slot] = true;
    bool open = !pool->opened[slot];
    pool->opened[slot] = true;
    pthread_mutex_unlock(&pool->mutex);
    /* Loading takes ~90 ms: done outside the lock, by the borrower that first needs it. */
    if (open)
        gap_dicts_open(&pool->slots[slot], pool->names, pool->dir);
    return &pool->slots[slot];
}

void gap_spellers_checkin(struct pf_gap_spellers *pool, const struct gap_dicts *dicts)
{
    size_t slot = (size_t)(dicts - pool->slots);
    PF_ASSERT(slot < pool->size);
    pthread_mutex_lock(&pool->mutex);
    pool->busy[slot] = false;
    pthread_cond_signal(&pool->released);
    pthread_mutex_unlock(&pool->mutex);
}
