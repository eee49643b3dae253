"""Governance registers (issue #8): one package of small apps, one per register.

`yankao.registers` itself is an app (label `registers`) holding the registers' home page, the
shared view helpers and templates; each register is its own app below it with the standard file
shape and `label = "registers_<name>"`. See docs/registers.md.
"""

REGISTER_APPS = [
    "yankao.registers",
    "yankao.registers.council",
    "yankao.registers.doctime",
    "yankao.registers.risks",
    "yankao.registers.quality",
    "yankao.registers.research",
    "yankao.registers.overseas",
    "yankao.registers.security",
    "yankao.registers.events",
    "yankao.registers.workreports",
]
