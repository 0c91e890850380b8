"""The friendly 404 page also under DEBUG.

With DEBUG on, Django answers a 404 with its technical page, which lists every URL pattern of the
site. `make run` runs with DEBUG, so that is what a person trying the product would meet. This
middleware shows the site's own 404 page instead, unless DJANGO_DEBUG_PAGES=1 asks for Django's.
Without DEBUG it does nothing: Django already renders templates/404.html through handler404.
"""

from django.conf import settings
from django.http import Http404

from core.views import not_found


def _wants_friendly_pages() -> bool:
    return settings.DEBUG and not settings.DEBUG_PAGES


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A path that matched no route never gets a resolver_match, and its 404 never passes
        # through process_exception: it comes back here as Django's technical page. A view's
        # own 404 page (the vendor portal has one) has a resolver_match and is left alone.
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and _wants_friendly_pages()
        ):
            return not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        """A view (or a getter it called) raised Http404."""
        if isinstance(exception, Http404) and _wants_friendly_pages():
            return not_found(request, exception)
        return None
