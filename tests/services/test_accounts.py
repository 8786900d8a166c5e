"""tracker.accounts called as the web will call it: accounts made, signed in with, locked after
ten failures (the right password too), every attempt in the log, a stale hash renewed, and an
unknown name as slow to refuse as a wrong password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.services.conftest import Work
from tracker import accounts
from tracker.accounts import LockRule, add_account, authenticate, set_disabled, sign_in_log
from tracker.accounts import _passwords as passwords
from tracker.config import Settings
from tracker.errors import TrackerError

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
SECRET = "mật-khẩu-đủ-dài"
MINUTE = timedelta(minutes=1)


@pytest.fixture
def office(work: Work) -> str:
    with work() as (session, resolution):
        add_account(session, resolution, "VanPhong", "office", None, SECRET, START)
    return "VanPhong"


def sign_in(work: Work, name: str, password: str, moment: datetime) -> accounts.SignInResult:
    with work() as (session, _resolution):
        return authenticate(session, name, password, moment, "10.0.0.7")


def test_the_right_password_signs_in_in_any_case_of_the_name(work: Work, office: str) -> None:
    result = sign_in(work, "vanphong", SECRET, START)
    assert result.ok and result.account is not None
    assert (result.account.name, result.account.role, result.account.last_sign_in) == (
        "VanPhong",
        "office",
        START,
    )
    assert "hash" not in repr(result) and SECRET not in repr(result)
    with work(writes=False) as (session, _):
        (listed,) = accounts.list_accounts(session)
        assert listed.last_sign_in == START
        (line,) = sign_in_log(session)
    assert (line.name, line.outcome, line.remote, line.locked_until) == ("vanphong", "ok", "10.0.0.7", None)


def test_a_password_in_another_unicode_form_is_the_same_password(work: Work, office: str) -> None:
    import unicodedata

    assert sign_in(work, office, unicodedata.normalize("NFD", SECRET), START).ok


@pytest.mark.parametrize(
    ("name", "password", "outcome"),
    [("VanPhong", "sai-mat-khau-roi", "wrong_password"), ("khong.co", SECRET, "unknown_name"),
     ("tên lạ\x1b[31m", SECRET, "unknown_name"), ("VanPhong", "x" * 5000, "wrong_password")],
)  # fmt: skip
def test_a_failure_is_logged_by_its_outcome(
    work: Work, office: str, name: str, password: str, outcome: str
) -> None:
    result = sign_in(work, name, password, START)
    assert (result.ok, result.outcome, result.account) == (False, outcome, None)
    with work(writes=False) as (session, _):
        (line,) = sign_in_log(session)
    assert line.outcome == outcome and "\x1b" not in line.name


def test_a_disabled_account_is_refused_even_with_its_password(work: Work, office: str) -> None:
    with work() as (session, _):
        set_disabled(session, office, True)
    assert sign_in(work, office, SECRET, START).outcome == "disabled"
    assert sign_in(work, office, "sai-mat-khau-roi", START).outcome == "wrong_password"


def test_ten_failures_lock_the_name_for_fifteen_minutes_the_right_password_too(
    work: Work, office: str
) -> None:
    for minute in range(9):
        assert sign_in(work, office, "sai-mat-khau-roi", START + minute * MINUTE).locked_until is None
    tenth = sign_in(work, "VANPHONG", "sai-mat-khau-roi", START + 9 * MINUTE)  # any case counts
    assert (tenth.outcome, tenth.locked_until) == ("wrong_password", START + 24 * MINUTE)
    refused = sign_in(work, office, SECRET, START + 20 * MINUTE)
    assert (refused.ok, refused.outcome, refused.locked_until) == (False, "locked", START + 24 * MINUTE)
    assert sign_in(work, "khac.ten", "sai", START + 20 * MINUTE).outcome == "unknown_name"  # others are not
    assert sign_in(work, office, SECRET, START + 24 * MINUTE).ok  # the lock has ended
    with work(writes=False) as (session, _):
        log = sign_in_log(session, name="vanphong")
        assert [e.outcome for e in log[:3]] == ["ok", "locked", "wrong_password"]
        assert log[2].locked_until == START + 24 * MINUTE
        assert len(sign_in_log(session, limit=4)) == 4


def test_unknown_names_lock_too_and_the_rule_comes_from_the_config(work: Work, settings: Settings) -> None:
    rule = accounts.lock_rule(settings)
    assert rule == LockRule(10, timedelta(minutes=15))
    short = LockRule(3, timedelta(minutes=5))
    with work() as (session, _):
        outcomes = [
            authenticate(session, "ai.do", "x", START + i * MINUTE, None, short).outcome for i in range(4)
        ]
    assert outcomes == ["unknown_name"] * 3 + ["locked"]


def test_an_unknown_name_verifies_a_hash_as_a_known_one_does(work: Work, office: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    checked: list[str] = []
    real = passwords.PasswordHasher.verify

    def spy(self, hash, password):  # type: ignore[no-untyped-def]
        checked.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(passwords.PasswordHasher, "verify", spy)
    sign_in(work, "khong.co", SECRET, START)
    sign_in(work, "ten có dấu", SECRET, START)
    assert checked == [passwords.dummy_hash()] * 2
    hashed = passwords.hasher().hash("x")
    assert passwords.hasher().check_needs_rehash(hashed) is False and len(checked) == 2


def test_a_hash_of_older_parameters_is_renewed_at_sign_in(work: Work, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with work() as (session, resolution):
        monkeypatch.setattr(passwords, "hasher", lambda: weak)
        add_account(session, resolution, "cu.ten", "viewer", None, SECRET, START)
    monkeypatch.undo()
    stored = stored_hash(work, "cu.ten")
    assert "m=8192,t=1,p=1" in stored
    assert sign_in(work, "cu.ten", SECRET, START).ok
    renewed = stored_hash(work, "cu.ten")
    assert renewed != stored and not passwords.needs_rehash(renewed) and renewed.startswith("$argon2id$")
    assert sign_in(work, "cu.ten", SECRET, START + MINUTE).ok


def stored_hash(work: Work, name: str) -> str:
    from tracker import store

    with work(writes=False) as (session, _):
        found = store.find_account(session, name)
    assert found is not None
    return found.password_hash


def test_a_unit_account_belongs_to_a_unit_of_the_resolution(work: Work) -> None:
    with work() as (session, resolution), pytest.raises(TrackerError, match="no units"):
        add_account(session, resolution, "syt.ketoan", "unit", "SYT", SECRET, START)
