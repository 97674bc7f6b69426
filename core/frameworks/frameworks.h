#ifndef FKAUDIT_FRAMEWORKS_H
#define FKAUDIT_FRAMEWORKS_H

/* The frameworks of .sql files, one file each in core/frameworks/. */
#include "framework.h"

extern const struct framework framework_liquibase;
extern const struct framework framework_goose;
extern const struct framework framework_dbmate;
extern const struct framework framework_node_pg;
extern const struct framework framework_graphile;
extern const struct framework framework_sqitch;
extern const struct framework framework_hasura;
extern const struct framework framework_diesel;
extern const struct framework framework_prisma;
extern const struct framework framework_drizzle;
extern const struct framework framework_atlas;
extern const struct framework framework_supabase;
extern const struct framework framework_sqlx;
extern const struct framework framework_golang_migrate;
extern const struct framework framework_flyway;
extern const struct framework framework_synapse;

#endif
