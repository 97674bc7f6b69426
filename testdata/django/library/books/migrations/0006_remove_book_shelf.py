from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('books', '0005_book_title_idx'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='book',
            name='shelf',
        ),
        migrations.DeleteModel(
            name='Shelf',
        ),
    ]
