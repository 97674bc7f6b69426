#ifndef FKAUDIT_FRAMEWORK_MARKERS_H
#define FKAUDIT_FRAMEWORK_MARKERS_H

/*
 * The markers inside migration files that split them into the parts a
 * framework runs forward and into transaction units (internal to
 * framework*.c). Each reads `text` and fills the masks and units of
 * `out`; the caller sets the framework's name and default unit first.
 */
#include <stdbool.h>
#include <stddef.h>

#include "framework.h"

/* Adds a unit from `start` (merging it with a unit at the same offset). */
void info_add_unit(struct migration_info *out, size_t start, enum tx_mode mode,
		   const char *runner, const char *opt_out);

/* Records a down section [start, end) (it is masked too). */
void info_add_down(struct migration_info *out, size_t start, size_t end);

/* Masks [start, end). */
void info_add_mask(struct migration_info *out, size_t start, size_t end);

/*
 * goose: "-- +goose Up" / "Down" sections, NO TRANSACTION, and
 * StatementBegin … StatementEnd blocks. Whether the file has an Up
 * marker.
 */
bool markers_goose(const char *text, size_t len, struct migration_info *out);

/*
 * dbmate: "-- migrate:up [transaction:false]" and "-- migrate:down"
 * sections; each up section is a unit. Whether there is an up marker.
 */
bool markers_dbmate(const char *text, size_t len, struct migration_info *out);

/*
 * node-pg-migrate: "-- Up Migration" / "-- Down Migration". Whether
 * there is either marker.
 */
bool markers_node_pg(const char *text, size_t len, struct migration_info *out);

/* Liquibase formatted SQL: the header line. */
bool markers_is_liquibase(const char *text, size_t len);

/*
 * Liquibase: one unit per "--changeset" (runInTransaction:false,
 * splitStatements:false); the text before the first is masked.
 */
void markers_liquibase(const char *text, size_t len,
		       struct migration_info *out);

/* Atlas: whether the header block holds an "atlas:" directive, and
 * whether it says "atlas:txmode none". */
bool markers_atlas(const char *text, size_t len, bool *txmode_none);

/* Graphile Migrate: "--! no-transaction" on the first body line. */
bool markers_graphile_no_tx(const char *text, size_t len);

/* Drizzle: whether the text holds "--> statement-breakpoint". */
bool markers_drizzle(const char *text, size_t len);

/*
 * "key = false" (Java properties, TOML) in a configuration text: 1 when
 * the key is set to false, 0 when set otherwise, -1 when absent.
 */
int markers_config_false(const char *text, size_t len, const char *key);

#endif
