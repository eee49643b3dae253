"""Local development and the demo: SQLite by default, console mail."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
ACCOUNT_EMAIL_VERIFICATION = "optional"
