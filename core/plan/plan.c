#include "plan.h"

struct planner {
	uint32_t next_id;
	size_t base; /* index of the unit's first statement in the file */
	const char *runner, *opt_out;
	bool active;   /* a transaction is open */
	struct tx cur; /* the open transaction */
	enum tx_mode mode;
	bool multi; /* implicit mode with more than one statement */
};

static void open_tx(struct planner *p, enum tx_source source, size_t begin)
{
	p->active = true;
	p->cur.id = p->next_id++;
	p->cur.source = source;
	p->cur.block = true;
	p->cur.begin = p->base + begin;
	p->cur.runner = source == TX_EXPLICIT ? NULL : p->runner;
	p->cur.opt_out = source == TX_EXPLICIT ? NULL : p->opt_out;
}

static struct tx single(struct planner *p)
{
	struct tx t = { p->next_id++, TX_NONE, false, 0, NULL, NULL };

	/* inside one multi-statement string, every statement is in a block */
	if (p->multi) {
		t.source = TX_IMPLICIT;
		t.block = true;
		t.runner = p->runner;
		t.opt_out = p->opt_out;
	}
	return t;
}

static struct tx plan_one(struct planner *p, const struct stmt *st, size_t i)
{
	struct tx t;

	switch (st->kind) {
	case STMT_BEGIN:
		if (!p->active) /* a nested BEGIN only warns */
			open_tx(p, TX_EXPLICIT, i);
		return p->cur;
	case STMT_COMMIT:
	case STMT_ROLLBACK:
		if (!p->active)
			return single(p);
		t = p->cur;
		p->active = false;
		if (st->chain)
			open_tx(p, t.source, i);
		else if (p->multi) /* the rest of the string: a new one */
			open_tx(p, TX_IMPLICIT, i);
		return t;
	default:
		return p->active ? p->cur : single(p);
	}
}

static uint32_t plan_unit(const struct stmt *stmts, const struct plan_unit *u,
			  uint32_t first_id, struct tx *out)
{
	struct planner p = { 0 };
	size_t i;

	p.next_id = first_id;
	p.base = u->first;
	p.runner = u->runner;
	p.opt_out = u->opt_out;
	p.mode = u->mode;
	if (u->mode == TX_MODE_WRAPPED) {
		open_tx(&p, TX_WRAPPED, 0);
		if (u->shared_id) { /* the deploy's transaction */
			p.cur.id = u->shared_id;
			p.next_id--;
		}
	} else if (u->mode == TX_MODE_IMPLICIT && u->n > 1) {
		p.multi = true;
		open_tx(&p, TX_IMPLICIT, 0);
	}
	for (i = 0; i < u->n; i++) {
		const struct stmt *st = &stmts[u->first + i];

		/* a DO block's statements run in the DO's transaction */
		if (st->in_do && st->in_do - 1 >= u->first &&
		    st->in_do - 1 < u->first + i)
			out[u->first + i] = out[st->in_do - 1];
		else
			out[u->first + i] = plan_one(&p, st, i);
	}
	return p.next_id;
}

uint32_t plan_build(const struct stmt *stmts, size_t n, enum tx_mode mode,
		    uint32_t first_id, struct tx *out)
{
	struct plan_unit u = { 0, n, mode, NULL, NULL, 0 };

	return plan_unit(stmts, &u, first_id, out);
}

uint32_t plan_build_units(const struct stmt *stmts,
			  const struct plan_unit *units, size_t nunits,
			  uint32_t first_id, struct tx *out)
{
	size_t k;

	for (k = 0; k < nunits; k++)
		first_id = plan_unit(stmts, &units[k], first_id, out);
	return first_id;
}
