"""Personal data (個人資料保護法): masking for lists and anywhere a citizen's data is not needed."""

from __future__ import annotations

import re
from typing import Any

_EMAIL = re.compile(r"^([^@]{1,64})@(.+)$")
_DIGITS = re.compile(r"^[\d\-+() ]{6,}$")


def mask_name(name: str) -> str:
    name = name.strip()
    if len(name) <= 1:
        return "○" if name else ""
    if len(name) == 2:
        return name[0] + "○"
    return name[0] + "○" * (len(name) - 2) + name[-1] if name.isascii() else name[0] + "○" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 7) + digits[-3:]


def mask_email(email: str) -> str:
    match = _EMAIL.match(email.strip())
    if not match:
        return mask_name(email)
    local, domain = match.groups()
    return f"{local[0]}***@{domain}"


def mask_value(value: Any, keep: int = 1) -> str:
    if value is None:
        return ""
    text = str(value)
    if not text:
        return ""
    if "@" in text:
        return mask_email(text)
    if _DIGITS.match(text):
        return mask_phone(text)
    return mask_name(text)
