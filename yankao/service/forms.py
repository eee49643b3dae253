"""Forms of the service app: input parsing only; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from yankao.core.forms import ROCDateField
from yankao.org.models import Agency, District
from yankao.service.models import Call, Category, FirstAidService, LegalServicePoint
from yankao.service.models.cases import CaseType, Channel, Difficulty, ReplyChannel, Status
from yankao.service.timeparse import parse_when


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class WhenField(forms.CharField):
    """A date-time typed as 113/03/05 14:22 or 2024-03-05 14:22."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "例如 113/03/05 14:22")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_when(text)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


def public_categories() -> Any:
    return Category.objects.filter(is_active=True, is_public=True).order_by("sort_order")


class LocationMixin(forms.Form):
    address = forms.CharField(
        label="地址或地點", max_length=200, required=False, help_text="例如 高雄市苓雅區四維三路2號"
    )
    lat = forms.DecimalField(label="緯度", required=False, max_digits=9, decimal_places=6, help_text="地圖定位（選填）")
    lng = forms.DecimalField(label="經度", required=False, max_digits=9, decimal_places=6)


class ContactMixin(forms.Form):
    contact_name = forms.CharField(
        label="姓名", max_length=60, required=False, help_text="不填即為匿名陳情，機關得不予回覆"
    )
    contact_phone = forms.CharField(label="行動電話", max_length=30, required=False)
    contact_email = forms.EmailField(label="電子郵件", required=False)
    reply_channel = forms.ChoiceField(label="回覆方式", choices=ReplyChannel.choices, initial=ReplyChannel.EMAIL)
    may_contact = forms.BooleanField(label="同意承辦人員與我聯繫", required=False, initial=True)


class CaseFileForm(LocationMixin, ContactMixin):
    """市民線上陳情／報案."""

    category = forms.ModelChoiceField(label="反映類別", queryset=Category.objects.none(), empty_label="請選擇")
    description = forms.CharField(label="反映內容", widget=forms.Textarea(attrs={"rows": 6}))
    photos = MultipleFileField(
        label="照片或文件", required=False, help_text="JPEG、PNG、GIF、WebP 或 PDF，最多 5 個，每個 10 MB 以內"
    )
    field_order = ["category", "description", "address", "lat", "lng", "photos"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = public_categories()  # type: ignore[attr-defined]
        self.fields["photos"].widget.attrs["accept"] = "image/*,application/pdf"


class IntakeForm(CaseFileForm):
    """聯合服務中心登錄案件 (phone, counter, letter, fax, LINE video…)."""

    channel = forms.ChoiceField(label="受理管道", choices=Channel.choices)
    type = forms.ChoiceField(label="案件類型", choices=[("", "依類別"), *list(CaseType.choices)], required=False)
    difficulty = forms.ChoiceField(label="難易度", choices=[("", "—"), *list(Difficulty.choices)], required=False)
    field_order = ["channel", "category", "type", "difficulty", "description", "address", "lat", "lng", "photos"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)  # type: ignore[attr-defined]


class TrackForm(forms.Form):
    number = forms.CharField(label="案號", max_length=30)
    code = forms.CharField(label="查詢碼", max_length=12, help_text="受理時取得的 8 碼查詢碼")


class SurveyForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label="您對本案的處理結果滿意嗎？",
        choices=[("1", "滿意"), ("0", "不滿意")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    score = forms.TypedChoiceField(
        label="整體評分（1 最低，5 最高）",
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="其他意見", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NoteForm(VersionForm):
    note = forms.CharField(label="說明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(VersionForm):
    text = forms.CharField(label="回覆內容", widget=forms.Textarea(attrs={"rows": 5}))


class ReasonForm(VersionForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


def agency_choices() -> Any:
    return Agency.objects.filter(city__code=settings.YANKAO_CITY_CODE, is_active=True).order_by("sort_order", "code")


class TransferForm(ReasonForm):
    to_agency = forms.ModelChoiceField(
        label="改分機關", queryset=Agency.objects.none(), required=False, empty_label="退回聯合服務中心"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = agency_choices()  # type: ignore[attr-defined]


class AssignForm(VersionForm):
    agency = forms.ModelChoiceField(label="分送機關", queryset=Agency.objects.none(), empty_label="請選擇")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_choices()  # type: ignore[attr-defined]


class DuplicateForm(VersionForm):
    original = forms.CharField(label="原案案號", max_length=30)


class ExtensionForm(VersionForm):
    until = ROCDateField(label="展延至（日期）")
    reason = forms.CharField(label="展延理由（將告知陳情人）", widget=forms.Textarea(attrs={"rows": 2}))


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label="狀態", choices=[("", "全部"), *list(Status.choices)], required=False)
    category = forms.ModelChoiceField(
        label="類別", queryset=Category.objects.none(), required=False, empty_label="全部"
    )
    district = forms.ModelChoiceField(
        label="行政區", queryset=District.objects.none(), required=False, empty_label="全部"
    )
    channel = forms.ChoiceField(label="管道", choices=[("", "全部"), *list(Channel.choices)], required=False)
    overdue = forms.BooleanField(label="只看逾期", required=False)
    q = forms.CharField(label="案號", required=False, max_length=30)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[
            ("received", "受理時間（新到舊）"),
            ("received_asc", "受理時間（舊到新）"),
            ("deadline", "處理期限"),
            ("number", "案號"),
            ("status", "狀態"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()  # type: ignore[attr-defined]
        self.fields["district"].queryset = District.objects.filter(  # type: ignore[attr-defined]
            city__code=settings.YANKAO_CITY_CODE
        )


class CallForm(forms.Form):
    started_at = WhenField(label="開始時間")
    ended_at = WhenField(label="結束時間")
    type = forms.ChoiceField(label="類型", choices=Call.Type.choices)
    resolved_on_line = forms.TypedChoiceField(
        label="線上立即回覆（諮詢類）",
        choices=[("", "—"), ("1", "是"), ("0", "否")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    case_number = forms.CharField(label="錄案案號", max_length=30, required=False)
    satisfied = forms.TypedChoiceField(
        label="滿意度（受訪時）",
        choices=[("", "未受訪"), ("1", "滿意"), ("0", "不滿意")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )


class LegalBookingForm(forms.Form):
    point = forms.ModelChoiceField(label="服務據點", queryset=LegalServicePoint.objects.filter(is_active=True))
    scheduled_at = WhenField(label="預約時段")
    name = forms.CharField(label="姓名", max_length=60)
    phone = forms.CharField(label="電話", max_length=30, required=False)
    topic = forms.CharField(label="諮詢主題", max_length=100, required=False)


class FirstAidForm(forms.Form):
    served_at = WhenField(label="服務時間")
    kind = forms.ChoiceField(label="類別", choices=FirstAidService.Kind.choices)
    note = forms.CharField(label="備註", max_length=300, required=False)


class SignLanguageForm(forms.Form):
    started_at = WhenField(label="開始時間")
    ended_at = WhenField(label="結束時間")
    purpose = forms.ChoiceField(
        label="服務內容",
        choices=[("consultation", "市政諮詢"), ("petition", "陳情"), ("dispatch", "派工"), ("other", "其他")],
    )
    note = forms.CharField(label="備註", max_length=300, required=False)


class PeriodForm(forms.Form):
    period = forms.CharField(
        label="期間", required=False, max_length=20, help_text="年（113 或 2024）、半年（113H1）或月（113/03）"
    )
    start = ROCDateField(label="起日", required=False)
    end = ROCDateField(label="迄日", required=False)


class FaqForm(forms.Form):
    question = forms.CharField(label="問題", max_length=200)
    answer = forms.CharField(label="回答", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    agency = forms.ModelChoiceField(label="權責機關", queryset=Agency.objects.none())
    category = forms.ModelChoiceField(
        label="案件類別", queryset=Category.objects.none(), required=False, empty_label="（不指定）"
    )
    is_published = forms.BooleanField(label="公開", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["category"].queryset = Category.objects.filter(is_active=True)  # type: ignore[attr-defined]
