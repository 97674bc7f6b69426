#ifndef FKAUDIT_ERROR_H
#define FKAUDIT_ERROR_H

/*
 * Return codes of fallible core functions: 0 on success, one of these on
 * failure. Bad input is never an error code: it becomes a finding or a
 * file notification, and the run goes on. These are for the environment.
 */
enum fk_error {
	FK_OK = 0,
	FK_ENOMEM = -1, /* an allocation failed */
	FK_EIO = -2,	/* a read or write failed */
};

#endif
