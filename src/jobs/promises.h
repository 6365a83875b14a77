#ifndef HEED_JOBS_PROMISES_H
#define HEED_JOBS_PROMISES_H
/* jobs: the timers of the promises heed keeps (commitment reminders and due times), each a
 * database-only handler run inside its job's transaction */
void promises_jobs_register(void);
#endif
