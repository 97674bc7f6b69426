# A proxy model has no table: a key to it references its concrete model's.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('lib', '0003_rename_task_key'),
    ]

    operations = [
        migrations.CreateModel(
            name='SpecialShelf',
            fields=[
            ],
            options={
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('lib.shelf',),
        ),
        migrations.AddField(
            model_name='run',
            name='special',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='lib.specialshelf'),
        ),
    ]
