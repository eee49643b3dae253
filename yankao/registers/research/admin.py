from django.contrib import admin

from yankao.registers.research.models import Milestone, Recommendation, ResearchProject

admin.site.register(ResearchProject)
admin.site.register(Milestone)
admin.site.register(Recommendation)
