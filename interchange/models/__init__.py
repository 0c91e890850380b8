from interchange.models.answers_import import AnswersImport, ColumnMapping
from interchange.models.vendor_list_import import VendorListImport

__all__ = ["AnswersImport", "ColumnMapping", "VendorListImport"]
