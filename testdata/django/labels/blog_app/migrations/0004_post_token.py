from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('blog', '0003_tags_archive'),
    ]

    operations = [
        # default=0 for a key to a UUID: saved as UUID(int=0)
        migrations.AddField(
            model_name='post',
            name='token',
            field=models.ForeignKey(default=0, on_delete=django.db.models.deletion.CASCADE, to='blog.token'),
            preserve_default=False,
        ),
    ]
