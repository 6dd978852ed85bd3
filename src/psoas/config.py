"""Settings, read from the environment (PSOAS_*) when asked for, never at import."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    timezone: str = "UTC"
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

    def resolved_database_url(self) -> str:
        """The URL to connect to: the setting, or the default SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'psoas.db'}"


def get_settings(**overrides: object) -> Settings:
    """Read the settings now (tests pass overrides)."""
    return Settings(**overrides)  # type: ignore[arg-type]
