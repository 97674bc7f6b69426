#include "report_tmp.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 4 /* one per report option; they are written one at a time */

static const int guarded[] = { SIGINT, SIGTERM, SIGHUP };
#define NGUARDED (sizeof(guarded) / sizeof(guarded[0]))

/* The one global (see the header): what the handler must reach. */
static struct {
	volatile sig_atomic_t used[SLOTS];
	char path[SLOTS][PATH_MAX];
	struct sigaction old[NGUARDED];
	sig_atomic_t armed;
} tmp_table;

static void on_signal(int sig)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (tmp_table.used[i])
			unlink(tmp_table.path[i]);
	/* SA_RESETHAND restored the default: it acts on return */
	raise(sig);
}

static void block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NGUARDED; i++)
		sigaddset(&set, guarded[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

int report_tmp_arm(void)
{
	struct sigaction sa;
	size_t i;

	if (tmp_table.armed)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NGUARDED; i++)
		sigaddset(&sa.sa_mask, guarded[i]);
	for (i = 0; i < NGUARDED; i++)
		if (sigaction(guarded[i], &sa, &tmp_table.old[i]) != 0) {
			while (i-- > 0)
				sigaction(guarded[i], &tmp_table.old[i], NULL);
			return -1;
		}
	tmp_table.armed = 1;
	return 0;
}

void report_tmp_disarm(void)
{
	size_t i;

	if (!tmp_table.armed)
		return;
	for (i = 0; i < NGUARDED; i++)
		sigaction(guarded[i], &tmp_table.old[i], NULL);
	tmp_table.armed = 0;
}

int report_tmp_create(const char *path, int *fd)
{
	sigset_t old;
	int slot, saved = 0;

	for (slot = 0; slot < SLOTS && tmp_table.used[slot]; slot++)
		;
	if (slot == SLOTS) {
		errno = ENOSPC;
		return -1;
	}
	if ((size_t)snprintf(tmp_table.path[slot], PATH_MAX, "%s.tmp-XXXXXX",
			     path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* a signal sees the slot either empty or naming a file made */
	block(&old);
	if ((*fd = mkstemp(tmp_table.path[slot])) >= 0)
		tmp_table.used[slot] = 1;
	else
		saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return *fd >= 0 ? slot : -1;
}

int report_tmp_finish(int slot, const char *path)
{
	sigset_t old;
	int saved = 0;

	block(&old);
	if (path && rename(tmp_table.path[slot], path) != 0)
		saved = errno;
	if (!path || saved)
		unlink(tmp_table.path[slot]);
	tmp_table.used[slot] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return saved;
}
