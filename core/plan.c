#include "plan.h"

struct planner {
	uint32_t next_id;
	bool active;   /* a transaction is open */
	struct tx cur; /* the open transaction */
	enum tx_mode mode;
	bool multi;    /* implicit mode with more than one statement */
};

static void open_tx(struct planner *p, enum tx_source source, size_t begin)
{
	p->active = true;
	p->cur.id = p->next_id++;
	p->cur.source = source;
	p->cur.block = true;
	p->cur.begin = begin;
}

static struct tx single(struct planner *p)
{
	struct tx t = { p->next_id++, TX_NONE, false, 0 };

	/* inside one multi-statement string, every statement is in a block */
	if (p->multi) {
		t.source = TX_IMPLICIT;
		t.block = true;
	}
	return t;
}

static struct tx plan_one(struct planner *p, const struct stmt *st,
			  size_t i)
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

uint32_t plan_build(const struct stmt *stmts, size_t n, enum tx_mode mode,
		    uint32_t first_id, struct tx *out)
{
	struct planner p = { first_id, false, { 0 }, mode, false };
	size_t i;

	if (mode == TX_MODE_WRAPPED)
		open_tx(&p, TX_WRAPPED, 0);
	else if (mode == TX_MODE_IMPLICIT && n > 1) {
		p.multi = true;
		open_tx(&p, TX_IMPLICIT, 0);
	}
	for (i = 0; i < n; i++)
		out[i] = plan_one(&p, &stmts[i], i);
	return p.next_id;
}
