"""The real MP directory in the test database.

`mp_directory` (needs `db` or `transactional_db`) imports settings.MP_DATA_DIR (the
MP_DATA_DIR environment variable, else ../shared/data/mp) with `import_mps --csv`: 343 ridings,
337 sitting MPs, 6 vacant seats. It takes a few queries.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

MP_DATA_DIR = Path(settings.MP_DATA_DIR)


def import_directory():
    call_command("import_mps", csv=settings.MP_DATA_DIR, stdout=io.StringIO())


@pytest.fixture
def mp_directory(db):
    """Load the real ridings and MPs; returns the folder they came from."""
    import_directory()
    return settings.MP_DATA_DIR
