"""Demo: client applications of the Open311 API and the service requests they posted.

Through the real services: keys are issued with `api_client_create` (the keys themselves are
not kept: re-issue one in the back office to try the API), requests are posted with
`request_submit` under an idempotency key (so a re-run posts nothing twice), and a few
citizens' comments arrive through `request_update_post`. The cases of the 113 reference
year are the service app's demo; the open-data figures read them (docs/open311.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from yankao.core.demo import DemoContext
from yankao.open311 import selectors, services
from yankao.open311.models import ApiClient

CLIENTS = [
    ("FixMyStreet 高雄（示範）", "高雄市民間社群", 600),
    ("高雄數位市民 App（示範）", "高雄市政府資訊中心", 1200),
    ("里長通報 App（示範）", "民政局", 300),
]
# (service code, attributes, description, address, lat, long)
REQUESTS: list[tuple[str, dict[str, Any], str, str, str, str]] = [
    ("D01", {"attribute[size]": "medium"}, "機車道上有坑洞，夜間很危險", "高雄市苓雅區四維三路", "22.6206", "120.3126"),
    ("D03", {"attribute[pole_number]": "KH-0231"}, "整排路燈不亮", "高雄市鳳山區光復路二段", "22.6273", "120.3571"),
    ("D04", {"attribute[fault][]": ["dark"]}, "路口紅綠燈全暗", "高雄市前鎮區中山二路", "22.6047", "120.3015"),
    ("D12", {}, "電線桿上貼滿小廣告", "高雄市三民區建國二路", "22.6390", "120.3020"),
    ("D13", {}, "公園溜滑梯破損", "高雄市左營區博愛三路", "22.6790", "120.3070"),
    ("D16", {"attribute[source]": "construction"}, "夜間施工噪音", "高雄市楠梓區德賢路", "22.7270", "120.3080"),
]


def _clients() -> list[ApiClient]:
    found = []
    for name, contact, per_minute in CLIENTS:
        client = ApiClient.objects.filter(name=name).first()
        if client is None:
            client, _ = services.api_client_create(actor=None, name=name, contact=contact, per_minute=per_minute)
        found.append(client)
    return found


def populate(ctx: DemoContext) -> None:
    clients = _clients()
    now = timezone.now()
    count = ctx.count(120)
    for n in range(count):
        code, attributes, text, address, lat, lng = REQUESTS[n % len(REQUESTS)]
        data: dict[str, Any] = {
            "service_code": [code],
            "description": [f"{text}（示範 {n + 1}）"],
            "address_string": [address],
            "lat": [lat],
            "long": [lng],
            **{k: v if isinstance(v, list) else [v] for k, v in attributes.items()},  # type: ignore[attr-defined]
        }
        when = now - dt.timedelta(days=ctx.rng.uniform(0, 80), minutes=n)
        services.request_submit(client=clients[n % len(clients)], data=data, idempotency_key=f"demo-{n}", now=when)
    first = selectors.case_by_request_id(
        services.request_submit(
            client=clients[0], data={"service_code": ["D12"], "address_string": ["高雄市三民區建國二路"],
                                     "description": ["電線桿上貼滿小廣告（示範 1）"]},
            idempotency_key="demo-update-target",
        ).payload[0]["service_request_id"]
    )  # fmt: skip
    if first is not None:
        services.request_update_post(
            client=clients[0],
            data={"service_request_id": [first.number], "update_id": ["demo-1"], "description": ["還沒處理嗎？"]},
        )
    ctx.progress(f"  Open311：{len(clients)} 個應用程式、{count + 1} 件經 API 受理的案件")
