/*
 * Statement facts from libpg_query's JSON parse tree. The JSON leaves out
 * fields that hold their default value, so a missing field reads as
 * 0, false or NULL. Locations are byte offsets into the parsed text.
 */
#include "stmt.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "error.h"
#include "sqltype.h"

struct tree_ctx {
	struct arena *arena;
	const char *src;
	const struct token_list *toks;
	uint32_t base;
	struct stmt *st;
};

static const cJSON *jget(const cJSON *obj, const char *key)
{
	return obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static const char *jstr(const cJSON *obj, const char *key)
{
	const cJSON *v = jget(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool jbool(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(jget(obj, key));
}

static int jint(const cJSON *obj, const char *key, int dflt)
{
	const cJSON *v = jget(obj, key);

	return cJSON_IsNumber(v) ? v->valueint : dflt;
}

/* The payload of a node {"Type": {...}}, or NULL when of another type. */
static const cJSON *node_as(const cJSON *node, const char *type)
{
	return jget(node, type);
}

static const char *dup(struct tree_ctx *c, const char *s)
{
	return s ? arena_strdup(c->arena, s) : NULL;
}

static int read_qname(struct tree_ctx *c, const cJSON *rangevar,
		      struct qname *out)
{
	const char *schema = jstr(rangevar, "schemaname");
	const char *name = jstr(rangevar, "relname");

	out->schema = dup(c, schema);
	out->name = dup(c, name);
	if ((schema && !out->schema) || (name && !out->name))
		return FK_ENOMEM;
	return 0;
}

/* A list of {"String":{"sval":…}} nodes, as an array of strings. */
static int read_names(struct tree_ctx *c, const cJSON *list, const char ***out,
		      size_t *n)
{
	const cJSON *item;
	size_t k = 0, count = (size_t)cJSON_GetArraySize(list);

	*out = NULL;
	*n = 0;
	if (!cJSON_IsArray(list) || count == 0)
		return 0;
	*out = arena_alloc(c->arena, count * sizeof(**out));
	if (!*out)
		return FK_ENOMEM;
	cJSON_ArrayForEach (item, list) {
		const char *s = jstr(node_as(item, "String"), "sval");

		if (s && !((*out)[k++] = dup(c, s)))
			return FK_ENOMEM;
	}
	*n = k;
	return 0;
}

/* A node's offset: a location of 0 is left out, -1 is "unknown". */
static uint32_t loc(struct tree_ctx *c, const cJSON *node)
{
	int l = jint(node, "location", 0);

	return l < 0 ? c->st->span.start : c->base + (uint32_t)l;
}

static int read_fk(struct tree_ctx *c, const cJSON *con, struct fk_def *fk)
{
	const char *act;
	int err;

	fk->name = dup(c, jstr(con, "conname"));
	fk->not_valid = jbool(con, "skip_validation");
	fk->deferrable = jbool(con, "deferrable");
	act = jstr(con, "fk_del_action");
	fk->on_delete = act && strchr("cndr", act[0]) ? act[0] : 0;
	fk->span.start = loc(c, con);
	fk->span.end =
		stmt_clause_end(c->toks, fk->span.start, c->st->span.end);
	if ((err = read_qname(c, jget(con, "pktable"), &fk->ref_table)) ||
	    (err = read_names(c, jget(con, "fk_attrs"), &fk->cols,
			      &fk->ncols)) ||
	    (err = read_names(c, jget(con, "pk_attrs"), &fk->ref_cols,
			      &fk->nref_cols)))
		return err;
	return 0;
}

static bool is_fk(const cJSON *con)
{
	const char *t = jstr(con, "contype");

	return t && strcmp(t, "CONSTR_FOREIGN") == 0;
}

static bool default_not_null(const cJSON *con)
{
	const cJSON *expr = jget(con, "raw_expr");
	const cJSON *k = node_as(expr, "A_Const");

	return expr && !(k && jbool(k, "isnull"));
}

/* The built-in type of a TypeName node, normalised; NULL if unknown. */
static const char *read_type(struct tree_ctx *c, const cJSON *tn)
{
	const char *names[3];
	int mods[2];
	size_t nnames = 0, nmods = 0;
	const cJSON *item;

	if (!tn)
		return NULL;
	cJSON_ArrayForEach (item, jget(tn, "names")) {
		const char *s = jstr(node_as(item, "String"), "sval");

		if (!s || nnames == 3)
			return NULL;
		names[nnames++] = s;
	}
	cJSON_ArrayForEach (item, jget(tn, "typmods")) {
		const cJSON *k = node_as(item, "A_Const");

		if (!k || !jget(k, "ival") || nmods == 2)
			return NULL; /* not a plain length or precision */
		mods[nmods++] = jint(jget(k, "ival"), "ival", 0);
	}
	return sqltype_name(c->arena, names, nnames, mods, nmods,
			    jget(tn, "arrayBounds") != NULL);
}

static bool is_key(const cJSON *con, bool *primary)
{
	const char *t = jstr(con, "contype");

	*primary = t && strcmp(t, "CONSTR_PRIMARY") == 0;
	return *primary || (t && strcmp(t, "CONSTR_UNIQUE") == 0);
}

/*
 * A PRIMARY KEY or UNIQUE constraint; `col` is the column of a column
 * constraint (NULL for a table constraint: its keys are listed).
 */
static int read_key(struct tree_ctx *c, const cJSON *con, const char *col,
		    struct key_def *key)
{
	is_key(con, &key->primary);
	key->name = dup(c, jstr(con, "conname"));
	key->using_index = dup(c, jstr(con, "indexname"));
	if (!col)
		return read_names(c, jget(con, "keys"), &key->cols,
				  &key->ncols);
	key->cols = arena_alloc(c->arena, sizeof(*key->cols));
	if (!key->cols || !(key->cols[0] = dup(c, col)))
		return FK_ENOMEM;
	key->ncols = 1;
	return 0;
}

/* What a column definition declares besides its name. */
struct coldef {
	struct column_def col;
	struct fk_def fk;
	bool has_fk;
	bool has_default;
	bool has_key;
	struct key_def key;
};

/* A column definition: its type and its inline constraints. */
static int read_coldef(struct tree_ctx *c, const cJSON *coldef,
		       struct coldef *out)
{
	const cJSON *item;
	const char *colname = jstr(coldef, "colname");
	bool primary;
	int err;

	memset(out, 0, sizeof(*out));
	out->col.name = dup(c, colname);
	out->col.type = read_type(c, jget(coldef, "typeName"));
	cJSON_ArrayForEach (item, jget(coldef, "constraints")) {
		const cJSON *con = node_as(item, "Constraint");
		const char *t = jstr(con, "contype");

		if (t && strcmp(t, "CONSTR_DEFAULT") == 0)
			out->has_default = default_not_null(con);
		if (colname && !out->has_key && is_key(con, &primary)) {
			if ((err = read_key(c, con, colname, &out->key)) < 0)
				return err;
			out->has_key = true;
		}
		if (!is_fk(con) || out->has_fk)
			continue;
		if ((err = read_fk(c, con, &out->fk)) < 0)
			return err;
		if (colname) {
			out->fk.cols =
				arena_alloc(c->arena, sizeof(*out->fk.cols));
			if (!out->fk.cols ||
			    !(out->fk.cols[0] = dup(c, colname)))
				return FK_ENOMEM;
			out->fk.ncols = 1;
		}
		out->has_fk = true;
	}
	return 0;
}

/* One element of CREATE TABLE's list: a column or a table constraint. */
static int read_table_elt(struct tree_ctx *c, const cJSON *elt, size_t cap)
{
	const cJSON *col = node_as(elt, "ColumnDef");
	const cJSON *con = node_as(elt, "Constraint");
	struct stmt *st = c->st;
	struct coldef d = { 0 };
	bool primary;
	int err;

	if (col) {
		if ((err = read_coldef(c, col, &d)) < 0)
			return err;
		if (d.col.name)
			st->columns[st->ncolumns++] = d.col;
	} else if (con && is_fk(con)) {
		if ((err = read_fk(c, con, &d.fk)) < 0)
			return err;
		d.has_fk = true;
	} else if (con && is_key(con, &primary)) {
		if ((err = read_key(c, con, NULL, &d.key)) < 0)
			return err;
		d.has_key = true;
	}
	if (d.has_fk && (err = stmt_add_fk(st, c->arena, cap, &d.fk)) < 0)
		return err;
	if (d.has_key && (err = stmt_add_key(st, c->arena, cap, &d.key)) < 0)
		return err;
	return 0;
}

static int read_create_table(struct tree_ctx *c, const cJSON *n)
{
	const cJSON *elt, *parent;
	size_t cap = 0;
	int err;

	c->st->kind = STMT_CREATE_TABLE;
	c->st->partitioned = jget(n, "partspec") != NULL;
	if ((err = read_qname(c, jget(n, "relation"), &c->st->table)) < 0)
		return err;
	parent = node_as(cJSON_GetArrayItem(jget(n, "inhRelations"), 0),
			 "RangeVar");
	if (jget(n, "partbound") && parent &&
	    (err = read_qname(c, parent, &c->st->partition_of)) < 0)
		return err;
	cJSON_ArrayForEach (elt, jget(n, "tableElts"))
		cap++;
	if (cap && !(c->st->columns = arena_alloc(
			     c->arena, cap * sizeof(*c->st->columns))))
		return FK_ENOMEM;
	cJSON_ArrayForEach (elt, jget(n, "tableElts")) {
		if ((err = read_table_elt(c, elt, cap)) < 0)
			return err;
	}
	return 0;
}

static enum alter_kind alter_kind_of(const char *subtype, const cJSON *def)
{
	bool primary;

	if (!subtype)
		return ALTER_OTHER;
	if (strcmp(subtype, "AT_AddConstraint") == 0) {
		if (is_fk(node_as(def, "Constraint")))
			return ALTER_ADD_FK;
		return is_key(node_as(def, "Constraint"), &primary)
			       ? ALTER_ADD_KEY
			       : ALTER_OTHER;
	}
	if (strcmp(subtype, "AT_AddColumn") == 0)
		return ALTER_ADD_COLUMN;
	if (strcmp(subtype, "AT_ValidateConstraint") == 0)
		return ALTER_VALIDATE;
	if (strcmp(subtype, "AT_DropConstraint") == 0)
		return ALTER_DROP_CONSTRAINT;
	if (strcmp(subtype, "AT_AlterColumnType") == 0)
		return ALTER_COLUMN_TYPE;
	if (strcmp(subtype, "AT_DropColumn") == 0)
		return ALTER_DROP_COLUMN;
	return ALTER_OTHER;
}

static int read_add_column(struct tree_ctx *c, const cJSON *col,
			   struct alter_cmd *ac)
{
	struct coldef d;
	int err;

	if ((err = read_coldef(c, col, &d)) < 0)
		return err;
	ac->name = d.col.name;
	ac->type = d.col.type;
	ac->has_fk = d.has_fk;
	ac->fk = d.fk;
	ac->has_default = d.has_default;
	ac->has_key = d.has_key;
	ac->key = d.key;
	return 0;
}

static int read_alter_cmd(struct tree_ctx *c, const cJSON *cmd,
			  struct alter_cmd *ac)
{
	const cJSON *def = jget(cmd, "def");
	int err = 0;

	ac->kind = alter_kind_of(jstr(cmd, "subtype"), def);
	ac->name = dup(c, jstr(cmd, "name"));
	if (ac->kind == ALTER_ADD_FK) {
		err = read_fk(c, node_as(def, "Constraint"), &ac->fk);
		ac->has_fk = true;
		ac->name = ac->fk.name;
	} else if (ac->kind == ALTER_ADD_KEY) {
		err = read_key(c, node_as(def, "Constraint"), NULL, &ac->key);
		ac->has_key = true;
		ac->name = ac->key.name;
	} else if (ac->kind == ALTER_ADD_COLUMN) {
		err = read_add_column(c, node_as(def, "ColumnDef"), ac);
	} else if (ac->kind == ALTER_COLUMN_TYPE) {
		const cJSON *col = node_as(def, "ColumnDef");
		const cJSON *expr = jget(col, "raw_default");
		const cJSON *fields =
			jget(node_as(expr, "ColumnRef"), "fields");
		const char *f =
			jstr(node_as(cJSON_GetArrayItem(fields, 0), "String"),
			     "sval");

		ac->type = read_type(c, jget(col, "typeName"));
		/* USING col is the column itself; anything else is computed */
		ac->using_expr =
			expr && !(cJSON_GetArraySize(fields) == 1 && f &&
				  ac->name && strcmp(f, ac->name) == 0);
	}
	return err;
}

/* Where the subcommands start: after the table name. */
static uint32_t after_relation(struct tree_ctx *c, const cJSON *rel)
{
	uint32_t at = loc(c, rel);
	size_t i;

	for (i = 0; i < c->toks->n; i++) {
		const struct token *t = &c->toks->v[i];

		if (t->start < at || tok_is_comment(t))
			continue;
		if (i + 2 < c->toks->n && tok_is_char(&c->toks->v[i + 1], '.'))
			return c->toks->v[i + 2].end;
		return t->end;
	}
	return c->st->span.end;
}

static int read_alter_table(struct tree_ctx *c, const cJSON *n)
{
	const cJSON *cmds = jget(n, "cmds"), *item;
	const char *objtype = jstr(n, "objtype");
	struct span seg[STMT_MAX_ALTER_CMDS];
	size_t count = (size_t)cJSON_GetArraySize(cmds), nseg, k = 0;
	struct stmt *st = c->st;
	int err;

	if (objtype && strcmp(objtype, "OBJECT_TABLE") != 0)
		return 0; /* ALTER INDEX, ALTER VIEW, … */
	st->kind = STMT_ALTER_TABLE;
	if ((err = read_qname(c, jget(n, "relation"), &st->table)) < 0)
		return err;
	if (count == 0)
		return 0;
	st->cmds = arena_alloc(c->arena, count * sizeof(*st->cmds));
	if (!st->cmds)
		return FK_ENOMEM;
	nseg = stmt_segments(c->toks, after_relation(c, jget(n, "relation")),
			     st->span.end, seg, STMT_MAX_ALTER_CMDS);
	cJSON_ArrayForEach (item, cmds) {
		struct alter_cmd *ac = &st->cmds[k];

		if ((err = read_alter_cmd(c, node_as(item, "AlterTableCmd"),
					  ac)) < 0)
			return err;
		ac->span = nseg == count ? seg[k] : st->span;
		k++;
	}
	st->ncmds = k;
	return 0;
}

/* The last {"String":{"sval":…}} of a list, or NULL. */
static const char *last_sval(const cJSON *list)
{
	const cJSON *item;
	const char *last = NULL, *s;

	cJSON_ArrayForEach (item, list) {
		if ((s = jstr(node_as(item, "String"), "sval")))
			last = s;
	}
	return last;
}

/* An expression that PostgreSQL names as a function: ARRAY[], ROW(), … */
static const char *function_like(const cJSON *node)
{
	static const char *const nodes[][2] = {
		{ "A_ArrayExpr", "array" },
		{ "RowExpr", "row" },
		{ "CoalesceExpr", "coalesce" },
		{ "GroupingFunc", "grouping" },
		{ "XmlSerialize", "xmlserialize" },
	};
	const cJSON *n;
	const char *op;
	size_t i;

	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if (node_as(node, nodes[i][0]))
			return nodes[i][1];
	if ((n = node_as(node, "MinMaxExpr")))
		return (op = jstr(n, "op")) && strcmp(op, "IS_LEAST") == 0
			       ? "least"
			       : "greatest";
	if ((n = node_as(node, "A_Expr")) && (op = jstr(n, "kind")) &&
	    strcmp(op, "AEXPR_NULLIF") == 0)
		return "nullif";
	if ((n = node_as(node, "XmlExpr")) && (op = jstr(n, "op")) &&
	    strncmp(op, "IS_XML", 6) == 0)
		return op +
		       3; /* IS_XMLELEMENT: xmlelement, lower-cased below */
	return NULL;
}

/*
 * FigureColnameInternal() of PostgreSQL 15, for the expressions an index
 * can hold: the name of an expression column and how sure it is (2: a
 * column or function name, 1: a type name or "case", 0: none).
 */
static int figure_colname(struct tree_ctx *c, const cJSON *node,
			  const char **name)
{
	const cJSON *n;
	const char *s;
	int strength;

	if ((n = node_as(node, "ColumnRef")))
		return (*name = last_sval(jget(n, "fields"))) ? 2 : 0;
	if ((n = node_as(node, "FuncCall")))
		return (*name = last_sval(jget(n, "funcname"))) ? 2 : 0;
	if ((n = node_as(node, "A_Indirection"))) {
		if ((s = last_sval(jget(n, "indirection")))) {
			*name = s;
			return 2;
		}
		return figure_colname(c, jget(n, "arg"), name);
	}
	if ((n = node_as(node, "CollateClause")))
		return figure_colname(c, jget(n, "arg"), name);
	if ((n = node_as(node, "TypeCast"))) {
		strength = figure_colname(c, jget(n, "arg"), name);
		s = last_sval(jget(jget(n, "typeName"), "names"));
		if (strength <= 1 && s) {
			*name = s;
			return 1;
		}
		return strength;
	}
	if ((n = node_as(node, "CaseExpr"))) {
		strength = figure_colname(c, jget(n, "defresult"), name);
		if (strength <= 1) {
			*name = "case";
			return 1;
		}
		return strength;
	}
	if ((s = function_like(node))) {
		*name = s;
		return 2;
	}
	return 0;
}

/* The name PostgreSQL starts from for an index column, or NULL: "expr". */
static const char *index_elem_name(struct tree_ctx *c, const cJSON *elem)
{
	const char *name = jstr(elem, "indexcolname");
	char *low;
	size_t i;

	if (name || (name = jstr(elem, "name")))
		return dup(c, name);
	if (figure_colname(c, jget(elem, "expr"), &name) == 0 ||
	    !(low = arena_strdup(c->arena, name)))
		return NULL;
	for (i = 0; low[i]; i++) /* only the XML names are upper case */
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] - 'A' + 'a');
	return low;
}

static int read_index_cols(struct tree_ctx *c, const cJSON *params,
			   const cJSON *including)
{
	const cJSON *item;
	size_t k = 0, count = (size_t)cJSON_GetArraySize(params);
	size_t all = count + (size_t)cJSON_GetArraySize(including);
	struct stmt *st = c->st;
	const char **names;

	if (all == 0)
		return 0;
	st->index_cols = arena_alloc(c->arena, all * sizeof(char *));
	names = arena_alloc(c->arena, all * sizeof(char *));
	if (!st->index_cols || !names)
		return FK_ENOMEM;
	cJSON_ArrayForEach (item, params) {
		const cJSON *elem = node_as(item, "IndexElem");
		const char *name = jstr(elem, "name");

		/* an expression key is NULL: it leads no column */
		if (name && !(st->index_cols[k] = dup(c, name)))
			return FK_ENOMEM;
		names[k++] = index_elem_name(c, elem);
	}
	st->nindex_cols = k;
	cJSON_ArrayForEach (item, including) {
		names[k++] = index_elem_name(c, node_as(item, "IndexElem"));
	}
	return stmt_set_index_colnames(st, c->arena, names, k);
}

static int read_create_index(struct tree_ctx *c, const cJSON *n)
{
	int err;

	c->st->kind = STMT_CREATE_INDEX;
	c->st->concurrently = jbool(n, "concurrent");
	c->st->unique = jbool(n, "unique");
	c->st->index_name = dup(c, jstr(n, "idxname"));
	if ((err = read_qname(c, jget(n, "relation"), &c->st->table)) < 0)
		return err;
	return read_index_cols(c, jget(n, "indexParams"),
			       jget(n, "indexIncludingParams"));
}

static int read_drop(struct tree_ctx *c, const cJSON *n)
{
	const char *type = jstr(n, "removeType");
	const cJSON *obj;
	struct stmt *st = c->st;
	size_t count;

	if (type && strcmp(type, "OBJECT_INDEX") == 0)
		st->kind = STMT_DROP_INDEX;
	else if (type && strcmp(type, "OBJECT_TABLE") == 0)
		st->kind = STMT_DROP_TABLE;
	else
		return 0;
	st->concurrently = jbool(n, "concurrent");
	count = (size_t)cJSON_GetArraySize(jget(n, "objects"));
	if (count == 0)
		return 0;
	st->drop_names = arena_alloc(c->arena, count * sizeof(struct qname));
	if (!st->drop_names)
		return FK_ENOMEM;
	cJSON_ArrayForEach (obj, jget(n, "objects")) {
		const char **parts;
		size_t nparts;
		struct qname *q = &st->drop_names[st->ndrop_names++];

		if (read_names(c, jget(node_as(obj, "List"), "items"), &parts,
			       &nparts) < 0)
			return FK_ENOMEM;
		if (nparts >= 1)
			q->name = parts[nparts - 1];
		if (nparts >= 2)
			q->schema = parts[nparts - 2];
	}
	return 0;
}

static int read_rename(struct tree_ctx *c, const cJSON *n)
{
	static const struct {
		const char *type;
		enum rename_kind kind;
	} kinds[] = {
		{ "OBJECT_TABLE", RENAME_TABLE },
		{ "OBJECT_COLUMN", RENAME_COLUMN },
		{ "OBJECT_TABCONSTRAINT", RENAME_CONSTRAINT },
		{ "OBJECT_INDEX", RENAME_INDEX },
	};
	const char *type = jstr(n, "renameType");
	const char *rel = jstr(n, "relationType");
	struct stmt *st = c->st;
	size_t i;

	for (i = 0; type && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(type, kinds[i].type) == 0)
			break;
	if (!type || i == sizeof(kinds) / sizeof(kinds[0]))
		return 0;
	/* RENAME COLUMN of a view or a foreign table is not ours */
	if (kinds[i].kind == RENAME_COLUMN && rel &&
	    strcmp(rel, "OBJECT_TABLE") != 0)
		return 0;
	st->kind = STMT_RENAME;
	st->rename = kinds[i].kind;
	st->rename_from = dup(c, jstr(n, "subname"));
	st->rename_to = dup(c, jstr(n, "newname"));
	if (!st->rename_to)
		st->kind = STMT_OTHER;
	return read_qname(c, jget(n, "relation"), &st->table);
}

static int read_reindex(struct tree_ctx *c, const cJSON *n)
{
	const cJSON *p;
	const char *kind = jstr(n, "kind");

	c->st->kind = STMT_REINDEX;
	cJSON_ArrayForEach (p, jget(n, "params")) {
		const char *name = jstr(node_as(p, "DefElem"), "defname");

		if (name && strcmp(name, "concurrently") == 0)
			c->st->concurrently = true;
	}
	if (kind && strcmp(kind, "REINDEX_OBJECT_TABLE") == 0)
		return read_qname(c, jget(n, "relation"), &c->st->table);
	return 0;
}

/* A SET argument as the text it stands for: '5s' → 5s, 5000 → 5000. */
static const char *const_text(struct tree_ctx *c, const cJSON *node)
{
	const cJSON *k = node_as(node, "A_Const");
	const cJSON *v;

	if (!k)
		return NULL;
	if ((v = jget(k, "sval")))
		return dup(c, jstr(v, "sval"));
	if ((v = jget(k, "ival")))
		return arena_printf(c->arena, "%d", jint(v, "ival", 0));
	if ((v = jget(k, "fval")))
		return dup(c, jstr(v, "fval"));
	return NULL;
}

static int read_set(struct tree_ctx *c, const cJSON *n)
{
	const char *kind = jstr(n, "kind");
	struct stmt *st = c->st;
	const cJSON *arg;
	size_t count;

	if (!kind)
		return 0;
	st->kind = STMT_SET;
	st->set_local = jbool(n, "is_local");
	st->set_name = dup(c, jstr(n, "name"));
	if (strcmp(kind, "VAR_RESET_ALL") == 0) {
		st->set_action = SET_RESET_ALL;
		return 0;
	}
	if (strcmp(kind, "VAR_SET_VALUE") != 0) {
		st->set_action = strcmp(kind, "VAR_SET_DEFAULT") == 0 ||
						 strcmp(kind, "VAR_RESET") == 0
					 ? SET_DEFAULT
					 : SET_VALUE;
		if (strcmp(kind, "VAR_SET_DEFAULT") != 0 &&
		    strcmp(kind, "VAR_RESET") != 0)
			st->kind = STMT_OTHER; /* SET … FROM CURRENT, etc. */
		return 0;
	}
	st->set_action = SET_VALUE;
	count = (size_t)cJSON_GetArraySize(jget(n, "args"));
	if (count == 0)
		return 0;
	st->set_values = arena_alloc(c->arena, count * sizeof(char *));
	if (!st->set_values)
		return FK_ENOMEM;
	cJSON_ArrayForEach (arg, jget(n, "args")) {
		const char *v = const_text(c, arg);

		if (v)
			st->set_values[st->nset_values++] = v;
	}
	return 0;
}

static int read_transaction(struct tree_ctx *c, const cJSON *n)
{
	const char *kind = jstr(n, "kind");
	struct stmt *st = c->st;

	if (!kind)
		return 0;
	st->chain = jbool(n, "chain");
	if (!strcmp(kind, "TRANS_STMT_BEGIN") ||
	    !strcmp(kind, "TRANS_STMT_START"))
		st->kind = STMT_BEGIN;
	else if (!strcmp(kind, "TRANS_STMT_COMMIT") ||
		 !strcmp(kind, "TRANS_STMT_PREPARE"))
		st->kind = STMT_COMMIT;
	else if (!strcmp(kind, "TRANS_STMT_ROLLBACK"))
		st->kind = STMT_ROLLBACK;
	return 0;
}

/*
 * CREATE TABLE … AS, CREATE MATERIALIZED VIEW, SELECT … INTO: a new
 * relation, holding the query's rows unless WITH NO DATA.
 */
static int read_into(struct tree_ctx *c, const cJSON *into)
{
	if (!into)
		return 0;
	c->st->kind = STMT_CREATE_TABLE;
	c->st->filled = !jbool(into, "skipData");
	return read_qname(c, jget(into, "rel"), &c->st->table);
}

static int read_create_table_as(struct tree_ctx *c, const cJSON *n)
{
	const char *objtype = jstr(n, "objtype");

	if (!objtype || (strcmp(objtype, "OBJECT_TABLE") != 0 &&
			 strcmp(objtype, "OBJECT_MATVIEW") != 0))
		return 0;
	return read_into(c, jget(n, "into"));
}

static int read_select_into(struct tree_ctx *c, const cJSON *n)
{
	return read_into(c, jget(n, "intoClause"));
}

static const struct {
	const char *type;
	int (*read)(struct tree_ctx *c, const cJSON *node);
} readers[] = {
	{ "AlterTableStmt", read_alter_table },
	{ "CreateStmt", read_create_table },
	{ "CreateTableAsStmt", read_create_table_as },
	{ "DropStmt", read_drop },
	{ "IndexStmt", read_create_index },
	{ "ReindexStmt", read_reindex },
	{ "RenameStmt", read_rename },
	{ "SelectStmt", read_select_into },
	{ "TransactionStmt", read_transaction },
	{ "VariableSetStmt", read_set },
};

int stmt_from_tree(struct stmt *st, struct arena *arena, const char *json,
		   const char *src, const struct token_list *toks,
		   uint32_t base)
{
	struct tree_ctx c = { arena, src, toks, base, st };
	const char *type_at = strstr(json, "\"stmt\":{\"");
	cJSON *root;
	const cJSON *stmts, *node;
	size_t i;
	int err = 0;

	if (!type_at)
		return 0; /* an empty statement: comments only */
	type_at += strlen("\"stmt\":{\"");
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strncmp(type_at, readers[i].type,
			    strlen(readers[i].type)) == 0 &&
		    type_at[strlen(readers[i].type)] == '"')
			break;
	if (i == sizeof(readers) / sizeof(readers[0]))
		return 0; /* not a kind the rules look at: skip the JSON */
	/* a SELECT matters only when it makes a table (SELECT … INTO) */
	if (readers[i].read == read_select_into &&
	    !strstr(type_at, "\"intoClause\""))
		return 0;
	root = cJSON_Parse(json);
	if (!root)
		return FK_FALLBACK;
	stmts = jget(root, "stmts");
	node = jget(cJSON_GetArrayItem(stmts, 0), "stmt");
	if (cJSON_GetArraySize(stmts) == 1 && node)
		err = readers[i].read(&c, jget(node, readers[i].type));
	cJSON_Delete(root);
	return err;
}
