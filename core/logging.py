"""Log filters for the console.

`make run` starts the worker after `load_campaign_content` has queued hundreds of Wagtail's own
bookkeeping tasks (the reference index, the search index): two lines each would bury the admin
login it prints. Their routine lines are dropped; their failures and every line of the
project's own tasks (letters, mail) stay."""

import logging

HOUSEKEEPING_TASK_PREFIXES = ("wagtail.", "modelsearch.")


class QuietHousekeepingTasks(logging.Filter):
    """Drops routine (below WARNING) django.tasks lines about Wagtail's bookkeeping tasks."""

    def filter(self, record):
        if record.name != "django.tasks" or record.levelno >= logging.WARNING:
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        path = str(args[1]) if len(args) > 1 else ""
        return not path.startswith(HOUSEKEEPING_TASK_PREFIXES)
