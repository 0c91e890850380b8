"""REST API of the vendor catalogue. Reads go through the selectors, writes through the same
services as the browser pages; a service's ValidationError becomes a 400 with field errors."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics

from core.permissions import can_edit_catalogue
from vendors.models import Contact, Offering, Vendor
from vendors.selectors import (
    contact_list_for_vendor,
    offering_list_for_vendor,
    vendor_get_for_user,
    vendor_list,
)
from vendors.serializers import ContactSerializer, OfferingSerializer, VendorSerializer
from vendors.services import contact_create, offering_create, vendor_create, vendor_update


class CatalogueApi:
    # Every role reads; only catalogue editors write (ReadRole checks before any handler runs).
    # staticmethod: ReadRole calls view.write_check(user) on the view instance.
    write_check = staticmethod(can_edit_catalogue)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description="Matches the vendor's name, country or one of its offerings' names.",
            )
        ]
    )
)
class VendorListCreateApi(CatalogueApi, generics.ListCreateAPIView):
    """Vendors, by name. Creating one needs the procurement or admin role."""

    serializer_class = VendorSerializer

    def get_queryset(self):
        query = self.request.query_params.get("search", "")
        return vendor_list(user=self.request.user, query=query)

    def perform_create(self, serializer):
        vendor = vendor_create(actor=self.request.user, **serializer.validated_data)
        # Re-read through the getter so the response carries offerings_count like every read.
        serializer.instance = vendor_get_for_user(user=self.request.user, pk=vendor.pk)


class VendorDetailApi(CatalogueApi, generics.RetrieveUpdateAPIView):
    """One vendor. PATCH changes only the fields sent; it needs the procurement or admin role."""

    serializer_class = VendorSerializer
    queryset = Vendor.objects.none()  # for the schema; objects come from get_object
    # PATCH only: a PUT that omits a field would silently blank it.
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Vendor:
        return vendor_get_for_user(user=self.request.user, pk=self.kwargs["id"])

    def perform_update(self, serializer):
        vendor = vendor_update(
            actor=self.request.user,
            vendor=serializer.instance,
            **serializer.validated_data,
        )
        serializer.instance = vendor_get_for_user(user=self.request.user, pk=vendor.pk)


class _VendorChildApi(CatalogueApi, generics.ListCreateAPIView):
    # One vendor's offerings or contacts, always reached through the vendor's getter.

    vendor: Vendor

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After the role checks, before any body is read: an unknown vendor is a 404, not a 400.
        self.vendor = vendor_get_for_user(user=request.user, pk=kwargs["vendor_id"])


class VendorOfferingListCreateApi(_VendorChildApi):
    """The vendor's offerings (products or services). Adding one needs procurement or admin."""

    serializer_class = OfferingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request kwargs
            return Offering.objects.none()
        return offering_list_for_vendor(vendor=self.vendor)

    def perform_create(self, serializer):
        serializer.instance = offering_create(
            actor=self.request.user,
            vendor=self.vendor,
            **serializer.validated_data,
        )


class VendorContactListCreateApi(_VendorChildApi):
    """The vendor's contacts. Adding one needs the procurement or admin role."""

    serializer_class = ContactSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request kwargs
            return Contact.objects.none()
        return contact_list_for_vendor(vendor=self.vendor)

    def perform_create(self, serializer):
        serializer.instance = contact_create(
            actor=self.request.user,
            vendor=self.vendor,
            **serializer.validated_data,
        )
