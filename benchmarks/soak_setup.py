"""The soak's clinic: clinicians, clients with accounts, and each client's history so far.

Every client is invited and signs up as in a real clinic, takes the (calm) assessment, and
then gets ``days`` of records ending today, written day by day through the clinic seeder
(``clinic_seed.seed_days``: the real planner's six-week plans, about four in five planned
sessions logged with their sets, a weekly pain reading for half of the clients). Without a
history (``days`` 0) each client gets one plan and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clinic_seed import plan_groups, seed_days  # benchmarks/ is on sys.path
from web_history import SettableClock, calm_answers

PASSWORD = "correct horse battery staple 18"


def set_up(
    url: str, folder: Path, clinicians: int, clients: int, days: int = 0
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(role, e-mail) of every person who will log in (the clients share the clinicians), and
    how many session logs and pain readings the history has."""
    from sqlalchemy import text

    from psoas.bootstrap import Argon2Hasher, build_context
    from psoas.config import get_settings
    from psoas.domain.clinic.accounts import Role
    from psoas.services import assessment, plans
    from psoas.services.clinic import accounts, invites
    from psoas.storage.engine import make_engine

    end = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    clock = SettableClock(end - timedelta(days=days))  # the accounts are as old as the history
    ctx = build_context(get_settings(data_dir=folder, database_url=url, mode="clinic"), clock=clock)
    ctx = type(ctx)(**{**ctx.__dict__, "hasher": Argon2Hasher(memory_kib=1024, passes=1)})
    people, staff = [], []
    for c in range(clinicians):
        email = f"clinician{c}@clinic.test"
        staff.append(accounts.create_account(
            ctx, email=email, role=Role.CLINICIAN, display_name=f"Dr {c}", password=PASSWORD
        ))  # fmt: skip
        people.append(("clinician", email))
    answers = calm_answers(assessment.questions(ctx))
    client_ids = []
    for n in range(clients):
        email = f"client{n}@clinic.test"
        issued = invites.invite_client(
            ctx, staff[n % clinicians], email=email, display_name=f"C {n}"
        )
        user = invites.accept_invite(ctx, issued.code, PASSWORD)
        assessment.run_assessment(ctx, user.person_id, answers)
        client_ids.append(user.person_id)
        people.append(("client", email))
    if days:
        seed_days(ctx, clock, plan_groups(ctx), client_ids, days, end)
        with ctx.uow() as uow:  # fresh statistics, as autovacuum keeps them in use
            uow.logs.conn.execute(text("ANALYZE"))
    else:
        for pid in client_ids:
            plans.new_plan(ctx, pid)
    engine = make_engine(url)
    try:
        return people, record_counts(engine)
    finally:
        engine.dispose()


def record_counts(engine: Any) -> dict[str, int]:
    """How many session logs and measurements the clinic's records hold now."""
    from sqlalchemy import func, select

    from psoas.storage import tables as t

    with engine.connect() as conn:
        return {
            "logs": conn.execute(select(func.count()).select_from(t.session_logs)).scalar_one(),
            "readings": conn.execute(select(func.count()).select_from(t.measurements)).scalar_one(),
        }
