/* Content hashes (SHA-256) for stored files. */
#ifndef PF_BASE_HASH_H
#define PF_BASE_HASH_H

#include <stddef.h>

#define PF_SHA256_HEX_LEN 65 /* 64 hex digits plus NUL */

/* Writes the lower-case hex SHA-256 of data into out. */
void pf_sha256_hex(const void *data, size_t len, char out[PF_SHA256_HEX_LEN]);

#endif
