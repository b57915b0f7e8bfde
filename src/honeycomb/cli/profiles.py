"""Profiles on disk and their keys in the OS keyring (or a private file where none works).

``config.yaml`` in the config folder holds the profiles' settings and masked key hints,
never a secret. Keys go to the keyring under the service ``honeycomb-sdk``; every keyring
call runs with a short timeout, because a locked keyring (a desktop prompt nobody answers,
a D-Bus service that never replies) would otherwise hang the command. Where no backend
works, keys go to ``secrets/credentials.json``: the file is 0600 and its folder 0700, and
the user is told so.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from honeycomb.cli.context import CliError

__all__ = [
    "CONFIG_DIR_ENV",
    "KEYRING_SERVICE",
    "KEYRING_TIMEOUT",
    "ConfigStore",
    "Profile",
    "ProfileError",
    "SecretStore",
    "config_dir",
]

CONFIG_DIR_ENV = "HONEYCOMB_CONFIG_DIR"
KEYRING_SERVICE = "honeycomb-sdk"
KEYRING_TIMEOUT = 3.0
"""Seconds one keyring call may take before the keyring counts as unusable."""

SecretName = Literal["api_key", "management_key"]
SECRET_NAMES: tuple[SecretName, ...] = ("api_key", "management_key")
Storage = Literal["keyring", "file"]
T = TypeVar("T")


class ProfileError(CliError):
    """A profile that does not exist, or a config file that cannot be read."""


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The config folder: ``$HONEYCOMB_CONFIG_DIR``, else the platform's user config dir.

    Args:
        environ: The environment to read (``os.environ`` when None).

    Returns:
        The folder (it may not exist yet).
    """
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("honeycomb", appauthor=False))


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` atomically to a 0600 file in a 0700 folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass
class Profile:
    """One profile's settings. Secrets are held only while a command runs.

    Attributes:
        name: The profile name.
        api_url: The API root, when not the region's.
        region: ``us`` or ``eu``.
        storage: Where its keys live (``keyring`` or ``file``).
        api_key_hint: The masked configuration key, for display without the keyring.
        management_key_hint: The masked management key.
    """

    name: str
    api_url: str | None = None
    region: str | None = None
    storage: Storage | None = None
    api_key_hint: str | None = None
    management_key_hint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def settings(self) -> dict[str, Any]:
        """The record written to ``config.yaml`` (no secrets)."""
        record: dict[str, Any] = {
            "api_url": self.api_url,
            "region": self.region,
            "storage": self.storage,
            "api_key": self.api_key_hint,
            "management_key": self.management_key_hint,
            **self.extra,
        }
        return {k: v for k, v in record.items() if v is not None}

    @classmethod
    def from_settings(cls, name: str, record: Mapping[str, Any]) -> Profile:
        """Read one record of ``config.yaml``."""
        known = {"api_url", "region", "storage", "api_key", "management_key"}
        storage = record.get("storage")
        return cls(
            name=name,
            api_url=record.get("api_url"),
            region=record.get("region"),
            storage=storage if storage in ("keyring", "file") else None,
            api_key_hint=record.get("api_key"),
            management_key_hint=record.get("management_key"),
            extra={k: v for k, v in record.items() if k not in known},
        )


class ConfigStore:
    """``config.yaml``: the profiles and which one is the default.

    Args:
        folder: The config folder.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "config.yaml"
        self.default: str | None = None
        self.profiles: dict[str, Profile] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        import yaml

        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise ProfileError(f"cannot read {self.path}: {err}") from err
        if not isinstance(data, dict):
            raise ProfileError(f"cannot read {self.path}: expected a mapping at the top")
        default = data.get("default")
        self.default = default if isinstance(default, str) else None
        for name, record in (data.get("profiles") or {}).items():
            self.profiles[str(name)] = Profile.from_settings(str(name), record or {})

    def save(self) -> None:
        """Write the file (0600, folder 0700)."""
        import yaml

        data: dict[str, Any] = {}
        if self.default is not None:
            data["default"] = self.default
        data["profiles"] = {name: p.settings() for name, p in sorted(self.profiles.items())}
        _write_private(self.path, yaml.safe_dump(data, sort_keys=False))

    def get(self, name: str) -> Profile:
        """The named profile.

        Raises:
            ProfileError: When there is no such profile.
        """
        try:
            return self.profiles[name]
        except KeyError:
            known = ", ".join(sorted(self.profiles)) or "none yet"
            raise ProfileError(
                f"no profile named {name!r} (profiles: {known}); "
                f"create it with: honeycomb auth login --profile {name}"
            ) from None

    def remove(self, name: str) -> bool:
        """Forget a profile; clears the default when it was the default.

        Returns:
            Whether it was the default.
        """
        self.get(name)
        del self.profiles[name]
        was_default = self.default == name
        if was_default:
            self.default = None
        return was_default


class KeyringUnavailable(Exception):
    """The keyring failed or did not answer in time."""


class SecretStore:
    """Keys by profile: the OS keyring first, a private file where no keyring works.

    Args:
        folder: The config folder (the file fallback is ``secrets/credentials.json`` in it).
        warn: Called with a message when a key falls back to the file.
        timeout: Seconds one keyring call may take.
    """

    def __init__(
        self,
        folder: Path,
        *,
        warn: Callable[[str], None] = lambda message: None,
        timeout: float = KEYRING_TIMEOUT,
    ) -> None:
        self.path = folder / "secrets" / "credentials.json"
        self._warn = warn
        self._timeout = timeout
        self._keyring_broken: str | None = None

    # -- the keyring, bounded in time ----------------------------------------------

    def _keyring(self, call: Callable[[Any], T]) -> T:
        """Run ``call(keyring_module)`` in a worker thread that may take ``timeout``."""
        if self._keyring_broken is not None:
            raise KeyringUnavailable(self._keyring_broken)
        outcome: list[Any] = []

        def work() -> None:
            try:
                import keyring

                outcome.append((True, call(keyring)))
            except BaseException as err:  # reported to the caller below
                outcome.append((False, err))

        worker = threading.Thread(target=work, name="honeycomb-keyring", daemon=True)
        worker.start()
        worker.join(self._timeout)
        if not outcome:
            self._keyring_broken = f"the keyring did not answer within {self._timeout:g} s"
            raise KeyringUnavailable(self._keyring_broken)
        ok, value = outcome[0]
        if not ok:
            reason = str(value) or type(value).__name__
            self._keyring_broken = reason
            raise KeyringUnavailable(reason) from value
        result: T = value
        return result

    @staticmethod
    def _user(profile: str, name: SecretName) -> str:
        return f"{profile}:{name}"

    # -- the file fallback ----------------------------------------------------------

    def _read_file(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ProfileError(f"cannot read {self.path}: {err}") from err
        return data if isinstance(data, dict) else {}

    def _write_file(self, data: dict[str, dict[str, str]]) -> None:
        _write_private(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    # -- the store --------------------------------------------------------------------

    def store(self, profile: str, secrets: Mapping[SecretName, str]) -> Storage:
        """Save a profile's keys, replacing the ones it had.

        Args:
            profile: The profile name.
            secrets: ``api_key`` and/or ``management_key`` values.

        Returns:
            Where they went: ``keyring``, or ``file`` after a warning.
        """
        try:
            for name in SECRET_NAMES:
                user = self._user(profile, name)
                if name in secrets:
                    self._keyring_set(user, secrets[name])
                else:
                    self._keyring_delete(user)
        except KeyringUnavailable as err:
            data = self._read_file()
            data[profile] = {str(k): v for k, v in secrets.items()}
            self._write_file(data)
            self._warn(
                f"No usable keyring ({err}); the keys of profile {profile!r} are stored in "
                f"{self.path}, readable only by you (mode 0600)."
            )
            return "file"
        self._forget_file(profile)
        return "keyring"

    def _keyring_set(self, user: str, value: str) -> None:
        def put(kr: Any) -> None:
            kr.set_password(KEYRING_SERVICE, user, value)

        self._keyring(put)

    def _keyring_get(self, user: str) -> str | None:
        def get(kr: Any) -> str | None:
            found = kr.get_password(KEYRING_SERVICE, user)
            return found if isinstance(found, str) else None

        return self._keyring(get)

    def _keyring_delete(self, user: str) -> None:
        def delete(kr: Any) -> None:
            with contextlib.suppress(kr.errors.PasswordDeleteError):
                kr.delete_password(KEYRING_SERVICE, user)

        self._keyring(delete)

    def _forget_file(self, profile: str) -> None:
        data = self._read_file()
        if profile in data:
            del data[profile]
            self._write_file(data)

    def load(self, profile: str, storage: Storage | None) -> dict[SecretName, str]:
        """A profile's keys, from where they were stored.

        Args:
            profile: The profile name.
            storage: ``keyring`` or ``file`` (None: look in both).

        Returns:
            The keys found (possibly none).

        Raises:
            ProfileError: When the keyring holding them cannot be read.
        """
        found: dict[SecretName, str] = {}
        if storage in (None, "file"):
            record = self._read_file().get(profile, {})
            for name in SECRET_NAMES:
                if isinstance(record.get(name), str):
                    found[name] = record[name]
        if storage in (None, "keyring") and not found:
            try:
                for name in SECRET_NAMES:
                    user = self._user(profile, name)
                    value = self._keyring_get(user)
                    if isinstance(value, str):
                        found[name] = value
            except KeyringUnavailable as err:
                if storage == "keyring":
                    raise ProfileError(
                        f"cannot read the keys of profile {profile!r} from the keyring ({err}); "
                        f"unlock it, or log in again: honeycomb auth login --profile {profile}"
                    ) from err
        return found

    def forget(self, profile: str) -> None:
        """Delete a profile's keys wherever they are (a broken keyring is skipped)."""
        self._forget_file(profile)
        try:
            for name in SECRET_NAMES:
                self._keyring_delete(self._user(profile, name))
        except KeyringUnavailable:
            pass
