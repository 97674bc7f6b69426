# The same steps with atomic = False: each statement runs on its own.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('accounts', '0004_membership_lead'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE accounts_membership ADD COLUMN coach_id bigint NULL",
                    "ALTER TABLE accounts_membership DROP COLUMN coach_id",
                ),
                migrations.RunSQL(
                    "CREATE INDEX CONCURRENTLY accounts_membership_coach_id_idx "
                    "ON accounts_membership (coach_id)",
                    "DROP INDEX CONCURRENTLY accounts_membership_coach_id_idx",
                ),
                migrations.RunSQL(
                    sql=[
                        "SET lock_timeout = '5s'",
                        "ALTER TABLE accounts_membership ADD CONSTRAINT membership_coach_fk "
                        "FOREIGN KEY (coach_id) REFERENCES accounts_profile (id) NOT VALID",
                    ],
                    reverse_sql=["ALTER TABLE accounts_membership DROP CONSTRAINT membership_coach_fk"],
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name='membership',
                    name='coach',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.profile'),
                ),
            ],
        ),
    ]
