#ifndef FKAUDIT_ERROR_H
#define FKAUDIT_ERROR_H

/*
 * Return codes of fallible core functions: 0 on success, a negative one
 * on failure. Bad input is never an error code: it becomes a finding or
 * a file notification, and the run goes on. These are for the
 * environment, and FK_EGIT and FK_ECONFIG come with a message for the
 * user in the function's `err` buffer.
 *
 * A function that has more to say than "done" returns one of the
 * positive results below, each named for what it means where it is
 * returned (the header of the function says which it uses).
 */
enum fk_error {
	FK_OK = 0,
	FK_ENOMEM = -1,	 /* an allocation failed */
	FK_EIO = -2,	 /* a read or write failed */
	FK_EGIT = -3,	 /* a repository error; the message is in `err` */
	FK_ECONFIG = -4, /* a bad configuration; the message is in `err` */

	FK_ITEM = 1,	  /* an iterator hands out one more item */
	FK_FOUND = 1,	  /* what was looked for is there, and was read */
	FK_LEFT_OUT = 1,  /* the configuration leaves the file out */
	FK_TOO_LARGE = 1, /* over the size limit: nothing was read */
	FK_FALLBACK = 1,  /* this way failed: the caller takes the other */
};

#endif
