/* Rule family "contact": name, e-mail, phone, location, links and headline in basics. */
#include <string.h>

#include "gap/gap_int.h"

static bool present(const json_t *obj, const char *key)
{
    const char *value = pf_json_get_str(obj, key);
    while (value && (*value == ' ' || *value == '\t'))
        value++;
    return value && *value;
}

/* A plausible address: one '@', a non-empty local part, a dotted domain, no spaces. */
static bool email_plausible(const char *email)
{
    const char *at = strchr(email, '@');
    if (!at || at == email || strchr(at + 1, '@') || strchr(email, ' '))
        return false;
    const char *dot = strrchr(at, '.');
    return dot && dot > at + 1 && dot[1] != '\0' && strlen(dot + 1) >= 2;
}

void gap_check_contact(struct gap_ctx *ctx)
{
    const json_t *basics = json_object_get(ctx->persona, "basics");
    if (!present(basics, "name"))
        gap_issue(ctx, "contact.missing_name", "/basics/name", NULL,
                  "Add your full name at basics.name, as you want it on the CV.");
    if (!present(basics, "email"))
        gap_issue(ctx, "contact.missing_email", "/basics/email", NULL,
                  "Add a professional e-mail address at basics.email.");
    else if (!email_plausible(pf_json_get_str(basics, "email")))
        gap_issue(ctx, "contact.invalid_email", "/basics/email", NULL,
                  "Correct the e-mail address \"%.80s\": it should look like name@domain.tld.",
                  pf_json_get_str(basics, "email"));
    if (!present(basics, "phone"))
        gap_issue(ctx, "contact.missing_phone", "/basics/phone", NULL,
                  "Add a phone number with its country code (e.g. +44 20 7946 0000).");
    const json_t *location = json_object_get(basics, "location");
    if (!present(location, "city") && !present(location, "countryCode") &&
        !present(location, "region") && !present(location, "address"))
        gap_issue(ctx, "contact.missing_location", "/basics/location", NULL,
                  "Add your city and country (basics.location.city and countryCode); a full "
                  "street address is not needed.");
    if (json_array_size(json_object_get(basics, "profiles")) == 0 && !present(basics, "url"))
        gap_issue(ctx, "contact.missing_profile", "/basics/profiles", NULL,
                  "Add a LinkedIn profile (basics.profiles) or a website/portfolio URL "
                  "(basics.url).");
    if (!present(basics, "label"))
        gap_issue(ctx, "contact.missing_label", "/basics/label", NULL,
                  "Add a headline at basics.label naming the role you target, e.g. \"Senior "
                  "Data Engineer\".");
}
