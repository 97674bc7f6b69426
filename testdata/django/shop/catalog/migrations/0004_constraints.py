from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_alter_fields'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='product',
            constraint=models.UniqueConstraint(condition=models.Q(('deleted_at__isnull', True)), fields=('sku',), name='product_live_sku'),
        ),
        migrations.AddConstraint(
            model_name='product',
            constraint=models.UniqueConstraint(fields=('brand', 'handle'), name='product_brand_handle'),
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(fields=['title'], name='product_title_like', opclasses=['varchar_pattern_ops']),
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(condition=models.Q(('stock', 0)), fields=['-price'], name='product_sold_out'),
        ),
        migrations.AlterUniqueTogether(
            name='product',
            unique_together={('brand', 'sku')},
        ),
        migrations.AlterIndexTogether(
            name='product',
            index_together={('category', 'price')},
        ),
        migrations.AlterUniqueTogether(
            name='category',
            unique_together=set(),
        ),
    ]
