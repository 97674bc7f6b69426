from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lib', '0004_special_shelf'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='run',
            name='special',
        ),
        migrations.DeleteModel(
            name='SpecialShelf',
        ),
    ]
