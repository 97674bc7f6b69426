# Renaming the primary key that a key references by to_field: the
# constraint follows the column; the AlterField that makeigrations writes
# for the new to_field sends nothing.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('lib', '0002_task_run'),
    ]

    operations = [
        migrations.RenameField(
            model_name='task',
            old_name='tid',
            new_name='pulp_id',
        ),
        migrations.AlterField(
            model_name='run',
            name='task',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='lib.task', to_field='pulp_id'),
        ),
    ]
