"""API shapes. They check types and lengths only; the services decide what is allowed."""

from rest_framework import serializers

from vendors.models import Contact, Offering, Vendor


class VendorSerializer(serializers.ModelSerializer):
    offerings_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Vendor
        fields = [
            "id",
            "name",
            "website",
            "country",
            "notes",
            "created_at",
            "updated_at",
            "offerings_count",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class OfferingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offering
        fields = ["id", "vendor", "name", "description", "deployment_model", "created_at"]
        read_only_fields = ["id", "vendor", "created_at"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "email", "role", "phone"]
        read_only_fields = ["id"]
