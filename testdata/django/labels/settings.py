# App labels that are not their folders' names, and a swappable user model.
# The database is the test's (tests/django_sqlmigrate.py sets the variables).
import os

INSTALLED_APPS = [
    'accounts_app.apps.AccountsConfig',
    'blog_app.apps.BlogConfig',
]
AUTH_USER_MODEL = 'members.Member'
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'HOST': os.environ.get('FKAUDIT_PGHOST', ''),
        'NAME': os.environ.get('FKAUDIT_PGDATABASE', 'labels'),
        'USER': 'postgres',
    },
}
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
USE_TZ = True
