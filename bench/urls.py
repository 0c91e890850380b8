from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/plain-form/<str:name>/", views.plain_form),
    path("bench/one-update/<int:answer_id>/", views.one_update),
    path("bench/plain-review/<str:name>/", views.plain_review),
    path("bench/plain-queue/<str:name>/", views.plain_queue),
    path("", include("config.urls")),
]
