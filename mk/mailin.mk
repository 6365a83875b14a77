# Email in (docs/MAIL.md): heed mail-fetch against a real Dovecot on loopback, in make check.
#   make mailin-fetch
CHECK_STEPS += mailin-fetch

.PHONY: mailin-fetch
mailin-fetch: heed
	@HEED_BIN=$(CURDIR)/heed bash tests/mailin/fetch_dovecot.sh
