"""The web shell: Chinese first, clear errors, no 500s, production settings that refuse to start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


def test_home_is_traditional_chinese_with_lang_attribute(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hant-TW">' in html
    assert "跳至主要內容" in html and "<h1>市民服務</h1>" in html


def test_english_is_the_second_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Citizen services</h1>" in html and "Skip to main content" in html


def test_switching_language_with_the_footer_form(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "<h1>Citizen services</h1>" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/"})
    assert "<h1>市民服務</h1>" in client.get("/").content.decode()


def test_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "找不到頁面" in response.content.decode()


def test_csrf_failure_is_explained_in_chinese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "表單已過期" in response.content.decode()


def test_wrong_password_gives_a_chinese_message_and_no_session(client, people):
    response = client.post("/accounts/login/", {"login": "own-officer", "password": "wrong-password"})
    assert response.status_code == 200
    assert "您提供的使用者名稱和／或密碼不正確" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_throttled(client, people, settings):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "own-officer", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "own-officer", "password": "pw-test-123456"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "登入嘗試失敗次數過多" in response.content.decode()


def test_expired_session_sends_staff_back_to_sign_in(client_for, people):
    client = client_for("own_staff")
    client.session.flush()
    client.cookies.clear()
    response = client.get("/office/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def _run_production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser fixture sets the last
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST"])
def test_production_refuses_to_start_without_its_secrets(missing):
    full = {
        "SECRET_KEY": "x" * 64,
        "ALLOWED_HOSTS": "yankao.example.tw",
        "DATABASE_URL": "sqlite:////tmp/yankao-prod-check.sqlite3",
        "EMAIL_HOST": "smtp.example.tw",
    }
    env = {k: v for k, v in full.items() if k != missing}
    env[missing] = ""
    result = _run_production_check(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_check_deploy_is_clean():
    result = _run_production_check(
        {
            "SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP",
            "ALLOWED_HOSTS": "yankao.example.tw",
            "DATABASE_URL": "sqlite:////tmp/yankao-prod-check.sqlite3",
            "EMAIL_HOST": "smtp.example.tw",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
