# Shapes real projects use: a module-level constant, a list with params,
# concatenated and raw strings, comments, RunPython beside RunSQL, noop.
import textwrap

from django.db import migrations

VALIDATE_LEAD = textwrap.dedent("""
    ALTER TABLE accounts_membership VALIDATE CONSTRAINT membership_lead_fk;
""")


def forwards(apps, schema_editor):
    Membership = apps.get_model('accounts', 'Membership')
    Membership.objects.filter(role='').update(role="member")  # not SQL we audit


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('accounts', '0005_membership_coach'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunSQL(VALIDATE_LEAD, migrations.RunSQL.noop),
        migrations.RunSQL(
            [
                # the (sql, params) shape: %s is a parameter
                ("UPDATE accounts_membership SET role = %s WHERE role = ''", ['member']),
                (r"ALTER TABLE accounts_membership "
                 r"VALIDATE CONSTRAINT membership_coach_fk"),
            ],
            reverse_sql=migrations.RunSQL.noop,
            elidable=False,
        ),
        migrations.RunSQL(
            'COMMENT ON TABLE accounts_membership IS \'who is in which team\';'
            " -- 100% safe",
            reverse_sql='',
        ),
    ]
