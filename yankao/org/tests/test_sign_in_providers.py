"""LINE Login for citizens and the city's OpenID Connect SSO appear once configured."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp


def test_line_and_city_sso_buttons_appear_when_configured(client, db):
    SocialApp.objects.create(provider="line", name="LINE", client_id="1234567890", secret="s")
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="city-sso",
        name="市府單一登入",
        client_id="yankao",
        secret="s",
        settings={"server_url": "https://sso.example.tw/realms/kcg"},
    )
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/line/login/" in html
    assert "/accounts/oidc/city-sso/login/" in html and "市府單一登入" in html


def test_social_sign_up_makes_a_citizen(db, rf):
    from allauth.socialaccount.models import SocialAccount, SocialLogin

    from yankao.org.adapters import SocialAccountAdapter
    from yankao.org.models import User

    login = SocialLogin(user=User(), account=SocialAccount(provider="line", uid="U1"))
    user = SocialAccountAdapter().populate_user(rf.get("/"), login, {"name": "王小明", "email": "w@example.tw"})
    assert (user.kind, user.display_name) == ("citizen", "王小明")
