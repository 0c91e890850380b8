from django.urls import path

from sso import views

urlpatterns = [
    path("start/", views.sso_start, name="sso-start"),
    path("callback/", views.sso_callback, name="sso-callback"),
]
