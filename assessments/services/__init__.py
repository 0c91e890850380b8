"""Writes to assessments: one state change, one service, called by views, API, tasks, commands."""
