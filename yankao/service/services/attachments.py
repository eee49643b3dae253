"""Checking attachments before anything is saved: count, size, and type by content (not by name)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from yankao.service.models import ServicePolicy

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    content: ContentFile


def _sniff(data: bytes) -> str | None:
    """The real type of the file: a photo Pillow can open, or a PDF; None otherwise."""
    if data.startswith(b"%PDF-"):
        return PDF_TYPE
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return IMAGE_TYPES.get(image.format or "")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def _safe_name(name: str, content_type: str) -> str:
    stem = "".join(ch for ch in Path(name).stem if ch.isalnum() or ch in "-_")[:60] or "file"
    ext = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}.get(
        content_type, ".pdf"
    )
    return stem + ext


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{size} 位元組"


def attachments_check(files: Any, *, policy: ServicePolicy) -> list[CheckedFile]:
    """Read and check every file; raise one ValidationError naming each bad file."""
    files = [f for f in (files or []) if f]
    errors: list[str] = []
    if len(files) > policy.attachment_max_count:
        errors.append(f"附件最多 {policy.attachment_max_count} 個（收到 {len(files)} 個）")
    checked: list[CheckedFile] = []
    limit = size_label(policy.attachment_max_bytes)
    for upload in files:
        name = getattr(upload, "name", "file") or "file"
        size = getattr(upload, "size", None)
        if size is not None and size > policy.attachment_max_bytes:
            errors.append(f"「{name}」超過 {limit} 上限")
            continue
        data = upload.read()
        if len(data) > policy.attachment_max_bytes:
            errors.append(f"「{name}」超過 {limit} 上限")
            continue
        content_type = _sniff(data)
        if content_type is None:
            errors.append(f"「{name}」不是可接受的照片（JPEG、PNG、GIF、WebP）或 PDF 文件")
            continue
        checked.append(
            CheckedFile(name[:200], content_type, len(data), ContentFile(data, name=_safe_name(name, content_type)))
        )
    if errors:
        raise ValidationError({"attachments": errors})
    return checked
