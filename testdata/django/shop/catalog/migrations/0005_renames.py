from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_constraints'),
        ('orders', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(
            model_name='product',
            old_name='brand',
            new_name='maker',
        ),
        migrations.RenameModel(
            old_name='Product',
            new_name='Item',
        ),
        migrations.RemoveConstraint(
            model_name='item',
            name='product_live_sku',
        ),
        migrations.RemoveIndex(
            model_name='item',
            name='product_title_like',
        ),
    ]
