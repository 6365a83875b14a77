#ifndef HEED_HTML_H
#define HEED_HTML_H
/* HTML output that escapes by default (after Fossil's %h and cgit's html_txt).
 *
 *   html(b, "<td>%s</td><a href=\"/tickets/%d\">", name, id);
 *
 * Conversions: %s text, escaped for element content and quoted attributes;
 * %d int; %l long long; %u a string percent-encoded for a URL component;
 * %%. The one way to write unescaped markup is %R ("raw"), for fragments that
 * were themselves built by html(): it is short to find in review.
 * The format string must be a literal: gcc checks nothing here, so keep it so. */
#include "util/buf.h"

void html(buf *b, const char *fmt, ...);
void html_text(buf *b, const char *s);   /* escaped text */
/* text with line breaks kept and URLs left as text: for message bodies */
void html_multiline(buf *b, const char *s);

#endif
