"""Guessing is slowed per address as well as per account, on SQLite and PostgreSQL: one
address spraying a password over many accounts waits, other addresses do not, wrong two-factor
codes lock the account and end the half-finished log-in, and no address is stored in clear."""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import select
from tests.e2e import clinic_support
from tests.e2e.clinic_support import PASSWORD, Clinic
from tests.e2e.web_support import WebClient

from psoas.domain.clinic.accounts import MAX_FAILURES_PER_SOURCE, SOURCE_WINDOW, RateLimited
from psoas.domain.errors import InvalidValue, LoginRequired
from psoas.services.clinic import accounts
from psoas.services.clinic.login_limits import login_source
from psoas.storage import clinic_tables as ct

backend, clinic = clinic_support.backend, clinic_support.clinic
ADMIN = "admin@clinic.test"


def _browser(clinic: Clinic, address: str) -> WebClient:
    return WebClient(
        clinic.app,
        base_url="https://testserver",
        raise_server_exceptions=False,
        client=(address, 40000),
    )


def _try(web: WebClient, email: str, password: str):  # type: ignore[no-untyped-def]
    return web.form("/login", {"email": email, "password": password})


def test_one_address_spraying_passwords_must_wait(clinic: Clinic):
    sprayer = _browser(clinic, "203.0.113.7")
    for n in range(MAX_FAILURES_PER_SOURCE):
        email = f"guess{n}@clinic.test" if n % 5 else "clinician_b@clinic.test"
        assert _try(sprayer, email, "Winter2026!").status_code == 401
    blocked = _try(sprayer, ADMIN, PASSWORD)  # even the right password waits now
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == str(int(SOURCE_WINDOW.total_seconds()))
    assert "wait 15 minutes" in blocked.text and 'id="email"' in blocked.text
    elsewhere = _browser(clinic, "198.51.100.20")
    assert _try(elsewhere, ADMIN, PASSWORD).status_code == 303  # other people log in as usual
    clinic.clock.advance(SOURCE_WINDOW.total_seconds() + 1)
    assert _try(sprayer, ADMIN, PASSWORD).status_code == 303


def test_failures_below_the_limit_do_not_block(clinic: Clinic):
    for n in range(MAX_FAILURES_PER_SOURCE - 1):
        with pytest.raises(LoginRequired):
            accounts.login(clinic.ctx, f"nobody{n}@clinic.test", "wrong", address="192.0.2.1")
    assert accounts.login(clinic.ctx, ADMIN, PASSWORD, address="192.0.2.1").user.email == ADMIN
    with pytest.raises(LoginRequired):  # the limit's last failure
        accounts.login(clinic.ctx, "nobody@clinic.test", "wrong", address="192.0.2.1")
    with pytest.raises(RateLimited):
        accounts.login(clinic.ctx, ADMIN, PASSWORD, address="192.0.2.1")


def test_addresses_are_stored_hashed_and_only_for_the_window(clinic: Clinic):
    for _ in range(3):
        with pytest.raises(LoginRequired):
            accounts.login(clinic.ctx, ADMIN, "wrong password", address="192.0.2.55")
    clinic.clock.advance(SOURCE_WINDOW.total_seconds() + 1)
    with pytest.raises(LoginRequired):
        accounts.login(clinic.ctx, "x@clinic.test", "wrong", address="192.0.2.55")
    with clinic.ctx.uow() as uow:
        rows = uow.login_failures.conn.execute(select(ct.login_failures.c.source)).all()
    by_address = [row for row in rows if row.source == login_source("192.0.2.55")]
    assert len(by_address) == 1  # the three old failures were forgotten with the new one
    for row in rows:  # by address, by e-mail and address, by e-mail: hashes only
        assert re.fullmatch(r"[0-9a-f]{64}", row.source) and "192.0.2.55" not in row.source


def _two_factor_on(clinic: Clinic) -> str:
    web = clinic.client("clinician_a")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', web.get("/account").text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    return secret


def test_wrong_codes_lock_the_account_and_end_the_half_log_in(clinic: Clinic):
    secret = _two_factor_on(clinic)
    web = _browser(clinic, "203.0.113.50")
    assert _try(web, "clinician_a@clinic.test", PASSWORD).status_code == 200  # asks for a code
    for _ in range(5):
        assert web.form("/login/code", {"code": "000000"}).status_code == 422
    right = pyotp.TOTP(secret).at(clinic.clock.now())
    locked = web.form("/login/code", {"code": right})
    assert locked.status_code == 401 and "locked" in locked.text
    assert web.get("/clients", follow_redirects=False).status_code == 303  # not logged in
    entries = accounts.audit_log(clinic.ctx, clinic.users["admin"])
    assert sum(e.what == "wrong two-factor code" for e in entries) == 5


def test_wrong_codes_count_on_the_address_too(clinic: Clinic):
    _two_factor_on(clinic)
    started = accounts.login(clinic.ctx, "clinician_a@clinic.test", PASSWORD, address="a")
    for _ in range(4):  # below the account's lock
        with pytest.raises(InvalidValue):
            accounts.verify_code(clinic.ctx, started.token, "000000", address="192.0.2.9")
    with clinic.ctx.uow() as uow:
        since = clinic.clock.now() - SOURCE_WINDOW
        assert uow.login_failures.count_since(login_source("192.0.2.9"), since) == 4
