"""JSON API of the works app (figures for the annual report and PCC's performance review)."""

from yankao.works.views.overview import figures_api

__all__ = ["figures_api"]
