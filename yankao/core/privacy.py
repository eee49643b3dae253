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


# personal data that may sit in free text (a crawled page, a proposal, an answer written for the
# public): never published or indexed (個資法)
PERSONAL_DATA = [
    re.compile(r"[A-Za-z][12]\d{8}"),  # 身分證統一編號
    re.compile(r"(?<!\d)09\d{2}[-\s]?\d{3}[-\s]?\d{3}(?!\d)"),  # 手機
    re.compile(r"(?<!\d)0\d{1,2}[-\s)]\d{3,4}[-\s]?\d{4}(?!\d)"),  # 市話
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # 電子郵件
]


def personal_data_found(text: str) -> bool:
    return any(pattern.search(text) for pattern in PERSONAL_DATA)


def scrub_personal(text: str) -> str:
    """Replace ID numbers, phone numbers and e-mail addresses with ＊."""
    for pattern in PERSONAL_DATA:
        text = pattern.sub(lambda m: "＊" * len(m.group()), text)
    return text
