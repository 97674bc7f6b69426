import django.contrib.postgres.indexes
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('tags', '0002_remove_tag_brands'),
    ]

    operations = [
        # multi-table inheritance: the parent link is auto-created, so it is
        # the table's first column whatever its place in the list
        migrations.CreateModel(
            name='SpecialTag',
            fields=[
                ('note', models.TextField(blank=True)),
                ('tag_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='tags.tag')),
            ],
            bases=('tags.tag',),
        ),
        migrations.AddIndex(
            model_name='tag',
            index=django.contrib.postgres.indexes.GinIndex(fields=['aliases'], name='tag_aliases_gin'),
        ),
        migrations.AlterField(
            model_name='tag',
            name='name',
            field=models.CharField(db_index=True, max_length=50),
        ),
    ]
