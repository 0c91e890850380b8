from django.contrib import admin

from vendors.models import Contact, Offering, Vendor


class OfferingInline(admin.TabularInline):
    model = Offering
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "website", "created_at")
    search_fields = ("name", "country")
    inlines = [OfferingInline, ContactInline]
    readonly_fields = ("created_by", "created_at", "updated_at")


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ("name", "vendor", "deployment_model", "created_at")
    list_filter = ("deployment_model",)
    search_fields = ("name", "vendor__name")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "vendor", "role")
    search_fields = ("name", "email", "vendor__name")
