"""The vendor's pages, under /vendor/. Reached without a Django login by design: the invitation
link, then a vendor session (assessments.portal.access), decide what they open."""

from django.urls import path

from assessments.portal import views

app_name = "vendor"

urlpatterns = [
    path("invite/<str:token>/", views.invitation_link, name="invite"),
    path("assessments/<uuid:pk>/", views.vendor_form, name="form"),
    path(
        "assessments/<uuid:pk>/answers/<str:question_key>/",
        views.vendor_answer,
        name="answer",
    ),
    path("assessments/<uuid:pk>/evidence/", views.vendor_evidence, name="evidence"),
    path("assessments/<uuid:pk>/done/", views.vendor_done, name="done"),
]
