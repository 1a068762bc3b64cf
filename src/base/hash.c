/* SHA-256 through libsodium. */
#include "base/hash.h"

#include <sodium.h>

void pf_sha256_hex(const void *data, size_t len, char out[PF_SHA256_HEX_LEN])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(out, PF_SHA256_HEX_LEN, digest, sizeof(digest));
}
