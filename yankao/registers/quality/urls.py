from django.urls import path

from yankao.registers.quality import views

app_name = "registers_quality"
urlpatterns = [
    path("phone-tests/", views.plan_list, name="plan_list"),
    path("phone-tests/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("phone-tests/rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("phone-tests/rounds/<int:pk>/import/", views.round_import, name="round_import"),
    path("phone-tests/rounds/<int:pk>/letters/", views.round_letters, name="round_letters"),
    path("phone-tests/rounds/<int:pk>/letters/<int:agency_id>.<str:fmt>", views.round_letter, name="round_letter"),
    path("awards/", views.award_list, name="award_list"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
]
