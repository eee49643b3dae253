from django.contrib import admin

from yankao.registers.security import models

for model in (
    models.AuditPlan,
    models.Auditor,
    models.Briefing,
    models.SecurityAudit,
    models.AuditFinding,
    models.RedTeamExercise,
    models.TestedSystem,
    models.MaturityTarget,
    models.MaturityAssessment,
):
    admin.site.register(model)
