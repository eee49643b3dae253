from django.contrib import admin

from yankao.registers.workreports.models import Compilation, Section

admin.site.register(Compilation)
admin.site.register(Section)
