import django.contrib.postgres.operations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0002_comment'),
    ]

    operations = [
        django.contrib.postgres.operations.HStoreExtension(),
        # no fields: Django adds the automatic id, of DEFAULT_AUTO_FIELD
        # (BigAutoField in settings; the AppConfig's default_auto_field,
        # AutoField, does not count in migrations)
        migrations.CreateModel(
            name='Tag',
            fields=[
            ],
        ),
        migrations.AddField(
            model_name='tag',
            name='posts',
            field=models.ManyToManyField(to='blog.Post'),
        ),
        migrations.CreateModel(
            name='Token',
            fields=[
                ('id', models.UUIDField(primary_key=True, serialize=False)),
                ('label', models.CharField(max_length=20)),
                ('kind', models.CharField(max_length=10)),
                ('hits', models.IntegerField(default=0)),
            ],
            options={
                'indexes': [models.Index(fields=['label', 'kind'], name='blog_token_lk_idx')],
                'constraints': [models.UniqueConstraint(fields=('label',), name='blog_token_label_uniq'), models.UniqueConstraint(condition=models.Q(('hits', 0)), fields=('kind',), name='blog_token_unused_kind')],
            },
        ),
    ]
