from django.urls import path

from yankao.registers.events import views

app_name = "registers_events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
]
