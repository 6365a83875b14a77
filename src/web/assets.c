/* The embedded assets, and which of their copies a client takes (Accept-Encoding,
 * RFC 9110 12.5.3: a coding is acceptable when named, or covered by "*", with q > 0). */
#include "web/assets.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct asset *asset_find(const char *name)
{
    for (const struct asset *a = heed_assets; a->name; a++)
        if (!strcmp(a->name, name)) return a;
    return NULL;
}

/* the q value the header gives coding (-1 when it does not name it); "*" in *star */
static double q_of(const char *h, const char *coding, double *star)
{
    double q = -1;
    *star = -1;
    size_t n = strlen(coding);
    for (const char *p = h; *p;) {
        p += strspn(p, " \t,");
        const char *name = p;
        size_t len = strcspn(p, " \t;,");
        p += len;
        double v = 1;
        p += strspn(p, " \t");
        while (*p == ';') { /* parameters: only q counts */
            p++;
            p += strspn(p, " \t");
            if ((*p == 'q' || *p == 'Q') && p[1] == '=') v = strtod(p + 2, NULL);
            p += strcspn(p, ";,");
        }
        if (len == n && !strncasecmp(name, coding, n)) q = v;
        else if (len == 1 && *name == '*') *star = v;
    }
    return q;
}

bool http_accepts_coding(const char *h, const char *coding)
{
    if (!h) return false;
    double star, q = q_of(h, coding, &star);
    return q >= 0 ? q > 0 : star > 0;
}

const char *asset_encoding(const struct asset *a, const char *accept_encoding, const unsigned char **data, long *len)
{
    const char *h = accept_encoding ? accept_encoding : "";
    if (a->br && http_accepts_coding(h, "br")) return *data = a->br, *len = a->br_len, "br";
    if (a->gz && (http_accepts_coding(h, "gzip") || http_accepts_coding(h, "x-gzip"))) return *data = a->gz, *len = a->gz_len, "gzip";
    *data = a->data;
    *len = a->len;
    return NULL;
}
