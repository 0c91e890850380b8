"""The REST API (/api/v1/), one module per feature, thin views over the same services as the
browser pages. Refused changes map to HTTP in one place (core/api_errors.py); serializers.py
holds the shapes."""
