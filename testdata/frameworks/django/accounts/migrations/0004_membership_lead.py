# Written by hand: the safe steps, but Django's transaction is still
# around them, so the CONCURRENTLY index cannot be built here.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_alter_profile_backup_team'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql="ALTER TABLE accounts_membership ADD COLUMN lead_id bigint NULL;",
                    reverse_sql="ALTER TABLE accounts_membership DROP COLUMN lead_id;",
                ),
                migrations.RunSQL(
                    sql="CREATE INDEX CONCURRENTLY accounts_membership_lead_id_idx "
                        "ON accounts_membership (lead_id);",
                    reverse_sql="DROP INDEX CONCURRENTLY accounts_membership_lead_id_idx;",
                ),
                migrations.RunSQL(
                    sql="""
                        SET lock_timeout = '5s';
                        ALTER TABLE accounts_membership
                            ADD CONSTRAINT membership_lead_fk
                            FOREIGN KEY (lead_id) REFERENCES accounts_profile (id)
                            NOT VALID;
                    """,
                    reverse_sql="ALTER TABLE accounts_membership DROP CONSTRAINT membership_lead_id_fk;",
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name='membership',
                    name='lead',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='accounts.profile'),
                ),
            ],
        ),
    ]
