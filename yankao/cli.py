"""The `yankao` console command: `manage.py` under a shorter name.

yankao demo --scale 1
yankao audit verify
yankao db_worker
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yankao", *sys.argv[1:]])


if __name__ == "__main__":
    main()
