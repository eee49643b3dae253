"""Views of the participation app: `public` for citizens, `office` for staff."""
