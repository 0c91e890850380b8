from django.urls import path

from vendors import views

app_name = "vendors"

urlpatterns = [
    path("", views.vendor_list_view, name="list"),
    path("new/", views.vendor_create_view, name="create"),
    path("<uuid:pk>/", views.vendor_detail_view, name="detail"),
    path("<uuid:pk>/edit/", views.vendor_edit_view, name="edit"),
    path("<uuid:pk>/offerings/new/", views.offering_create_view, name="offering-create"),
    path("<uuid:pk>/contacts/new/", views.contact_create_view, name="contact-create"),
]
