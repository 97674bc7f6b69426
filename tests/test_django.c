/*
 * Django migrations, end to end: `fkaudit check` on Django projects
 * written in the test, read without Python. The SQL comes out of RunSQL
 * strings and the schema operations; findings point into the .py file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(django, .init = test_dir_setup, .fini = test_dir_teardown);

static void put(const char *name, const char *text)
{
	cr_assert_eq(put_test_file(name, text), 0, "cannot write %s", name);
}

#define HEADER                                       \
	"from django.db import migrations, models\n" \
	"import django.db.models.deletion\n\n\n"

/* teams.Team and accounts.Profile, as makemigrations writes them. */
static void initial(void)
{
	put("teams/migrations/__init__.py", "");
	put("teams/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "\n"
	    "    initial = True\n"
	    "\n"
	    "    dependencies = []\n"
	    "\n"
	    "    operations = [\n"
	    "        migrations.CreateModel(\n"
	    "            name='Team',\n"
	    "            fields=[\n"
	    "                ('id', models.BigAutoField(auto_created=True, "
	    "primary_key=True, serialize=False, verbose_name='ID')),\n"
	    "                ('name', models.CharField(max_length=100)),\n"
	    "            ],\n"
	    "        ),\n"
	    "    ]\n");
	put("accounts/migrations/__init__.py", "");
	put("accounts/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "\n"
	    "    initial = True\n"
	    "\n"
	    "    dependencies = [\n"
	    "        ('teams', '0001_initial'),\n"
	    "    ]\n"
	    "\n"
	    "    operations = [\n"
	    "        migrations.CreateModel(\n"
	    "            name='Profile',\n"
	    "            fields=[\n"
	    "                ('id', models.BigAutoField(auto_created=True, "
	    "primary_key=True, serialize=False, verbose_name='ID')),\n"
	    "                ('name', models.CharField(max_length=100)),\n"
	    "                ('home', models.ForeignKey(on_delete="
	    "django.db.models.deletion.CASCADE, to='teams.team')),\n"
	    "            ],\n"
	    "        ),\n"
	    "    ]\n");
}

/* A hand-written SeparateDatabaseAndState migration; `atomic` is its
 * class attribute line (or ""). */
static void lead_migration(const char *atomic)
{
	char text[4096];

	snprintf(
		text, sizeof(text),
		HEADER
		"class Migration(migrations.Migration):\n"
		"%s"
		"    dependencies = [('accounts', '0001_initial')]\n"
		"\n"
		"    operations = [\n"
		"        migrations.SeparateDatabaseAndState(\n"
		"            database_operations=[\n"
		"                migrations.RunSQL(\n"
		"                    'ALTER TABLE accounts_profile ADD COLUMN "
		"lead_id bigint NULL',\n"
		"                    'ALTER TABLE accounts_profile DROP COLUMN "
		"lead_id',\n"
		"                ),\n"
		"                migrations.RunSQL(\n"
		"                    'CREATE INDEX CONCURRENTLY "
		"profile_lead_idx "
		"ON accounts_profile (lead_id)',\n"
		"                    'DROP INDEX CONCURRENTLY "
		"profile_lead_idx',\n"
		"                ),\n"
		"                migrations.RunSQL(\n"
		"                    sql=\"SET lock_timeout = '2s'; \"\n"
		"                        \"ALTER TABLE accounts_profile ADD "
		"CONSTRAINT profile_lead_fk \"\n"
		"                        \"FOREIGN KEY (lead_id) REFERENCES "
		"teams_team (id) NOT VALID\",\n"
		"                    reverse_sql='ALTER TABLE accounts_profile "
		"DROP CONSTRAINT profile_lead_id_fk',\n"
		"                ),\n"
		"            ],\n"
		"            state_operations=[\n"
		"                migrations.AddField(\n"
		"                    model_name='profile',\n"
		"                    name='lead',\n"
		"                    field=models.ForeignKey(null=True, "
		"on_delete=django.db.models.deletion.SET_NULL, "
		"to='teams.team'),\n"
		"                ),\n"
		"            ],\n"
		"        ),\n"
		"        migrations.RunSQL(migrations.RunSQL.noop, "
		"'ALTER TABLE accounts_profile DROP CONSTRAINT "
		"profile_lead_fk'),\n"
		"    ]\n",
		atomic);
	put("accounts/migrations/0002_profile_lead.py", text);
	put("accounts/migrations/0003_validate.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0002_profile_lead')]\n"
	    "    operations = [\n"
	    "        migrations.RunSQL('ALTER TABLE accounts_profile VALIDATE "
	    "CONSTRAINT profile_lead_fk'),\n"
	    "    ]\n");
}

Test(django, separate_database_and_state_in_an_atomic_migration)
{
	struct buf out = BUF_INIT;

	initial();
	lead_migration("");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* at the SQL inside the string, in the .py file */
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_profile_lead.py:16:22: "
			   "error: [FK007 concurrent-in-transaction] CREATE "
			   "INDEX CONCURRENTLY runs inside the transaction "
			   "that Django puts around every migration whose "
			   "class does not set atomic = False: PostgreSQL "
			   "refuses it"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "help: put it in a migration of its own with "
				 "atomic = False on its Migration class"),
		  "%s", buf_str(&out));
	/* the reverse SQL drops a name the forward SQL never gives */
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_profile_lead.py:23:63: "
			   "warning: [FK013 reverse-mismatch] the rollback "
			   "drops constraint \"profile_lead_id_fk\", which "
			   "the migration's forward SQL never creates"),
		  "%s", buf_str(&out));
	/* the other reverse drops a name it creates: no FK013 */
	cr_expect_eq(test_count(&out, "FK013"), 1, "%s", buf_str(&out));
	/* SET lock_timeout before the ADD, VALIDATE in the next migration */
	cr_expect(!test_has(&out, "FK004") && !test_has(&out, "FK003") &&
			  !test_has(&out, "FK009"),
		  "%s", buf_str(&out));
	/* CreateModel with a ForeignKey: nothing */
	cr_expect(!test_has(&out, "0001_initial.py:"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, separate_database_and_state_with_atomic_false)
{
	struct buf out = BUF_INIT;

	initial();
	lead_migration("    atomic = False\n\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK007"), "%s", buf_str(&out));
	/* the string is split: each statement on its own, SET included */
	cr_expect(!test_has(&out, "FK004"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "0002_profile_lead.py:25:63: warning: [FK013"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, add_field_foreign_key_on_an_existing_model)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_profile_team.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "\n"
		   "    dependencies = [\n"
		   "        ('accounts', '0001_initial'),\n"
		   "    ]\n"
		   "\n"
		   "    operations = [\n"
		   "        migrations.AddField(\n"
		   "            model_name='profile',\n"
		   "            name='team',\n"
		   "            field=models.ForeignKey(null=True, on_delete="
		   "django.db.models.deletion.SET_NULL, to='teams.team'),\n"
		   "        ),\n"
		   "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_profile_team.py:12:9: "
			   "warning: [FK002 fk-on-new-column] adding column "
			   "\"team_id\" with REFERENCES \"teams_team\" to "
			   "existing table \"accounts_profile\" takes ACCESS "
			   "EXCLUSIVE on \"accounts_profile\""),
		  "%s", buf_str(&out));
	/* Django's own names: names_digest() of table and column */
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_profile_team.py:12:9: "
			   "error: [FK006 index-not-concurrent] CREATE INDEX "
			   "\"accounts_profile_team_id_ea6fb39a\" on existing "
			   "table \"accounts_profile\" without CONCURRENTLY"),
		  "%s", buf_str(&out));
	cr_expect(
		test_has(&out,
			 "accounts_profile_team_id_ea6fb39a_fk_teams_team_id"),
		"%s", buf_str(&out));
	cr_expect(test_has(&out, " 12 |         migrations.AddField(\n"), "%s",
		  buf_str(&out));
	/* CreateModel with a ForeignKey: nothing unsafe */
	cr_expect(!test_has(&out, "0001_initial.py:"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, foreign_key_options_change_the_sql)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_options.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0001_initial')]\n"
	    "    operations = [\n"
	    "        migrations.AddField('profile', 'mentor', "
	    "models.ForeignKey('self', null=True, db_constraint=False, "
	    "on_delete=models.SET_NULL)),\n"
	    "        migrations.AddField(model_name='profile', name='alt', "
	    "field=models.ForeignKey(null=True, db_index=False, "
	    "on_delete=models.SET_NULL, to='teams.Team')),\n"
	    "        migrations.AddField(model_name='profile', name='owner', "
	    "field=models.OneToOneField(null=True, on_delete=models.CASCADE, "
	    "to='teams.team')),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* db_constraint=False: no FK, but Django still builds the index */
	cr_expect(test_has(&out, "0002_options.py:8:9: error: [FK006"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "0002_options.py:8:9: warning: [FK002"), "%s",
		  buf_str(&out));
	/* db_index=False: the FK, no index (so FK005 at the end) */
	cr_expect(test_has(&out, "0002_options.py:9:9: warning: [FK002"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "0002_options.py:9:9: error: [FK006"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "0002_options.py:9:9: warning: [FK005"), "%s",
		  buf_str(&out));
	/* OneToOneField: UNIQUE inline, no separate index */
	cr_expect(test_has(&out, "0002_options.py:10:9: warning: [FK002"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "0002_options.py:10:9: error: [FK006"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "0002_options.py:10:9: warning: [FK005"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, alter_field_to_a_foreign_key_and_back)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_backup.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('accounts', '0001_initial')]\n"
		   "    operations = [\n"
		   "        migrations.AddField('profile', 'backup', "
		   "models.IntegerField(null=True)),\n"
		   "    ]\n");
	put("accounts/migrations/0003_backup_fk.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0002_backup')]\n"
	    "    operations = [\n"
	    "        migrations.AlterField(\n"
	    "            model_name='profile',\n"
	    "            name='backup',\n"
	    "            field=models.ForeignKey(null=True, on_delete="
	    "models.SET_NULL, related_name='+', to='teams.team'),\n"
	    "        ),\n"
	    "        migrations.AlterField(\n"
	    "            model_name='profile',\n"
	    "            name='home',\n"
	    "            field=models.ForeignKey(on_delete=models.PROTECT, "
	    "related_name='members', to='teams.team'),\n"
	    "        ),\n"
	    "        migrations.AlterField(\n"
	    "            model_name='vendor',\n"
	    "            name='team',\n"
	    "            field=models.ForeignKey(on_delete=models.PROTECT, "
	    "to='teams.team'),\n"
	    "        ),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* an integer column becomes a foreign key: a validating ADD */
	cr_expect(test_has(&out, "0003_backup_fk.py:8:9: error: [FK001 "
				 "fk-validating-add] adding foreign key "
				 "\"accounts_profile_backup_id_"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "0003_backup_fk.py:8:9: error: [FK006"), "%s",
		  buf_str(&out));
	/* a foreign key already (related_name is Python only): nothing */
	cr_expect(!test_has(&out, "0003_backup_fk.py:13:"), "%s",
		  buf_str(&out));
	/* a model no migration creates: no SQL assumed, and said */
	cr_expect(!test_has(&out, "0003_backup_fk.py:18:9: error") &&
			  !test_has(&out, "0003_backup_fk.py:18:9: warning"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "0003_backup_fk.py:18:9: note: not audited: "
				 "AlterField of a field no migration read "
				 "adds (no SQL assumed)\n"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "; 1 part of migrations not audited "
				 "(noted above)\n"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * AlterField of a column that is a foreign key already: making it
 * nullable drops the constraint and adds it again, validating (Django
 * 4.2/5.2 _alter_field; seen with sqlmigrate on healthchecks' api 0005,
 * 0049, 0056, 0072): FK001. A related_name or on_delete change sends
 * nothing.
 */
Test(django, alter_field_of_a_foreign_key_re_adds_it)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_home_null.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0001_initial')]\n"
	    "    operations = [\n"
	    "        migrations.AlterField(\n"
	    "            model_name='profile',\n"
	    "            name='home',\n"
	    "            field=models.ForeignKey(on_delete=models.PROTECT, "
	    "related_name='members', to='teams.team'),\n"
	    "        ),\n"
	    "        migrations.AlterField(\n"
	    "            model_name='profile',\n"
	    "            name='home',\n"
	    "            field=models.ForeignKey(null=True, on_delete="
	    "models.SET_NULL, related_name='members', to='teams.team'),\n"
	    "        ),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* the options only: nothing sent */
	cr_expect(!test_has(&out, "0002_home_null.py:8:"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "0002_home_null.py:13:9: error: [FK001 "
				 "fk-validating-add] adding foreign key "
				 "\"accounts_profile_home_id_"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "DEFERRABLE does not defer this check"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(django, db_table_and_to_field)
{
	struct buf out = BUF_INIT;

	put("billing/migrations/0001_initial.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    initial = True\n"
		   "    operations = [\n"
		   "        migrations.CreateModel(name='Account', fields=[\n"
		   "            ('id', models.AutoField(primary_key=True)),\n"
		   "            ('code', models.CharField(max_length=20, "
		   "unique=True)),\n"
		   "        ], options={'db_table': 'legacy_accounts'}),\n"
		   "        migrations.CreateModel(name='Invoice', fields=[\n"
		   "            ('id', models.AutoField(primary_key=True)),\n"
		   "        ]),\n"
		   "    ]\n");
	put("billing/migrations/0002_invoice_account.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('billing', '0001_initial')]\n"
		   "    operations = [\n"
		   "        migrations.AddField('invoice', 'account', "
		   "models.ForeignKey('billing.Account', models.CASCADE, "
		   "default=1, to_field='code')),\n"
		   "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* the model's db_table; with a DEFAULT the key is checked: error */
	cr_expect(test_has(&out,
			   "0002_invoice_account.py:8:9: error: [FK002 "
			   "fk-on-new-column] adding column \"account_id\" "
			   "with REFERENCES \"legacy_accounts\" to existing "
			   "table \"billing_invoice\""),
		  "%s", buf_str(&out));
	/* the column takes the referenced column's type: no FK008 */
	cr_expect(!test_has(&out, "FK008"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, positions_inside_strings_follow_escapes_and_lines)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_raw.py",
	    "from django.db import migrations\n"
	    "\n"
	    "SQL = '''\n"
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE accounts_profile\n"
	    "    ADD CONSTRAINT profile_home_fk FOREIGN KEY (home_id) "
	    "REFERENCES teams_team (id);\n"
	    "'''\n"
	    "\n"
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0001_initial')]\n"
	    "    operations = [\n"
	    "        migrations.RunSQL(SQL),\n"
	    "        migrations.RunSQL(\"SET lock_timeout = '2s';\\n\\tALTER "
	    "TABLE accounts_profile ADD CONSTRAINT x_fk FOREIGN KEY (home_id) "
	    "REFERENCES teams_team (id)\"),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* a module-level constant: the line inside the triple quotes */
	cr_expect(test_has(&out, "accounts/migrations/0002_raw.py:6:9: error: "
				 "[FK001 fk-validating-add] adding foreign key "
				 "\"profile_home_fk\""),
		  "%s", buf_str(&out));
	/* after \n and \t escapes: the column of the source text */
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_raw.py:13:89: error: "
			   "[FK001 fk-validating-add] adding foreign key "
			   "\"x_fk\""),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(django, suppressions_are_python_comments)
{
	struct buf out = BUF_INIT;

	initial();
	put("accounts/migrations/0002_profile_team.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('accounts', '0001_initial')]\n"
	    "    operations = [\n"
	    "        # fkaudit:ignore FK002,FK004,FK006 profile has 12 rows\n"
	    "        migrations.AddField(\n"
	    "            model_name='profile',\n"
	    "            name='team',\n"
	    "            field=models.ForeignKey(null=True, on_delete="
	    "models.SET_NULL, to='teams.team'),\n"
	    "        ),\n"
	    "        # fkaudit:ignore FK001 nothing to suppress here\n"
	    "        migrations.RunSQL('SELECT 1'),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	/* the index Django defers belongs to the AddField: suppressed too */
	cr_expect(!test_has(&out, "FK002") && !test_has(&out, "FK006") &&
			  !test_has(&out, "FK004"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "accounts/migrations/0002_profile_team.py:14:9: "
			   "note: [FK014 unused-suppression] suppression of "
			   "FK001 matches no finding of the statement it "
			   "precedes"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* Shapes real projects use give no finding and no parse failure. */
Test(django, real_shapes_give_no_false_findings)
{
	struct buf out = BUF_INIT, det = BUF_INIT;

	initial();
	put("accounts/migrations/0002_shapes.py",
	    "# -*- coding: utf-8 -*-\n"
	    "from __future__ import unicode_literals\n"
	    "import textwrap\n"
	    "\n"
	    "from django.conf import settings\n"
	    "from django.db import migrations, models\n"
	    "\n"
	    "INDEX = \"CREATE INDEX CONCURRENTLY IF NOT EXISTS "
	    "profile_name_idx \" \\\n"
	    "        \"ON accounts_profile (name)\"\n"
	    "\n"
	    "\n"
	    "def forwards(apps, schema_editor):\n"
	    "    Profile = apps.get_model('accounts', 'Profile')\n"
	    "    for p in Profile.objects.filter(name__in=[\"a\", 'b']):\n"
	    "        p.save()  # ) ] } unbalanced in a comment\n"
	    "\n"
	    "\n"
	    "class Migration(migrations.Migration):\n"
	    "    \"\"\"A docstring with 'quotes' and \\\"escapes\\\".\"\"\"\n"
	    "\n"
	    "    atomic = False\n"
	    "\n"
	    "    dependencies = [\n"
	    "        "
	    "migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
	    "        ('accounts', '0001_initial'),\n"
	    "    ]\n"
	    "\n"
	    "    operations = [\n"
	    "        migrations.RunPython(forwards, migrations.RunPython.noop, "
	    "atomic=True),\n"
	    "        migrations.RunSQL(INDEX, "
	    "'DROP INDEX CONCURRENTLY IF EXISTS profile_name_idx'),\n"
	    "        migrations.RunSQL(\n"
	    "            sql=[\n"
	    "                (\"UPDATE accounts_profile SET name = %s WHERE "
	    "name = %s\", ['x', 'y']),\n"
	    "                (\"UPDATE accounts_profile SET name = %(n)s\", "
	    "{'n': 'z'}),\n"
	    "                (\"SELECT '100%%' FROM accounts_profile\", []),\n"
	    "                (\"SELECT '100%' -- no params: no placeholders\", "
	    "None),\n"
	    "                b'SELECT 2',\n"
	    "                u'SELECT 3',\n"
	    "                r\"SELECT E'\\\\x41'\",\n"
	    "            ],\n"
	    "            reverse_sql=migrations.RunSQL.noop,\n"
	    "            elidable=True,\n"
	    "        ),\n"
	    "        migrations.RunSQL(textwrap.dedent(\"\"\"\n"
	    "            -- a comment; with a semicolon\n"
	    "            CREATE FUNCTION touch() RETURNS trigger AS $$\n"
	    "            BEGIN NEW.name := lower(NEW.name); RETURN NEW; END;\n"
	    "            $$ LANGUAGE plpgsql;\n"
	    "        \"\"\").strip(), reverse_sql='DROP FUNCTION touch()'),\n"
	    "        migrations.RunSQL(\n"
	    "            'SELECT 1;'\n"
	    "            # a comment between the parts\n"
	    "            'SELECT 2;' + ' SELECT 3;',\n"
	    "            hints={'target_db': 'default'},\n"
	    "        ),\n"
	    "        migrations.RunSQL(sql=f'SELECT {1}', "
	    "reverse_sql=migrations.RunSQL.noop),\n"
	    "        migrations.AlterModelOptions(name='profile', "
	    "options={'ordering': ['name']}),\n"
	    "    ]\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "no findings in 3 files"), "%s",
		  buf_str(&out));
	cr_expect_eq(run_test_dir(ARGS("detect", "accounts/migrations/"
						 "0002_shapes.py"),
				  &det),
		     0, "%s", buf_str(&det));
	/* the f-string is named as left out, with its line */
	cr_expect(test_has(&det, "left out: RunSQL SQL that is not a string "
				 "literal (line 56)"),
		  "%s", buf_str(&det));
	buf_release(&out);
	buf_release(&det);
}

/* Modules Django does not run as migrations are not audited. */
Test(django, what_is_not_a_migration)
{
	struct buf out = BUF_INIT, det = BUF_INIT;

	initial();
	put("accounts/migrations/helpers.py",
	    "SQL = 'ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES c (d)'\n");
	put("accounts/models.py", "class Migration:\n    pass\n");
	put("accounts/migrations/0002_broken.py",
	    "from django.db import migrations\n"
	    "class Migration(migrations.Migration):\n"
	    "    operations = [migrations.RunSQL('ALTER TABLE x\n"
	    "    ((( ]]] \"\"\" \xff\xfe\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "in 3 files"), "%s", buf_str(&out));
	cr_expect_eq(run_test_dir(ARGS("detect", "."), &det), 0, "%s",
		     buf_str(&det));
	cr_expect(test_has(&det,
			   "accounts/migrations/helpers.py\n"
			   "  django, not run: not audited\n"
			   "  why: a Python module that defines no Migration "
			   "class: not a Django migration, not audited"),
		  "%s", buf_str(&det));
	cr_expect(!test_has(&det, "__init__.py") &&
			  !test_has(&det, "models.py"),
		  "%s", buf_str(&det));
	buf_release(&out);
	buf_release(&det);
}

/* Migrations run after the ones they depend on, not in name order. */
Test(django, order_follows_dependencies)
{
	struct buf det = BUF_INIT;
	const char *a, *b, *c;

	initial();
	put("zeta/migrations/0001_initial.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('teams', '__first__')]\n"
		   "    operations = []\n");
	put("teams/migrations/0002_after_accounts.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('teams', '0001_initial'), "
		   "('accounts', '__latest__')]\n"
		   "    operations = []\n");
	cr_expect_eq(run_test_dir(ARGS("detect", "."), &det), 0, "%s",
		     buf_str(&det));
	a = strstr(buf_str(&det), "teams/migrations/0001_initial.py");
	b = strstr(buf_str(&det), "accounts/migrations/0001_initial.py");
	c = strstr(buf_str(&det), "teams/migrations/0002_after_accounts.py");
	cr_assert(a && b && c, "%s", buf_str(&det));
	cr_expect(a < b && b < c, "%s", buf_str(&det));
	cr_expect(strstr(buf_str(&det), "zeta/migrations/0001_initial.py") > a,
		  "%s", buf_str(&det));
	buf_release(&det);
}

/* notes.Note with a key to authors.Author, squashed with replaces. */
static const char squash[] = HEADER
	"class Migration(migrations.Migration):\n"
	"    replaces = [('notes', '0001_initial'), ('notes', "
	"'0002_note_author')]\n"
	"    dependencies = [('authors', '0001_initial')]\n"
	"    operations = [\n"
	"        migrations.CreateModel(name='Note', fields=[\n"
	"            ('id', models.BigAutoField(primary_key=True)),\n"
	"        ]),\n"
	"        migrations.AddField(model_name='note', name='author',\n"
	"            field=models.ForeignKey(null=True, on_delete="
	"models.CASCADE, to='authors.author')),\n"
	"        migrations.AlterField(model_name='note', name='author',\n"
	"            field=models.ForeignKey(on_delete=models.CASCADE, "
	"to='authors.author')),\n"
	"    ]\n";

static void squashed_project(bool replaced_too)
{
	put("authors/migrations/__init__.py", "");
	put("authors/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    operations = [migrations.CreateModel(name='Author', "
	    "fields=[('id', models.BigAutoField(primary_key=True))])]\n");
	put("notes/migrations/__init__.py", "");
	put("notes/migrations/0001_squashed_0002_note_author.py", squash);
	if (!replaced_too)
		return;
	put("notes/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    operations = [migrations.CreateModel(name='Note', "
	    "fields=[('id', models.BigAutoField(primary_key=True))])]\n");
	put("notes/migrations/0002_note_author.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('notes', '0001_initial'), ('authors', "
		   "'0001_initial')]\n"
		   "    operations = [migrations.AddField(model_name='note', "
		   "name='author', field=models.ForeignKey(null=True, "
		   "on_delete=models.CASCADE, to='authors.author'))]\n");
}

/*
 * A squashed migration runs only on a fresh database: its tables are
 * empty, so it locks nothing anyone waits for, and it changes nothing of
 * the schema the migrations it replaces built (no double CREATE TABLE).
 */
Test(django, a_squash_runs_only_on_a_fresh_database)
{
	struct buf out = BUF_INIT;

	squashed_project(true);
	put("notes/migrations/0003_note_author_null.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('notes', '0002_note_author')]\n"
		   "    operations = [migrations.AlterField(model_name='note', "
		   "name='author', field=models.ForeignKey("
		   "on_delete=models.CASCADE, to='authors.author'))]\n");
	check_test_dir(&out);
	cr_expect(!test_has(&out, "0001_squashed_0002_note_author.py:"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "0002_note_author.py:7:19: warning: [FK002 "),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "0003_note_author_null.py:7:19: error: "
				 "[FK001 "),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * Once the replaced migrations are deleted, the squash stands for them:
 * a later AlterField finds the key it made, on an existing table.
 */
Test(django, a_squash_whose_replaced_migrations_are_gone_seeds_the_state)
{
	struct buf out = BUF_INIT;

	squashed_project(false);
	put("notes/migrations/0003_note_author_null.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('notes', '0001_squashed_0002_note_"
		   "author')]\n"
		   "    operations = [migrations.AlterField(model_name='note', "
		   "name='author', field=models.ForeignKey(null=True, "
		   "on_delete=models.SET_NULL, to='authors.author'))]\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "0001_squashed_0002_note_author.py:"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "0003_note_author_null.py:7:19: error: "
				 "[FK001 fk-validating-add] adding foreign key "
				 "\"notes_note_author_id_"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "to existing table \"notes_note\""), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/*
 * The configuration names more foreign-key field classes and the user
 * model; without it, AUTH_USER_MODEL comes from the settings module
 * manage.py names.
 */
Test(django, configured_key_classes_and_user_model)
{
	struct buf out = BUF_INIT;
	static const char add[] =
		HEADER "from django.conf import settings\n"
		       "import people.fields\n\n"
		       "class Migration(migrations.Migration):\n"
		       "    dependencies = [('teams', '0001_initial')]\n"
		       "    operations = [\n"
		       "        migrations.AddField(model_name='team', "
		       "name='owner', field=people.fields.OwnerKey(null=True, "
		       "on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL"
		       ")),\n"
		       "    ]\n";

	initial();
	put("people/migrations/0001_initial.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    operations = [migrations.CreateModel(name='Person', "
		   "fields=[('uid', models.UUIDField(primary_key=True))])]\n");
	put("teams/migrations/0002_team_owner.py", add);
	check_test_dir(&out);
	cr_expect(!test_has(&out, "[FK002"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "0002_team_owner.py:11:68: note: not "
				 "audited: field class OwnerKey\n"),
		  "%s", buf_str(&out));
	buf_reset(&out);
	put(".fkaudit.json", "{\"django\": {\"foreign_key_fields\": "
			     "[\"OwnerKey\"], \"auth_user_model\": "
			     "\"people.Person\"}}");
	check_test_dir(&out);
	cr_expect(test_has(&out, "0002_team_owner.py:11:9: warning: [FK002 "
				 "fk-on-new-column] adding column \"owner_id\" "
				 "with REFERENCES \"people_person\""),
		  "%s", buf_str(&out));
	buf_reset(&out);
	put(".fkaudit.json", "{\"django\": {\"foreign_key_fields\": "
			     "[\"OwnerKey\"]}}");
	put("manage.py", "import os\nos.environ.setdefault("
			 "\"DJANGO_SETTINGS_MODULE\", \"site_cfg.settings."
			 "prod\")\n");
	put("site_cfg/settings/prod.py", "from .base import *  # noqa\n"
					 "DEBUG = False\n");
	put("site_cfg/settings/base.py", "AUTH_USER_MODEL = 'people.Person'\n");
	check_test_dir(&out);
	cr_expect(test_has(&out, "with REFERENCES \"people_person\""), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/*
 * Without apps.py, the label is the app that a migration names in its
 * dependency on the one before it in the folder.
 */
Test(django, label_from_the_dependency_on_the_previous_migration)
{
	struct buf out = BUF_INIT;

	initial();
	put("core_app/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('teams', '0001_initial')]\n"
	    "    operations = [migrations.CreateModel(name='Thing', "
	    "fields=[('id', models.BigAutoField(primary_key=True))])]\n");
	put("core_app/migrations/0002_thing_team.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('core', '0001_initial'), ('teams', "
		   "'0001_initial')]\n"
		   "    operations = [migrations.AddField(model_name='thing', "
		   "name='team', field=models.ForeignKey(null=True, "
		   "on_delete=models.CASCADE, to='teams.team'))]\n");
	check_test_dir(&out);
	cr_expect(test_has(&out, "to existing table \"core_thing\""), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "core_app_thing"), "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * Dependencies name apps by label: a plugin whose folder sorts before the
 * app it depends on still runs after it, so its key gets the type of the
 * target's UUID primary key. Labels come from apps.py or __init__.py.
 */
Test(django, dependencies_by_label_order_the_apps)
{
	struct buf out = BUF_INIT;

	put("b_core/__init__.py", "from django.apps import AppConfig\n\n\n"
				  "class CoreConfig(AppConfig):\n"
				  "    name = 'b_core'\n"
				  "    label = 'core'\n");
	put("b_core/migrations/0001_initial.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    operations = [migrations.CreateModel(name='Thing', "
		   "fields=[('pulp_id', models.UUIDField(primary_key=True))])]"
		   "\n");
	put("a_plugin/apps.py", "from django.apps import AppConfig\n\n\n"
				"class PluginConfig(AppConfig):\n"
				"    name = 'a_plugin'\n"
				"    label = 'plugin'\n");
	put("a_plugin/migrations/0001_initial.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('core', '0001_initial')]\n"
		   "    operations = [migrations.CreateModel(name='Part', "
		   "fields=[('id', models.BigAutoField(primary_key=True)), "
		   "('thing', models.ForeignKey(on_delete=models.CASCADE, "
		   "to='core.thing'))])]\n");
	cr_expect_eq(run_test_dir(ARGS("sql", "."), &out), 0, "%s",
		     buf_str(&out));
	cr_expect(test_has(&out, "CREATE TABLE \"plugin_part\" (\"id\" bigint "
				 "NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS "
				 "IDENTITY, \"thing_id\" uuid NOT NULL)"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "REFERENCES \"core_thing\" (\"pulp_id\")"),
		  "%s", buf_str(&out));
	cr_expect(strstr(buf_str(&out), "b_core/migrations/0001") <
			  strstr(buf_str(&out), "a_plugin/migrations/0001"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * Every app has a 0001_initial: a dependency on another app's first
 * migration, listed before the one on this app's, does not make that app
 * this one's label (the state of notes.Note stays where it is).
 */
Test(django, another_apps_initial_dependency_is_not_the_label)
{
	struct buf out = BUF_INIT;

	squashed_project(false);
	put("notes/migrations/0001_initial.py", HEADER
	    "class Migration(migrations.Migration):\n"
	    "    operations = [migrations.CreateModel(name='Note', "
	    "fields=[('id', models.BigAutoField(primary_key=True))])]\n");
	put("notes/migrations/0002_note_author.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('authors', '0001_initial'), ('notes', "
		   "'0001_initial')]\n"
		   "    operations = [migrations.AddField(model_name='note', "
		   "name='author', field=models.ForeignKey(null=True, "
		   "on_delete=models.CASCADE, to='authors.author'))]\n");
	put("notes/migrations/0003_note_author_not_null.py",
	    HEADER "class Migration(migrations.Migration):\n"
		   "    dependencies = [('notes', '0002_note_author')]\n"
		   "    operations = [migrations.AlterField(model_name='note', "
		   "name='author', field=models.ForeignKey("
		   "on_delete=models.CASCADE, to='authors.author'))]\n");
	check_test_dir(&out);
	cr_expect(!test_has(&out, "not audited"), "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "0002_note_author.py:7:19: warning: [FK002 "
			   "fk-on-new-column] adding column \"author_id\" "
			   "with REFERENCES \"authors_author\" to "
			   "existing table \"notes_note\""),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "0003_note_author_not_null.py:7:19: error: "
				 "[FK001 "),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* OpClass('field', name=…) in an index is the column with its operator class. */
Test(django, index_of_opclass_expressions)
{
	struct buf out = BUF_INIT;

	initial();
	put("teams/migrations/0002_name_ops.py",
	    HEADER "from django.contrib.postgres.indexes import OpClass, "
		   "SpGistIndex\n\n"
		   "class Migration(migrations.Migration):\n"
		   "    dependencies = [('teams', '0001_initial')]\n"
		   "    operations = [migrations.AddIndex(model_name='team', "
		   "index=SpGistIndex(OpClass('name', name='text_ops'), "
		   "name='team_name_ops'))]\n");
	cr_expect_eq(run_test_dir(ARGS("sql", "teams"), &out), 0, "%s",
		     buf_str(&out));
	cr_expect(test_has(&out, "CREATE INDEX \"team_name_ops\" ON "
				 "\"teams_team\" USING spgist (\"name\" "
				 "text_ops);\n"),
		  "%s", buf_str(&out));
	buf_release(&out);
}
