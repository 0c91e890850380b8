import logging

from core.middleware import request_id_var


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every log record (\"-\" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True
