#ifndef FKAUDIT_GIT_LOOSE_H
#define FKAUDIT_GIT_LOOSE_H

#include <git2.h>

/*
 * A guard in front of libgit2's reader of loose objects (objects/xx/…).
 * libgit2 1.5 loops forever on a truncated loose object (its issue 7342)
 * and writes past its buffer on one whose content is longer than its
 * header says (issue 7177). Adds to the object database of `repo` a
 * backend of the highest priority that reads the loose objects of the
 * repository's own objects folder itself, with zlib: one whose stream
 * ends early, has bytes after its end, or holds more or less than its
 * header says is an error ("loose object … is corrupt: …"), never handed
 * on to libgit2. Objects it does not hold as loose files (packs,
 * alternates, the old pack-like loose format) go on to libgit2's
 * backends. The backend belongs to the object database from then on.
 * 0, or a negative libgit2 error code with libgit2's error set.
 */
int loose_guard(git_repository *repo);

#endif
