"""Permission matrix of the foundation's views: anonymous, citizen, other agency's staff,
own agency's staff, commission officer, administrator."""

from __future__ import annotations

import pytest

from conftest import PERSONAS

PUBLIC, SIGNIN, FORBIDDEN, OK = "public", "signin", 403, 200

# expected status per persona, in PERSONAS order
MATRIX = {
    "/": [OK, OK, OK, OK, OK, OK],
    "/agencies/": [OK, OK, OK, OK, OK, OK],
    "/office/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/office/staff/": [SIGNIN, FORBIDDEN, OK, OK, OK, OK],
    "/me/": [SIGNIN, OK, OK, OK, OK, OK],
    "/admin/": ["admin-login", "admin-login", "admin-login", "admin-login", "admin-login", "admin-login"],
}


def _expect(response, expected):
    if expected == SIGNIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif expected == "admin-login":
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("path", list(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_foundation_views(client_for, persona, path):
    response = client_for(persona).get(path)
    _expect(response, MATRIX[path][PERSONAS.index(persona)])


@pytest.mark.parametrize(
    "persona,target,expected",
    [
        ("anonymous", "own_staff", SIGNIN),
        ("citizen", "own_staff", 404),
        ("other_staff", "own_staff", 404),
        ("own_staff", "own_staff", 200),
        ("commission", "own_staff", 200),
        ("admin", "other_staff", 200),
    ],
)
def test_staff_detail_is_scoped_to_own_agency(client_for, people, persona, target, expected):
    response = client_for(persona).get(f"/office/staff/{people[target].pk}/")
    _expect(response, expected)


def test_staff_list_shows_only_own_agency(client_for, people):
    response = client_for("own_staff").get("/office/staff/")
    names = {u.username for u in response.context["staff"]}
    assert names == {"own-officer"}


def test_commission_sees_every_agency(client_for, people):
    response = client_for("commission").get("/office/staff/")
    names = {u.username for u in response.context["staff"]}
    assert names == {"own-officer", "other-officer", "rdec-officer", "rdec-admin"}


def test_staff_without_second_factor_are_sent_to_set_it_up(client, people):
    client.force_login(people["own_staff"])
    response = client.get("/office/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_with_totp_but_session_without_it_must_sign_in_again(client, people):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(people["own_staff"], "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(people["own_staff"])
    response = client.get("/office/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
