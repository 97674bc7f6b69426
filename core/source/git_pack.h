#ifndef FKAUDIT_GIT_PACK_H
#define FKAUDIT_GIT_PACK_H

#include <stdbool.h>

struct buf;

/*
 * Why an object that libgit2 reports missing cannot be read, when a pack
 * is to blame: libgit2 leaves a pack that does not match its index
 * (truncated, or cut short by a failed copy) out of the object database
 * and says only "not found". Looks through the pack indexes (.idx) of `objects_dir`/pack for
 * the object `hex` (40 hex digits); if an index lists it and its pack is
 * missing, shorter than a pack can be, or its checksum is not the one
 * the index records, appends the pack's file name to `out` and returns
 * true. False when no such pack holds it (or on a read error: then the
 * object is simply missing). `out` is the caller's.
 */
bool pack_find_broken(const char *objects_dir, const char *hex,
		      struct buf *out);

#endif
