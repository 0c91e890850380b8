from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/plain-form/<str:name>/", views.plain_form),
    path("bench/one-update/<int:answer_id>/", views.one_update),
    path("", include("config.urls")),
]
