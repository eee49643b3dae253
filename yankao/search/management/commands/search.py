"""`yankao search source add URL [--agency NAME]`, `yankao search source list`,
`yankao search index [--here]`, `yankao search query "TEXT" [--format json]`."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yankao.core.audit import audit_context
from yankao.org.models import Agency
from yankao.search import selectors, services, tasks
from yankao.search.models import Page


class Command(BaseCommand):
    help = "跨機關搜尋：source add URL｜source list｜index｜query TEXT"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        source = sub.add_parser("source", help="搜尋來源")
        actions = source.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="新增機關網站")
        add.add_argument("url")
        add.add_argument("--agency", default="", help="機關名稱或代碼")
        add.add_argument("--name", default="")
        add.add_argument("--sitemap", default="")
        add.add_argument("--feed", default="")
        add.add_argument("--include", default="", help="納入規則（正規表示式，多個以換行分隔）")
        add.add_argument("--exclude", default="")
        add.add_argument("--interval-hours", type=int, default=24)
        add.add_argument("--delay", type=float, default=1.0, help="兩次請求間隔秒數")
        add.add_argument("--max-pages", type=int, default=2000)
        actions.add_parser("list", help="列出來源")
        index = sub.add_parser("index", help="更新到期的來源與本系統公開資料，等待完成")
        index.add_argument("--all", action="store_true", help="不論是否到期，全部更新")
        index.add_argument("--timeout", type=int, default=3600)
        query = sub.add_parser("query", help="查詢")
        query.add_argument("text")
        query.add_argument("--format", choices=["text", "json"], default="text")
        query.add_argument("--mode", choices=["hybrid", "fulltext", "vector"], default="hybrid")
        query.add_argument("--type", default="", choices=["", *Page.Type.values])
        query.add_argument("--limit", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(channel="cli", label="yankao search"):
            if options["what"] == "source":
                self.source(options)
            elif options["what"] == "index":
                self.index(options)
            else:
                self.query(options)

    def source(self, options: dict[str, Any]) -> None:
        if options["action"] == "list":
            for s in selectors.source_list():
                self.stdout.write(
                    f"{s.pk}\t{s.name}\t{s.base_url or '（本系統）'}\t{s.page_count} 頁"  # type: ignore[attr-defined]
                    f"\t{s.last_report}"
                )
            return
        agency = None
        if options["agency"]:
            agency = (
                Agency.objects.filter(name=options["agency"]).first()
                or Agency.objects.filter(code=options["agency"]).first()
            )
            if agency is None:
                raise CommandError(f"找不到機關「{options['agency']}」")
        try:
            source = services.source_create(
                actor=None,
                base_url=options["url"],
                name=options["name"],
                agency=agency,
                sitemap_url=options["sitemap"],
                feed_url=options["feed"],
                include_patterns=options["include"],
                exclude_patterns=options["exclude"],
                interval_hours=options["interval_hours"],
                delay_seconds=options["delay"],
                max_pages=options["max_pages"],
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已新增搜尋來源 {source.pk}「{source.name}」{source.base_url}")

    def index(self, options: dict[str, Any]) -> None:
        due = (
            selectors.sources_due()
            if not options["all"]
            else selectors.source_list().filter(kind="website", is_active=True)
        )
        pending: list[tuple[str, Any]] = [(s.name, tasks.search_crawl_source.enqueue(s.pk)) for s in due]
        pending.append(("本系統公開資料", tasks.search_index_records.enqueue()))
        pending.append(("語意向量", tasks.search_vectors_refresh.enqueue()))
        deadline = time.monotonic() + options["timeout"]
        failed = False
        for name, result in pending:
            while not result.is_finished:
                if time.monotonic() > deadline:
                    raise CommandError(f"等候逾時：{name}（工作仍在背景執行，請確認 yankao db_worker 已啟動）")
                time.sleep(1)
                result.refresh()
            if result.status != "SUCCESSFUL":
                failed = True
                self.stderr.write(f"{name}：失敗（{result.status}）")
                continue
            value = result.return_value
            self.stdout.write(f"{name}：{json.dumps(value, ensure_ascii=False)}")
        stats = selectors.index_stats()
        self.stdout.write(f"索引共 {stats['pages']} 頁")
        if failed:
            raise CommandError("部分來源更新失敗")

    def query(self, options: dict[str, Any]) -> None:
        filters = selectors.Filters(type=options["type"])
        results = selectors.search(query=options["text"], filters=filters, mode=options["mode"], limit=options["limit"])
        hits = [h.as_dict() for h in results.hits]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"query": results.query, "hits": hits}, ensure_ascii=False, indent=1))
            return
        for n, hit in enumerate(hits, start=1):
            self.stdout.write(f"{n}. {hit['title']}（{hit['agency']}）{hit['date'] or ''}\n   {hit['url']}")
