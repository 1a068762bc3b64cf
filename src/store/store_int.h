/* The store's private struct, shared by the store/ files that manage the pool. */
#ifndef PF_STORE_STORE_INT_H
#define PF_STORE_STORE_INT_H

#include <pthread.h>

#include "store/store.h"
#include "store/store_db.h"

struct pool_slot {
    struct pf_db_conn *conn; /* NULL until first use or after a broken connection is dropped */
    bool busy;
};

struct pf_store {
    const struct pf_db_driver *driver;
    char *url;                 /* driver URL (path for SQLite), heap */
    int timeout_s;
    pthread_mutex_t mutex;     /* guards slots, in_use and counters */
    pthread_cond_t released;   /* signalled when a slot is returned */
    struct pool_slot *slots;   /* pool_size entries, heap */
    int pool_size;
    int in_use;
    int64_t waits;             /* acquisitions that had to wait */
    int64_t errors;            /* connection failures seen */
};

/* Clamps page->limit into 1..200 (50 when unset). */
void pf_store_page_clamp(struct pf_page *page);

/* One page of a keyset-paged list. sql selects the id first and ends in
 * "ORDER BY id DESC LIMIT n", with n bound to page.limit + 1 (page already clamped), so the
 * extra row tells whether another page follows. *out_rows is the number of rows to return
 * (at most page.limit); *out_next is the last of them when more follow, else nil. The caller
 * frees *out_result. */
PF_MUST_CHECK pf_status pf_store_page_query(struct pf_store *store, const char *sql,
                                            const struct pf_db_param *params, size_t count,
                                            struct pf_page page, struct pf_db_result **out_result,
                                            size_t *out_rows, pf_id *out_next,
                                            struct pf_error *err);

/* One statement on a pooled connection: acquire, run, release. out_result may be NULL;
 * the caller frees it with pf_db_result_free. */
PF_MUST_CHECK pf_status pf_store_query(struct pf_store *store, const char *sql,
                                       const struct pf_db_param *params, size_t count,
                                       struct pf_db_result **out_result, struct pf_error *err);
/* One write on a pooled connection, reporting the rows changed (out_changes may be NULL). */
PF_MUST_CHECK pf_status pf_store_write(struct pf_store *store, const char *sql,
                                       const struct pf_db_param *params, size_t count,
                                       int64_t *out_changes, struct pf_error *err);
/* PF_E_NOT_FOUND with "no such <what>" when changes is 0, else st. */
pf_status pf_store_require_change(pf_status st, int64_t changes, const char *what,
                                  struct pf_error *err);

#endif
