from __future__ import annotations

import importlib

import pytest
from django.core.management import CommandError, call_command

CALLS: list[list[str]] = []


def fake_importer(argv: list[str], stdout: object, stderr: object) -> int:
    CALLS.append(argv)
    return 0


@pytest.fixture
def registered(monkeypatch):
    module = importlib.import_module("yankao.core.management.commands.import")
    monkeypatch.setattr(module, "registered_importers", lambda: {"things": f"{__name__}.fake_importer"})
    CALLS.clear()


def test_dispatches_the_arguments_to_the_registered_importer(registered, db):
    from django.core.management import ManagementUtility

    ManagementUtility(["yankao", "import", "things", "a.csv", "--dry-run"]).execute()
    assert CALLS == [["a.csv", "--dry-run"]]


def test_unknown_kind_is_named(registered):
    with pytest.raises(CommandError, match="沒有「nothing」匯入；可用：things"):
        call_command("import", "nothing")
