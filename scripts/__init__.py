"""Maintenance scripts: run by hand, not by the bot (see each script's docstring)."""
