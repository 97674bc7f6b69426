# A model renamed in the migration that creates it: the keys and indexes
# Django defers to the end follow the new table name, and a field renamed
# there, the new column.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='Shelf',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
        ),
        migrations.CreateModel(
            name='NewItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('shelf', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='lib.shelf')),
            ],
        ),
        migrations.RenameModel(
            old_name='NewItem',
            new_name='Item',
        ),
        migrations.AddField(
            model_name='item',
            name='box',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='lib.shelf'),
        ),
        migrations.RenameField(
            model_name='item',
            old_name='box',
            new_name='crate',
        ),
    ]
