"""The workspace: data folder, database and clock that every use case runs against."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_tui.domain.clock import Clock
from cchc_tui.services.errors import ServiceError
from cchc_tui.store.database import Database

ENV_HOME = "CCHC_HOME"
DB_NAME = "cchc.sqlite3"


def default_data_dir(environ: dict[str, str] | None = None) -> Path:
    """`CCHC_HOME` if set, else the user's data folder from platformdirs."""
    env = os.environ if environ is None else environ
    if env.get(ENV_HOME):
        return Path(env[ENV_HOME]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("cchc-tui", appauthor=False))


@dataclass
class Workspace:
    """Everything a service needs: where data lives, the database, the clock."""

    data_dir: Path
    db: Database
    clock: Clock
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def keys_dir(self) -> Path:
        """Folder of the agency's signing keys."""
        return self.data_dir / "keys"

    @property
    def exports_dir(self) -> Path:
        """Default folder for exported bundles."""
        return self.data_dir / "exports"


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data folder that is a file, or on a network share (SQLite's locking is not
    reliable there); nothing is created."""
    from cchc_tui.store.location import network_share

    if data_dir.exists() and not data_dir.is_dir():
        raise ServiceError(
            f"Thư mục dữ liệu {data_dir} là một tệp, không phải thư mục: chọn một thư mục "
            "(chưa có thì chương trình tự tạo) bằng --data-dir hoặc CCHC_HOME."
        )
    share = network_share(data_dir)
    if share is not None:
        raise ServiceError(
            f"Thư mục dữ liệu {data_dir} nằm trên ổ mạng ({share}): dữ liệu trên ổ mạng có "
            "thể hỏng khi hai máy cùng ghi. Hãy dùng một thư mục trên ổ đĩa của máy này "
            "(--data-dir); bản sao lưu thì có thể chép lên ổ mạng."
        )


def open_workspace(data_dir: Path | None = None, clock: Clock | None = None) -> Workspace:
    """Open (creating and seeding on first run) the workspace in `data_dir`.

    ServiceError for an unusable folder (`check_data_dir`); `DataFileError` when the
    database file cannot be used (services/faults.py words it).
    """
    from cchc_tui.store.seeding import open_database

    clock = clock or Clock()
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    check_data_dir(data_dir)
    db = open_database(data_dir / DB_NAME, now_iso=clock.now_iso)
    return Workspace(data_dir=data_dir, db=db, clock=clock)
