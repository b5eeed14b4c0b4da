"""gunicorn's settings for this project (read from the working directory, or `-c gunicorn.conf.py`).

The access log (off unless `--access-logfile` is given) goes through `core.logging.redact`,
so an email link's token or a postal code never reaches it (docs/trust.md)."""

from core.logging import gunicorn_logger_class

logger_class = gunicorn_logger_class()
