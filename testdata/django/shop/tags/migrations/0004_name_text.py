from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tags', '0003_kinds'),
    ]

    operations = [
        # varchar to text: the _like index (varchar_pattern_ops) goes
        migrations.AlterField(
            model_name='tag',
            name='name',
            field=models.TextField(db_index=True),
        ),
    ]
