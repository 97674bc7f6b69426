# The CHECK ("rank" >= 0) of a positive integer field names its column:
# Django drops it and adds it again for the new name.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tags', '0005_tag_rank'),
    ]

    operations = [
        migrations.RenameField(
            model_name='tag',
            old_name='rank',
            new_name='position',
        ),
    ]
