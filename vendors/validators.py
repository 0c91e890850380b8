from django.core.validators import URLValidator

# Only web links: a javascript: or data: URL in a vendor record would run in a reader's browser.
web_url_validator = URLValidator(schemes=["http", "https"])
