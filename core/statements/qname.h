#ifndef FKAUDIT_QNAME_H
#define FKAUDIT_QNAME_H

#include <stdbool.h>

/*
 * A possibly schema-qualified relation name as written in a statement,
 * already folded the way PostgreSQL folds identifiers. `schema` is NULL
 * when the statement did not qualify the name. Strings are borrowed
 * (they live in the audited file's arena).
 */
struct qname {
	const char *schema;
	const char *name;
};

/*
 * Writes the name for a message: `staging.t` when it was qualified, `t`
 * otherwise, with "double quotes" around parts that need them to be read
 * back as the same identifier. Returns the number of bytes it would
 * write, as snprintf does.
 */
int qname_format(char *out, unsigned size, const struct qname *q);

/*
 * Writes the name as PostgreSQL's own messages show a relation: in
 * double quotes, `"staging.t"` when qualified, `"t"` otherwise.
 */
int qname_display(char *out, unsigned size, const struct qname *q);

/* Whether `ident` needs "quotes" to be read back unchanged. */
bool ident_needs_quotes(const char *ident);

#endif
