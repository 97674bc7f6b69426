from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('books', '0004_alter_book_author'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='book',
            index=models.Index(fields=['title'], name='books_title_idx'),
        ),
        migrations.RunSQL(
            "UPDATE books_book SET title = upper(title) WHERE id < 0;",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
