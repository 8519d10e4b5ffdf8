"""Use cases shared by the command line and the pages (access checks, sign-in rules, the
upload preview)."""
