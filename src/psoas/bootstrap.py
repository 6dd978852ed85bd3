"""The one place that picks concrete adapters from settings (storage, clock, catalogue)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine

from psoas.catalogue import load_catalogue
from psoas.catalogue.habits import load_habits
from psoas.catalogue.questions import load_questionnaire
from psoas.catalogue.rules import load_rules
from psoas.config import Settings, get_settings, machine_zone
from psoas.domain.errors import InvalidValue, StorageError
from psoas.domain.pose.refusals import CameraExtraMissing
from psoas.ports import Clock
from psoas.pose_ports import PoseEstimator
from psoas.services.context import Context
from psoas.storage import schema
from psoas.storage.decoded import DECODED
from psoas.storage.engine import make_engine, scrub_deleted
from psoas.storage.uow import SqlUnitOfWork

SLEEP_STEP_SECONDS = 30.0
ZONE_LOOKUP_SECONDS = 1.0


class SystemClock:
    """The real clock; ``today`` is the date in the configured time zone.

    ``zone_of`` (personal mode) names the zone at each reading: the person's own zone, so
    "today" follows them when they change it; it is looked up at most once a second.
    """

    def __init__(self, timezone: str = "UTC", zone_of: Callable[[], str] | None = None) -> None:
        try:
            self.zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidValue("PSOAS_TIMEZONE", f"unknown time zone '{timezone}'") from None
        self._zone_of = zone_of
        self._looked_up = -ZONE_LOOKUP_SECONDS

    def _current_zone(self) -> ZoneInfo:
        if self._zone_of is not None and time.monotonic() - self._looked_up >= ZONE_LOOKUP_SECONDS:
            self._looked_up = time.monotonic()
            # keep the zone we had when the stored name is bad: that never stops the clock
            with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
                self.zone = ZoneInfo(self._zone_of())
        return self.zone

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(self._current_zone())

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Sleep until ``seconds`` of wall-clock time have passed, in steps of at most 30 s.

        A plain sleep runs on a clock that stops while the computer is suspended; stepping
        against the wall clock wakes a waiting reminder soon after a resume.
        """
        deadline = time.time() + max(0.0, seconds)
        while (left := deadline - time.time()) > 0:
            time.sleep(min(left, SLEEP_STEP_SECONDS))

    def today(self) -> date:
        return self.now().date()


class Argon2Hasher:
    """Passwords hashed with argon2id; the default cost is OWASP's minimum (19 MiB, 2 passes).

    Tests pass a lower ``memory_kib`` so hundreds of log-ins stay quick; it is still argon2.
    """

    def __init__(self, memory_kib: int = 19456, passes: int = 2) -> None:
        from argon2 import PasswordHasher

        self._hasher = PasswordHasher(time_cost=passes, memory_cost=memory_kib, parallelism=1)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


class TotpTwoFactor:
    """Six-digit codes every 30 seconds (pyotp), one step of clock drift either way."""

    def new_secret(self) -> str:
        import pyotp

        return pyotp.random_base32()

    def verify(self, secret: str, code: str, at: datetime) -> bool:
        return self.matching_step(secret, code, at) is not None

    def matching_step(self, secret: str, code: str, at: datetime) -> int | None:
        """The time step (RFC 6238's counter) whose code this is, within one step of ``at``;
        None for a wrong code. The caller refuses a step it accepted before."""
        import hmac

        import pyotp

        code = code.strip()
        try:
            totp = pyotp.TOTP(secret)
            now_step = totp.timecode(at)
            for offset in (0, -1, 1):
                if hmac.compare_digest(totp.generate_otp(now_step + offset), code):
                    return now_step + offset
        except ValueError:  # not a base32 secret of at least 112 bits
            return None
        return None

    def setup_uri(self, secret: str, account: str) -> str:
        import pyotp

        return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name="psoas")


class ZxcvbnCommonPasswords:
    """The 30,000 most common passwords from zxcvbn's frequency lists (shipped in the package,
    read once, on first use), compared lower-cased and without surrounding spaces."""

    _words: frozenset[str] | None = None

    def is_common(self, password: str) -> bool:
        if ZxcvbnCommonPasswords._words is None:
            from zxcvbn.frequency_lists import FREQUENCY_LISTS

            ZxcvbnCommonPasswords._words = frozenset(FREQUENCY_LISTS["passwords"])
        return password.strip().lower() in ZxcvbnCommonPasswords._words


class SmtpMailer:
    """Sends plain-text e-mail through the configured SMTP server; never raises."""

    def __init__(self, url: str, sender: str, timeout: float = 10.0) -> None:
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise InvalidValue("PSOAS_SMTP_URL", "use smtp://user:password@host:587 or smtps://")
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.tls else 587)
        self.user = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.sender = sender
        self.timeout = timeout

    def send(self, to: str, subject: str, body: str) -> bool:
        import smtplib
        import ssl
        from email.message import EmailMessage

        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        try:
            if self.tls:
                server = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout)
            else:
                server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with server:
                if not self.tls and server.has_extn("starttls"):
                    server.starttls(context=ssl.create_default_context())
                if self.user:
                    server.login(self.user, self.password)
                server.send_message(message)
        except (OSError, smtplib.SMTPException):
            return False
        return True


def database_engine(settings: Settings) -> Engine:
    """The engine for the configured database, as it is (no schema check or migration)."""
    return make_engine(settings.resolved_database_url())


def open_database(settings: Settings) -> Engine:
    """The engine for the configured database, with its schema ready.

    A SQLite file is created and migrated on first use (and brought up to date after an
    upgrade of psoas); a server database must be migrated with ``psoas db upgrade``.
    """
    engine = database_engine(settings)
    if engine.dialect.name == "sqlite":
        if schema.current_revision(engine) != schema.head_revision():
            schema.upgrade(engine)
        return engine
    status = schema.status(engine)
    if not status.up_to_date:
        engine.dispose()
        found = status.current or "empty"
        raise StorageError(
            f"The database at {status.url} is at schema revision {found}, not {status.head}; "
            "run `psoas db upgrade`."
        )
    return engine


def _personal_zone(engine: Engine, local: str) -> Callable[[], str]:
    """Personal mode's clock zone: the one person's chosen zone, else the machine's."""

    def zone() -> str:
        with SqlUnitOfWork(engine) as uow:
            people = uow.people.list()
        return people[0].timezone if people and people[0].timezone_chosen else local

    return zone


def build_context(settings: Settings | None = None, *, clock: Clock | None = None) -> Context:
    """Everything the services need, chosen from ``settings`` (read now if not given)."""
    settings = settings or get_settings()
    engine = open_database(settings)
    local = machine_zone(settings.timezone)
    if settings.timezone and local != settings.timezone:
        raise InvalidValue("PSOAS_TIMEZONE", f"unknown time zone '{settings.timezone}'")
    personal = settings.mode == "personal"
    DECODED.resize(settings.record_cache_mb * 1_000_000)
    return Context(
        uow=lambda: SqlUnitOfWork(engine),
        scrub=lambda: scrub_deleted(engine),
        clock=clock or SystemClock(local, _personal_zone(engine, local) if personal else None),
        catalogue=load_catalogue(),
        mode=settings.mode,
        local_zone=local,
        questionnaire=load_questionnaire(),
        rules=load_rules(),
        habits=load_habits(),
        hasher=Argon2Hasher(),
        two_factor=TotpTwoFactor(),
        common_passwords=ZxcvbnCommonPasswords(),
        mailer=SmtpMailer(settings.smtp_url, settings.smtp_from) if settings.smtp_url else None,
    )


_POSE: list[PoseEstimator] = []


def pose_estimator() -> PoseEstimator:
    """The offline pose model (the ``camera`` extra), started once per process; raises
    ``CameraExtraMissing`` with the install command when the extra is not installed."""
    if not _POSE:
        try:
            from psoas.vision.mediapipe_pose import MediaPipePose
        except ImportError:
            raise CameraExtraMissing() from None
        _POSE.append(MediaPipePose())
    return _POSE[0]
