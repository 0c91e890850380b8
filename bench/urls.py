from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/plain-form/<str:name>/", views.plain_form),
    path("bench/one-update/<int:answer_id>/", views.one_update),
    path("bench/plain-review/<str:name>/", views.plain_review),
    path("bench/plain-queue/<str:name>/", views.plain_queue),
    path("bench/plain-history/<str:name>/", views.plain_history),
    path("bench/plain-picker/<str:name>/", views.plain_picker),
    path("", include("config.urls")),
]
