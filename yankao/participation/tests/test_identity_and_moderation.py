"""Verification codes, identities, fraud signals and comment moderation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.audit import history_for
from yankao.core.notify import MemorySender
from yankao.participation import selectors, services
from yankao.participation.models import (
    CitizenVerification,
    Endorsement,
    Proposal,
    ProposalComment,
    VerificationCode,
    VerifiedIdentity,
)

from .conftest import at, last_code, submit

pytestmark = pytest.mark.django_db


def send_sms(user, mobile, now, capture):
    with capture(execute=True):
        return services.verification_code_send(user=user, channel="sms", target=mobile, now=now)


def test_code_is_sent_by_sms_and_only_its_hash_is_kept(people, django_capture_on_commit_callbacks):
    user = people["citizen"]
    sent = send_sms(user, "0912-345-678", at(2024, 1, 2), django_capture_on_commit_callbacks)
    ((to, message),) = MemorySender.outbox
    code = last_code("0912345678")
    assert to == "0912345678" and code in message and "10 分鐘內有效" in message
    assert code not in sent.code_hash and sent.target == "0912345678"
    verification = services.verification_code_confirm(user=user, channel="sms", code=code, now=at(2024, 1, 2, 10, 5))
    assert verification.phone == "0912345678" and verification.identity is not None
    assert verification.is_verified is False  # email not yet verified


def test_expired_code_is_refused(people, django_capture_on_commit_callbacks):
    user = people["citizen"]
    send_sms(user, "0912345678", at(2024, 1, 2), django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="已失效"):
        services.verification_code_confirm(
            user=user, channel="sms", code=last_code("0912345678"), now=at(2024, 1, 2, 10, 11)
        )
    assert VerifiedIdentity.objects.count() == 0


def test_wrong_codes_count_and_lock_out(people, django_capture_on_commit_callbacks):
    user = people["citizen"]
    send_sms(user, "0912345678", at(2024, 1, 2), django_capture_on_commit_callbacks)
    right = last_code("0912345678")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ValidationError, match="驗證碼不正確"):
            services.verification_code_confirm(user=user, channel="sms", code=wrong, now=at(2024, 1, 2, 10, 1))
    assert VerificationCode.objects.get().attempts == 5
    with pytest.raises(ValidationError, match="錯誤次數過多"):
        services.verification_code_confirm(user=user, channel="sms", code=right, now=at(2024, 1, 2, 10, 2))
    assert not CitizenVerification.objects.filter(user=user, identity__isnull=False).exists()


def test_codes_are_rate_limited(people, django_capture_on_commit_callbacks):
    user = people["citizen"]
    for minute in range(5):
        send_sms(user, "0912345678", at(2024, 1, 2, 10, minute), django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="過於頻繁"):
        send_sms(user, "0912345678", at(2024, 1, 2, 10, 30), django_capture_on_commit_callbacks)
    assert VerificationCode.objects.count() == 5 and len(MemorySender.outbox) == 5
    send_sms(user, "0912345678", at(2024, 1, 2, 11, 1), django_capture_on_commit_callbacks)  # an hour later
    assert VerificationCode.objects.count() == 6


@pytest.mark.parametrize("bad", ["12345", "0812345678", "09123456789", "abc"])
def test_bad_mobile_numbers_are_refused(people, bad):
    with pytest.raises(ValidationError, match="正確的手機號碼"):
        services.verification_code_send(user=people["citizen"], channel="sms", target=bad)
    assert VerificationCode.objects.count() == 0


def test_a_bound_account_cannot_switch_to_another_number(proposer, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="已綁定其他手機號碼"):
        send_sms(proposer, "0922000222", at(2024, 1, 3), django_capture_on_commit_callbacks)
    assert VerificationCode.objects.filter(channel="sms").count() == 1


def test_line_with_verified_phone_counts_as_verified(make_citizen):
    user = make_citizen(verified=False)
    verification = services.verification_from_line(user=user, mobile="0955666777", now=at(2024, 1, 2))
    assert verification.is_verified and verification.method == "line"
    other = make_citizen("0955666777")
    assert CitizenVerification.objects.get(user=other).identity_id == verification.identity_id


def test_staff_cannot_verify(people):
    with pytest.raises(PermissionDenied):
        services.verification_code_send(user=people["own_staff"], channel="sms", target="0912345678")


@pytest.fixture
def open_proposal(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    return services.proposal_screen(actor=people["commission"], proposal=proposal, passed=True, now=at(2024, 1, 8))


def test_a_burst_from_one_ip_is_flagged_and_can_be_voided(people, open_proposal, make_citizen):
    services.proposal_rules_publish(actor=people["commission"], effective_from=dt.date(2024, 1, 1), burst_threshold=3)
    citizens = [make_citizen() for _ in range(4)]
    for i, citizen in enumerate(citizens):
        services.proposal_endorse(actor=citizen, proposal=open_proposal, ip="203.0.113.7", now=at(2024, 1, 10, 10, i))
    flags = list(Endorsement.objects.order_by("endorsed_at").values_list("flags", flat=True))
    assert flags[:2] == ["", ""]
    assert flags[2] == flags[3] == "同一 IP 於 10 分鐘內附議達 3 次"
    flagged = list(selectors.endorsements_flagged())
    assert len(flagged) == 2
    with pytest.raises(PermissionDenied):
        services.endorsement_void(actor=people["own_staff"], endorsement=flagged[0], reason="灌票")
    open_proposal.refresh_from_db()
    assert open_proposal.endorsement_count == 4
    voided = services.endorsement_void(actor=people["commission"], endorsement=flagged[0], reason="同 IP 灌票")
    open_proposal.refresh_from_db()
    assert open_proposal.endorsement_count == 3 and voided.void_reason == "同 IP 灌票"
    assert Endorsement.objects.count() == 4  # the voided one stays, with its trail
    assert any(e.changes.get("void_reason", {}).get("after") == "同 IP 灌票" for e in history_for(voided))
    with pytest.raises(ValidationError, match="每人限附議一次"):  # and cannot be repeated
        services.proposal_endorse(actor=citizens[2], proposal=open_proposal, now=at(2024, 1, 11))


def test_identity_verified_minutes_before_is_flagged(open_proposal, make_citizen):
    fresh = make_citizen(now=at(2024, 1, 10, 9, 55))
    services.proposal_endorse(actor=fresh, proposal=open_proposal, now=at(2024, 1, 10, 10))
    assert Endorsement.objects.get().flags == "身分於附議前 10 分鐘內才完成驗證"


def test_reported_comment_is_hidden_and_restorable(people, open_proposal, make_citizen, proposer):
    comment = services.comment_post(actor=proposer, proposal=open_proposal, body="支持！")
    reporters = [make_citizen(verified=False) for _ in range(3)]
    services.comment_report(actor=reporters[0], comment=comment, reason="廣告")
    with pytest.raises(ValidationError, match="已檢舉過"):
        services.comment_report(actor=reporters[0], comment=comment)
    services.comment_report(actor=reporters[1], comment=comment)
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (ProposalComment.Status.VISIBLE, 2)
    services.comment_report(actor=reporters[2], comment=comment)
    comment.refresh_from_db()
    assert comment.status == ProposalComment.Status.HIDDEN
    assert list(selectors.comments_shown(proposal=open_proposal)) == []
    with pytest.raises(PermissionDenied):
        services.comment_moderate(actor=people["own_staff"], comment=comment, action="restore")
    services.comment_moderate(actor=people["commission"], comment=comment, action="restore", note="未違規")
    assert list(selectors.comments_shown(proposal=open_proposal)) == [comment]


def test_comment_on_a_pending_proposal_is_refused(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    with pytest.raises(ValidationError, match="不開放留言"):
        services.comment_post(actor=proposer, proposal=proposal, body="x")
    assert proposal.state == Proposal.State.SUBMITTED and ProposalComment.objects.count() == 0


def test_line_sign_in_with_a_verified_phone_verifies_and_is_one_person(city, make_citizen, open_proposal):
    """A LINE sign-in whose ID token carries a verified phone verifies the citizen (through the
    allauth signal); the same phone on a password account is the same person: one endorsement."""
    from allauth.socialaccount.models import SocialAccount, SocialLogin
    from allauth.socialaccount.signals import social_account_added

    from yankao.org.services import user_create_citizen

    password_account = make_citizen("0933222111")
    services.proposal_endorse(actor=password_account, proposal=open_proposal, now=at(2024, 1, 10))

    line_user = user_create_citizen(username="line-U123", email="", password=None)
    account = SocialAccount.objects.create(
        user=line_user,
        provider="line",
        uid="U123",
        extra_data={"id_token": {"sub": "U123", "phone_number": "+886 933 222 111", "email": "l@example.tw"}},
    )
    social_account_added.send(
        sender=SocialLogin, request=None, sociallogin=SocialLogin(user=line_user, account=account)
    )
    verification = services.verification_for(line_user)
    assert verification is not None and verification.is_verified
    assert verification.method == verification.Method.LINE and verification.phone == "0933222111"
    with pytest.raises(ValidationError):
        services.proposal_endorse(actor=line_user, proposal=open_proposal, now=at(2024, 1, 11))
    open_proposal.refresh_from_db()
    assert open_proposal.endorsement_count == 1


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "U9"},  # no phone scope
        {"sub": "U9", "phone_number": "0944555666", "phone_number_verified": False},
        {"sub": "U9", "phone_number": "12345"},  # not a mobile number: ignored, sign-in unharmed
    ],
)
def test_line_sign_in_without_a_verified_phone_leaves_the_citizen_unverified(city, claims):
    from allauth.socialaccount.models import SocialAccount, SocialLogin

    from yankao.org.services import user_create_citizen
    from yankao.participation.line_login import record_line_verification

    user = user_create_citizen(username="line-U9", email="", password=None)
    account = SocialAccount.objects.create(user=user, provider="line", uid="U9", extra_data={"id_token": claims})
    assert record_line_verification(SocialLogin(user=user, account=account)) is False
    verification = services.verification_for(user)
    assert verification is None or not verification.is_verified
