/* The rule table, in id order: the one place that lists every rule. */
#include "rules.h"

const struct rule *const rule_registry[] = {
	&rule_fk000_parse_error,
	&rule_fk001_fk_validating_add,
	&rule_fk002_fk_on_new_column,
	&rule_fk003_fk_validate_same_transaction,
	&rule_fk004_fk_lock_timeout_missing,
	&rule_fk005_fk_index_missing,
	&rule_fk006_index_not_concurrent,
	&rule_fk007_concurrent_in_transaction,
	&rule_fk008_fk_type_mismatch,
	&rule_fk009_fk_never_validated,
	&rule_fk010_partitioned_unsupported,
	&rule_fk011_fk_column_type_change,
	&rule_fk012_migration_modified,
	&rule_fk013_reverse_mismatch,
	&rule_fk014_unused_suppression,
};

const size_t rule_count = sizeof(rule_registry) / sizeof(rule_registry[0]);
