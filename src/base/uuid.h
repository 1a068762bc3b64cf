/* Identifiers: RFC 9562 UUIDs, version 7 (time-ordered) for every primary key. */
#ifndef PF_BASE_UUID_H
#define PF_BASE_UUID_H

#include <stdbool.h>
#include <stdint.h>

#include "base/common.h"
#include "base/str.h"

/* A 16-byte UUID, passed by value like a scalar (STYLE §3 allows this typedef). */
typedef struct {
    uint8_t bytes[16];
} pf_id;

#define PF_ID_STR_LEN 37 /* 36 characters plus NUL */

/* A fresh UUIDv7: 48-bit Unix milliseconds, then 74 random bits. Thread-safe. */
pf_id pf_id_new(void);
/* The all-zero UUID means "none". */
bool pf_id_is_nil(pf_id id);
bool pf_id_eq(pf_id a, pf_id b);
/* Lower-case canonical form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
void pf_id_format(pf_id id, char out[PF_ID_STR_LEN]);
/* Parses the canonical 36-character form (either case). False on anything else. */
PF_MUST_CHECK bool pf_id_parse(struct pf_str text, pf_id *out_id);
/* Fills buf with len cryptographically random bytes (getrandom(2)); aborts if the kernel
 * cannot supply them, since nothing safe can continue without randomness. */
void pf_random_bytes(void *buf, size_t len);

#endif
