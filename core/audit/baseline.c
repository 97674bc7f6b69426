#include "baseline.h"

#include <cJSON.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* "path\x1fkey", the identity of one finding (in `out`). */
static int identity(struct buf *out, const char *path, const char *key)
{
	buf_reset(out);
	buf_addf(out, "%s\x1f%s", path, key);
	return out->failed ? FK_ENOMEM : 0;
}

static int add(struct baseline *b, struct buf *id, const char *path,
	       const char *key)
{
	uintptr_t n;
	char *k = NULL;

	if (identity(id, path, key) < 0)
		return FK_ENOMEM;
	n = (uintptr_t)strmap_get(&b->seen, buf_str(id));
	if (n == 0 && !(k = arena_strdup(&b->arena, buf_str(id))))
		return FK_ENOMEM;
	if (strmap_put(&b->seen, n ? buf_str(id) : k, (void *)(n + 1)) < 0)
		return FK_ENOMEM;
	b->n++;
	return 0;
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* fkaudit's JSON report: its findings at the run's files. */
static int from_json(struct baseline *b, const cJSON *root, struct buf *err)
{
	const cJSON *f;
	struct buf id = BUF_INIT;
	int rc = 0;

	cJSON_ArrayForEach (f, cJSON_GetObjectItem(root, "findings")) {
		const char *path = jstr(f, "path"), *key = jstr(f, "key");
		const char *state = jstr(f, "state");

		if (!path || !key) {
			buf_addf(err, "a finding without \"path\" and \"key\" "
				      "(a report of fkaudit 0.1 or later is "
				      "needed)");
			rc = FK_ECONFIG;
			break;
		}
		if (cJSON_IsTrue(cJSON_GetObjectItem(f, "suppressed")) ||
		    (state && strcmp(state, "present") != 0))
			continue;
		if ((rc = add(b, &id, path, key)) < 0)
			break;
	}
	buf_release(&id);
	return rc;
}

/* SARIF: each result's artifact and its "fkaudit/v1" fingerprint. */
static int from_sarif(struct baseline *b, const cJSON *root, struct buf *err)
{
	const cJSON *run, *r;
	struct buf id = BUF_INIT;
	int rc = 0;

	cJSON_ArrayForEach (run, cJSON_GetObjectItem(root, "runs")) {
		cJSON_ArrayForEach (r, cJSON_GetObjectItem(run, "results")) {
			const cJSON *loc = cJSON_GetArrayItem(
				cJSON_GetObjectItem(r, "locations"), 0);
			const cJSON *art = cJSON_GetObjectItem(
				cJSON_GetObjectItem(loc, "physicalLocation"),
				"artifactLocation");
			const char *uri = jstr(art, "uri");
			const char *key = jstr(
				cJSON_GetObjectItem(r, "partialFingerprints"),
				"fkaudit/v1");

			if (cJSON_GetArraySize(
				    cJSON_GetObjectItem(r, "suppressions")) > 0)
				continue;
			if (!uri || !key) {
				buf_addf(err, "a result without its artifact "
					      "URI and \"fkaudit/v1\" "
					      "fingerprint (not fkaudit's "
					      "SARIF)");
				rc = FK_ECONFIG;
				goto done;
			}
			if ((rc = add(b, &id, uri, key)) < 0)
				goto done;
		}
	}
done:
	buf_release(&id);
	return rc;
}

int baseline_parse(struct baseline *b, const char *text, size_t len,
		   struct buf *err)
{
	cJSON *root = cJSON_ParseWithLength(text, len);
	int rc;

	memset(&b->seen, 0, sizeof(b->seen));
	b->arena = (struct arena)ARENA_INIT;
	b->n = 0;
	if (!root) {
		buf_adds(err, "not JSON: a JSON or SARIF report of fkaudit is "
			      "expected");
		return FK_ECONFIG;
	}
	if (cJSON_GetObjectItem(root, "runs"))
		rc = from_sarif(b, root, err);
	else if (cJSON_GetObjectItem(root, "fkaudit"))
		rc = from_json(b, root, err);
	else {
		buf_adds(err, "neither fkaudit's JSON report nor SARIF");
		rc = FK_ECONFIG;
	}
	cJSON_Delete(root);
	return err->failed ? FK_ENOMEM : rc;
}

int baseline_apply(const struct baseline *b, struct result *res)
{
	struct strmap used = { 0 };
	struct buf id = BUF_INIT;
	char key[17];
	size_t i;
	int rc = 0;

	res->baseline = true;
	res->baseline_new = res->baseline_unchanged = 0;
	for (i = 0; i < res->nfindings && rc == 0; i++) {
		struct finding *f = &res->findings[i];
		uintptr_t have, taken;

		if (f->suppressed || f->state != FINDING_CURRENT)
			continue;
		snprintf(key, sizeof(key), "%016" PRIx64, f->key);
		if ((rc = identity(&id, res->files[f->file].path, key)) < 0)
			break;
		have = (uintptr_t)strmap_get(&b->seen, buf_str(&id));
		taken = (uintptr_t)strmap_get(&used, buf_str(&id));
		if (taken < have) {
			char *k =
				taken ? NULL
				      : arena_strdup(&res->arena, buf_str(&id));

			if (!taken && !k) {
				rc = FK_ENOMEM;
				break;
			}
			if (strmap_put(&used, taken ? buf_str(&id) : k,
				       (void *)(taken + 1)) < 0) {
				rc = FK_ENOMEM;
				break;
			}
			f->baseline = BASELINE_UNCHANGED;
			res->baseline_unchanged++;
		} else {
			f->baseline = BASELINE_NEW;
			res->baseline_new++;
		}
	}
	res->baseline_absent = b->n - res->baseline_unchanged;
	strmap_release(&used);
	buf_release(&id);
	return rc;
}

void baseline_release(struct baseline *b)
{
	strmap_release(&b->seen);
	arena_release(&b->arena);
}
