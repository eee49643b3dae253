"""Small pieces the works services share: permission checks, numbers, percentages, photos."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

MAX_PHOTO_BYTES = 15 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def percent(value: Any, label: str) -> Decimal:
    """A percentage 0–100 with two decimals; a clear message otherwise."""
    try:
        number = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, AttributeError):
        raise ValidationError(f"{label}「{value}」不是數字。") from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValidationError(f"{label}須介於 0 至 100 之間（收到 {value}）。")
    return number.quantize(Decimal("0.01"))


def score_value(value: Any, label: str = "評分") -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, AttributeError):
        raise ValidationError(f"{label}「{value}」不是數字。") from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValidationError(f"{label}須介於 0 至 100 分之間（收到 {value}）。")
    return number.quantize(Decimal("0.01"))


def next_number(model: type[Model], *, prefix: str, field: str = "number", width: int = 4) -> str:
    """`prefix` + the next sequence number among records whose number starts with `prefix`."""
    last = (
        model._default_manager.filter(**{f"{field}__startswith": prefix})
        .order_by(f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
    sequence = int(str(last)[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:0{width}d}"


def check_image(upload: Any) -> str:
    """Return the content type of an uploaded photo, or raise if it is not an image we accept."""
    from PIL import Image, UnidentifiedImageError

    name = getattr(upload, "name", "照片")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise ValidationError(f"照片「{name}」超過 15 MB。")
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(f"「{name}」不是可辨識的圖片檔（請上傳 JPEG、PNG、WebP 或 GIF）。") from None
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(f"「{name}」的圖片格式 {fmt} 不支援（請上傳 JPEG、PNG、WebP 或 GIF）。")
    return IMAGE_FORMATS[fmt]
