from django.urls import path

from yankao.search import api, views

app_name = "search"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/api/", api.search, name="api_search"),
    path("search/api/answer/", api.answer, name="api_answer"),
    path("office/search/sources/", views.sources, name="sources"),
    path("office/search/sources/<int:pk>/", views.source_edit, name="source_edit"),
    path("office/search/sources/<int:pk>/crawl/", views.source_crawl, name="source_crawl"),
]
