from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tags', '0006_rename_rank'),
    ]

    operations = [
        migrations.AlterField(
            model_name='tag',
            name='position',
            field=models.IntegerField(default=0),
        ),
    ]
