"""The vendor's pages, under /vendor/. Reached without a Django login by design: the invitation
link, then a vendor session (assessments.vendor_access), decide what they open."""

from django.urls import path

from assessments import vendor_views

app_name = "vendor"

urlpatterns = [
    path("invite/<str:token>/", vendor_views.invitation_link, name="invite"),
    path("assessments/<uuid:pk>/", vendor_views.vendor_form, name="form"),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/",
        vendor_views.vendor_answer,
        name="answer",
    ),
    path("assessments/<uuid:pk>/evidence/", vendor_views.vendor_evidence, name="evidence"),
    path("assessments/<uuid:pk>/done/", vendor_views.vendor_done, name="done"),
]
