from django.contrib import admin

from yankao.registers.overseas.models import SubmissionRule, TripRecommendation, TripReport

admin.site.register(SubmissionRule)
admin.site.register(TripReport)
admin.site.register(TripRecommendation)
