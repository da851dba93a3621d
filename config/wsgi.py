import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Refuse to start serving without a secret key: reading an empty one raises
# ImproperlyConfigured here, instead of a 500 on the first request.
_ = settings.SECRET_KEY
