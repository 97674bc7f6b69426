# A custom operation and a field class fkaudit does not know: each is
# reported as not audited, with its line.
from django.db import migrations, models

import app.operations
import app.fields


class Migration(migrations.Migration):

    initial = True

    operations = [
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(primary_key=True)),
                ('colour', app.fields.ColourField(max_length=7)),
            ],
        ),
        app.operations.AddFieldIfNotExists(
            model_name='tag',
            name='label',
            field=models.CharField(max_length=40),
        ),
    ]
