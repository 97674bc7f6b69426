# A ForeignKey subclass, as modelcluster's ParentalKey and mptt's
# TreeForeignKey are: the same column and constraint as a ForeignKey.
from django.db import models


class ParentalKey(models.ForeignKey):
    pass
