#ifndef HEED_WEBHOOK_SENDER_H
#define HEED_WEBHOOK_SENDER_H
/* jobs: the handler of WEBHOOK_JOB: POSTs one delivery over HTTP(S) with libcurl, signed */
void webhook_jobs_register(void);
#endif
