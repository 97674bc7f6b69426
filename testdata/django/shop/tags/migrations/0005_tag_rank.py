from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tags', '0004_name_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='tag',
            name='rank',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
