#ifndef FKAUDIT_RULES_H
#define FKAUDIT_RULES_H

#include "rule.h"

extern const struct rule rule_fk000_parse_error;
extern const struct rule rule_fk001_fk_validating_add;
extern const struct rule rule_fk002_fk_on_new_column;
extern const struct rule rule_fk003_fk_validate_same_transaction;
extern const struct rule rule_fk004_fk_lock_timeout_missing;
extern const struct rule rule_fk005_fk_index_missing;
extern const struct rule rule_fk006_index_not_concurrent;
extern const struct rule rule_fk007_concurrent_in_transaction;
extern const struct rule rule_fk008_fk_type_mismatch;
extern const struct rule rule_fk009_fk_never_validated;
extern const struct rule rule_fk010_partitioned_unsupported;
extern const struct rule rule_fk011_fk_column_type_change;
extern const struct rule rule_fk012_migration_modified;
extern const struct rule rule_fk013_reverse_mismatch;
extern const struct rule rule_fk014_unused_suppression;

#endif
