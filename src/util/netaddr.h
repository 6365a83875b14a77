#ifndef HEED_NETADDR_H
#define HEED_NETADDR_H
/* Which addresses are not the public internet: loopback, private (RFC 1918, fc00::/7),
 * link-local, carrier-grade NAT, unspecified, multicast and reserved. Webhooks refuse them
 * unless the operator allows it (a server-side request forgery guard). */
#include <stdbool.h>
#include <sys/socket.h>
bool netaddr_is_private(const struct sockaddr *sa);
/* a literal IPv4 or IPv6 address ("10.0.0.1", "::1", "[::1]" without brackets) that is private */
bool netaddr_text_is_private(const char *host);
#endif
