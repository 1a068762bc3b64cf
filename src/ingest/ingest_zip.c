/* Bounded ZIP access for DOCX/ODT over libzip: the entry count is checked on open, and every
 * inflated byte is counted against the total and per-entry ratio limits while inflating,
 * because a zip bomb's headers lie. */
#include "ingest/ingest_zip.h"

#include <string.h>
#include <zip.h>

#include "base/mem.h"

/* Below this many inflated bytes an entry's ratio is not checked: small, highly repetitive
 * XML parts (styles, settings) legitimately compress several hundred times. */
#define RATIO_FLOOR ((uint64_t)1 << 20)

struct pf_zip {
    zip_t *archive;           /* owned */
    struct pf_doc_builder *b; /* borrowed */
    uint64_t inflated;        /* bytes inflated so far, all entries */
};

struct pf_zip_entry {
    struct pf_zip *zip;  /* borrowed */
    zip_file_t *file;    /* owned */
    const char *name;    /* borrowed (the caller's string) */
    uint64_t compressed; /* from the central directory, at least 1 */
    uint64_t read;       /* inflated so far */
    bool failed;
};

pf_status pf_zip_open(struct pf_doc_builder *b, struct pf_str bytes, struct pf_zip **out_zip)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.ptr, bytes.len, 0, &error);
    zip_t *archive = NULL;
    if (source)
        archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
        if (source)
            zip_source_free(source);
        zip_error_fini(&error);
        return pf_builder_fail(b, PF_E_CORRUPT, NULL, "the archive is damaged or truncated");
    }
    zip_error_fini(&error);
    zip_int64_t entries = zip_get_num_entries(archive, 0);
    if (entries < 0 || (uint64_t)entries > b->limits->max_zip_entries) {
        zip_discard(archive);
        return pf_builder_fail(b, PF_E_TOO_BIG, "limit_zip_entries",
                               "the archive has more entries than limit_zip_entries (%zu)",
                               b->limits->max_zip_entries);
    }
    struct pf_zip *zip = pf_xcalloc(1, sizeof(*zip));
    zip->archive = archive;
    zip->b = b;
    *out_zip = zip;
    return PF_OK;
}

void pf_zip_close(struct pf_zip *zip)
{
    if (!zip)
        return;
    zip_discard(zip->archive);
    free(zip);
}

bool pf_zip_has(struct pf_zip *zip, const char *name)
{
    return zip_name_locate(zip->archive, name, 0) >= 0;
}

pf_status pf_zip_entry_open(struct pf_zip *zip, const char *name, struct pf_zip_entry **out_entry)
{
    struct pf_doc_builder *b = zip->b;
    *out_entry = NULL;
    zip_int64_t index = zip_name_locate(zip->archive, name, 0);
    if (index < 0)
        return PF_OK;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip->archive, (zip_uint64_t)index, 0, &st) != 0)
        return pf_builder_fail(b, PF_E_CORRUPT, NULL, "archive entry %s is damaged", name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return pf_builder_fail(b, PF_E_ENCRYPTED, NULL, "archive entry %s is encrypted", name);
    /* The declared size is only a first filter: the real count happens while inflating. */
    if ((st.valid & ZIP_STAT_SIZE) &&
        st.size > b->limits->max_zip_inflated - (zip->inflated < b->limits->max_zip_inflated
                                                     ? zip->inflated
                                                     : b->limits->max_zip_inflated))
        return pf_builder_fail(b, PF_E_TOO_BIG, "limit_zip_inflated",
                               "the archive inflates past limit_zip_inflated (%llu bytes)",
                               (unsigned long long)b->limits->max_zip_inflated);
    zip_file_t *file = zip_fopen_index(zip->archive, (zip_uint64_t)index, 0);
    if (!file) {
        zip_error_t *error = zip_get_error(zip->archive);
        int code = zip_error_code_zip(error);
        if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return pf_builder_fail(b, PF_E_ENCRYPTED, NULL, "archive entry %s is encrypted", name);
        return pf_builder_fail(b, PF_E_CORRUPT, NULL, "archive entry %s cannot be read", name);
    }
    struct pf_zip_entry *entry = pf_xcalloc(1, sizeof(*entry));
    entry->zip = zip;
    entry->file = file;
    entry->name = name;
    entry->compressed = (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > 0 ? st.comp_size : 1;
    *out_entry = entry;
    return PF_OK;
}

long pf_zip_entry_read(struct pf_zip_entry *entry, void *dst, size_t len)
{
    struct pf_zip *zip = entry->zip;
    struct pf_doc_builder *b = zip->b;
    if (entry->failed || b->status != PF_OK)
        return -1;
    if (pf_builder_check_time(b) != PF_OK) {
        entry->failed = true;
        return -1;
    }
    zip_int64_t got = zip_fread(entry->file, dst, len);
    if (got < 0) {
        entry->failed = true;
        pf_builder_fail(b, PF_E_CORRUPT, NULL, "archive entry %s is damaged or truncated",
                        entry->name);
        return -1;
    }
    entry->read += (uint64_t)got;
    zip->inflated += (uint64_t)got;
    const struct pf_ingest_limits *limits = b->limits;
    if (zip->inflated > limits->max_zip_inflated) {
        entry->failed = true;
        pf_builder_fail(b, PF_E_TOO_BIG, "limit_zip_inflated",
                        "the archive inflates past limit_zip_inflated (%llu bytes)",
                        (unsigned long long)limits->max_zip_inflated);
        return -1;
    }
    if (entry->read > RATIO_FLOOR && entry->read / entry->compressed > limits->max_zip_ratio) {
        entry->failed = true;
        pf_builder_fail(b, PF_E_TOO_BIG, "limit_zip_ratio",
                        "archive entry %s inflates more than limit_zip_ratio (%llu) times its "
                        "compressed size",
                        entry->name, (unsigned long long)limits->max_zip_ratio);
        return -1;
    }
    return (long)got;
}

void pf_zip_entry_close(struct pf_zip_entry *entry)
{
    if (!entry)
        return;
    zip_fclose(entry->file);
    free(entry);
}

pf_status pf_zip_read(struct pf_zip *zip, const char *name, struct pf_buf *out, bool *out_found)
{
    struct pf_zip_entry *entry = NULL;
    pf_status st = pf_zip_entry_open(zip, name, &entry);
    *out_found = entry != NULL;
    if (st != PF_OK || !entry)
        goto done;
    char chunk[16384];
    for (;;) {
        long got = pf_zip_entry_read(entry, chunk, sizeof(chunk));
        if (got < 0) {
            st = zip->b->status;
            goto done;
        }
        if (got == 0)
            break;
        pf_buf_append(out, chunk, (size_t)got);
        if (pf_buf_status(out) != PF_OK) {
            st = pf_builder_fail(zip->b, PF_E_TOO_BIG, "limit_zip_inflated",
                                 "archive entry %s is too large", name);
            goto done;
        }
    }
done:
    pf_zip_entry_close(entry);
    return st;
}

enum pf_doc_format pf_zip_detect(struct pf_str bytes)
{
    /* ODF (ISO 26300 part 3, 3.3): the first entry is "mimetype", stored uncompressed, so its
     * content sits at a fixed offset right after the local header. */
    static const char odt_mime[] = "application/vnd.oasis.opendocument.text";
    if (bytes.len > 38 + sizeof(odt_mime) - 1 && memcmp(bytes.ptr + 30, "mimetype", 8) == 0 &&
        memcmp(bytes.ptr + 38, odt_mime, sizeof(odt_mime) - 1) == 0)
        return PF_DOC_FORMAT_ODT;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.ptr, bytes.len, 0, &error);
    zip_t *archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : NULL;
    zip_error_fini(&error);
    if (!archive) {
        if (source)
            zip_source_free(source);
        return PF_DOC_FORMAT_UNKNOWN;
    }
    enum pf_doc_format format = PF_DOC_FORMAT_UNKNOWN;
    if (zip_name_locate(archive, "word/document.xml", 0) >= 0)
        format = PF_DOC_FORMAT_DOCX;
    zip_int64_t mime = zip_name_locate(archive, "mimetype", 0);
    zip_file_t *file = mime >= 0 ? zip_fopen_index(archive, (zip_uint64_t)mime, 0) : NULL;
    if (file && format == PF_DOC_FORMAT_UNKNOWN) {
        char head[sizeof(odt_mime) + 16];
        zip_int64_t got = zip_fread(file, head, sizeof(head));
        if (got >= (zip_int64_t)sizeof(odt_mime) - 1 &&
            memcmp(head, odt_mime, sizeof(odt_mime) - 1) == 0)
            format = PF_DOC_FORMAT_ODT;
    }
    if (file)
        zip_fclose(file);
    zip_discard(archive);
    return format;
}
