from django.db import migrations, models
import django.db.models.deletion

import catalog.fields


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
    ]

    operations = [
        # to_field: the column has the target field's type
        migrations.AddField(
            model_name='product',
            name='brand_slug',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalog.brand', to_field='slug'),
        ),
        migrations.AddField(
            model_name='product',
            name='parent',
            field=catalog.fields.ParentalKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='catalog.product'),
        ),
        migrations.AddField(
            model_name='product',
            name='handle',
            field=models.SlugField(default='', max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='product',
            name='stock',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='product',
            name='ean',
            field=models.CharField(max_length=13, null=True, unique=True),
        ),
    ]
