"""Settings, read from the environment (PSOAS_*) when asked for, never at import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_path
from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from psoas.domain.errors import InvalidValue


def default_data_dir() -> Path:
    return user_data_path("psoas", appauthor=False)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PSOAS_", extra="ignore")

    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means a SQLite file in the user's data directory.",
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    mode: Literal["personal", "clinic"] = "personal"
    timezone: str = Field(
        default="",
        description="IANA time zone of this machine, e.g. Europe/Berlin; empty: the zone the "
        "operating system is set to (TZ, /etc/localtime). A person's own zone wins.",
    )
    secure_cookies: bool = Field(
        default=True,
        description="Clinic mode: send the log-in cookie over HTTPS only (turn off only to try "
        "clinic mode over plain HTTP on a trusted network).",
    )
    smtp_url: str = Field(
        default="",
        description="Clinic mode, optional: smtp://user:password@host:587 (STARTTLS) or "
        "smtps://...:465 to e-mail invite and reset links; empty: links are only shown.",
    )
    smtp_from: str = Field(default="psoas@localhost", description="The sender of those e-mails.")
    allowed_hosts: str = Field(
        default="",
        description="Clinic mode: the host names the server answers to besides 127.0.0.1, "
        "localhost and [::1], comma-separated (clinic.example.org,psoas.example.org). Requests "
        "to any other name get HTTP 421. Personal mode always answers loopback names only.",
    )
    idle_minutes: int = Field(
        default=30,
        ge=1,
        le=720,
        description="Clinic mode: a log-in ends after this many minutes without a request "
        "(besides the 12-hour limit).",
    )
    record_cache_mb: int = Field(
        default=16,
        ge=0,
        le=4096,
        description="How many megabytes of stored record text each server process keeps "
        "decoded, so records read again are not rebuilt (the objects take a few times more "
        "memory). 0 keeps none; the least recently read go first.",
    )

    phone_addresses: str = Field(
        default="",
        description="Personal mode, set by `psoas serve --phone`: the network addresses the "
        "server also listens on for paired phones (comma-separated). Empty: phone pairing is "
        "off and only this machine is answered.",
    )

    def phone_address_list(self) -> list[str]:
        """``phone_addresses`` as a list (personal mode only; clinic mode has accounts)."""
        if self.mode != "personal":
            return []
        return [a.strip().strip("[]") for a in self.phone_addresses.split(",") if a.strip()]

    def allowed_host_names(self) -> list[str]:
        """``allowed_hosts`` as a list, blanks dropped."""
        return [name.strip() for name in self.allowed_hosts.split(",") if name.strip()]

    def resolved_database_url(self) -> str:
        """The URL to connect to: the setting, or the default SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'psoas.db'}"


ZONEINFO_DIRS = (
    "/usr/share/zoneinfo/",
    "/usr/lib/zoneinfo/",
    "/usr/share/lib/zoneinfo/",
    "/var/db/timezone/zoneinfo/",  # macOS
)


def machine_zone(configured: str = "") -> str:
    """The IANA name of this machine's time zone: PSOAS_TIMEZONE, else TZ, else the system's.

    Falls back to UTC when the system names no zone (for example a bare container).
    """
    for name in (configured, os.environ.get("TZ", "").lstrip(":")):
        if name and _known(name):
            return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    for prefix in ZONEINFO_DIRS:
        if target.startswith(prefix) and _known(target[len(prefix) :]):
            return _tidy(target[len(prefix) :])
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    if name and _known(name):
        return _tidy(name)
    return _windows_or_utc()


def _tidy(name: str) -> str:
    return "UTC" if name in {"Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu"} else name


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return "/" in name or name == "UTC"


def _windows_or_utc() -> str:
    """Windows (no /etc/localtime): tzlocal, installed there as a dependency; else UTC."""
    try:
        from tzlocal import get_localzone_name
    except ImportError:
        return "UTC"
    name = get_localzone_name() or "UTC"
    return name if _known(name) else "UTC"


def get_settings(**overrides: object) -> Settings:
    """Read the settings now (tests pass overrides). A value out of range is an InvalidValue
    naming the variable, so the command line shows one line, never a traceback."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = first.get("loc") or ("setting",)
        name = f"PSOAS_{str(where[0]).upper()}"
        raise InvalidValue(name, f"{first['msg'].lower()} (it is {first.get('input')!r})") from None
