#ifndef FKAUDIT_REPORT_TMP_H
#define FKAUDIT_REPORT_TMP_H

#include <stddef.h>

/*
 * Temporary report files ("PATH.tmp-XXXXXX", renamed onto PATH when
 * whole) that SIGINT, SIGTERM or SIGHUP must not leave behind: while
 * armed, a handler unlinks the ones still open and re-raises the signal
 * with its default action, so the run ends with the signal's status.
 *
 * The handler can reach nothing but static storage, so this file holds
 * the project's one global: a fixed table of paths, filled before each
 * file is created and emptied after it is renamed or removed, with the
 * signals blocked meanwhile. The handler only reads it and calls
 * unlink() and raise() (async-signal-safe; no allocation).
 */

/* Installs the handlers (the previous ones are kept); 0 or -1. */
int report_tmp_arm(void);

/* Restores the handlers report_tmp_arm() replaced. */
void report_tmp_disarm(void);

/*
 * Creates "`path`.tmp-XXXXXX" (mkstemp(), mode 0600) and records it.
 * Returns its slot (>= 0) with the open descriptor in *fd, or -1 with
 * errno set (ENAMETOOLONG, ENOSPC when every slot is taken, or what
 * mkstemp() said).
 */
int report_tmp_create(const char *path, int *fd);

/*
 * Renames the slot's file onto `path` (when `path` is not NULL) or
 * removes it, and frees the slot. Returns 0, or the errno of a failed
 * rename (the file is then removed).
 */
int report_tmp_finish(int slot, const char *path);

#endif
