import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0005_renames'),
    ]

    operations = [
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50)),
                ('aliases', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=20), blank=True, size=None)),
                ('related', models.ManyToManyField(blank=True, to='tags.Tag')),
                ('items', models.ManyToManyField(related_name='tags', to='catalog.Item')),
            ],
        ),
        migrations.AddField(
            model_name='tag',
            name='brands',
            field=models.ManyToManyField(to='catalog.Brand'),
        ),
        migrations.AlterOrderWithRespectTo(
            name='tag',
            order_with_respect_to='id',
        ),
    ]
