#include <stdbool.h>
#include <string.h>
#include "service/service.h"
#include "service/validate.h"
#include "util/text.h"

int check_text(const char *field, const char *v, size_t max, bool multiline, herr *e)
{
    if (!v) return HERR_INVALID(e, field, "%s is required", field);
    size_t n = strlen(v);
    size_t i = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r')) i++;
    if (i == n) return HERR_INVALID(e, field, "%s must not be empty", field);
    if (n > max) return HERR_INVALID(e, field, "%s is too long (%zu bytes, at most %zu)", field, n, max);
    if (!utf8_valid(v, n)) return HERR_INVALID(e, field, "%s is not valid UTF-8", field);
    if (!text_clean(v, n)) return HERR_INVALID(e, field, "%s contains control characters", field);
    if (!multiline && strpbrk(v, "\r\n")) return HERR_INVALID(e, field, "%s must be a single line", field);
    return 0;
}

int check_saying(const char *field, const char *v, size_t max, size_t min_chars, int min_words, const char *what, herr *e)
{
    if (!v) return HERR_INVALID(e, field, "%s is required: %s", field, what);
    size_t chars = 0;
    int words = 0;
    bool in = false;
    for (const char *p = v; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        chars += !space;
        words += !space && !in;
        in = !space;
    }
    if (chars < min_chars || words < min_words) return HERR_INVALID(e, field, "%s must say something: %s", field, what);
    return check_text(field, v, max, true, e);
}

int check_email(const char *field, const char *v, herr *e)
{
    if (!v || !*v) return HERR_INVALID(e, field, "%s is required", field);
    if (!email_valid(v)) return HERR_INVALID(e, field, "%s is not a valid email address", field);
    if (!utf8_valid(v, strlen(v))) return HERR_INVALID(e, field, "%s is not valid UTF-8", field);
    return 0;
}

int check_tags(const char **tags, int n, herr *e)
{
    if (n > TAGS_MAX) return HERR_INVALID(e, "tags", "at most %d tags", TAGS_MAX);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(tags[i]);
        if (len == 0 || len > TAG_MAX_LEN)
            return HERR_INVALID(e, "tags", "a tag must be 1 to %d characters", TAG_MAX_LEN);
        for (size_t k = 0; k < len; k++) {
            char c = tags[i][k];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
                return HERR_INVALID(e, "tags", "tag '%.40s' may only use letters, digits, '-', '_' and '.'", tags[i]);
        }
        str_lower((char *)tags[i]);
    }
    return 0;
}
