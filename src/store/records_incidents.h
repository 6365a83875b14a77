#ifndef HEED_RECORDS_INCIDENTS_H
#define HEED_RECORDS_INCIDENTS_H
/* Row types of incidents (store_incidents.c). */
typedef struct incident_rec {
    long long id;
    const char *title, *state; /* open | resolved */
    const char *created_at, *resolved_at;
    int ticket_count;
} incident_rec;

typedef struct incident_update_rec {
    long long id, incident_id;
    const char *body, *author_name, *created_at;
    bool resolved;
    int tickets; /* how many threads it was posted to */
} incident_update_rec;
#endif
