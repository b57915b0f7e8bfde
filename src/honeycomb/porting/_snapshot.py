"""``Snapshot``: an environment's configuration as portable objects, and its file tree.

The tree ``Snapshot.write(dir)`` makes::

    dir/
      manifest.yaml                      format, version, source environment, datasets
      datasets/api.yaml
      columns/api/duration_ms.yaml
      calculated_fields/api/is_error.yaml
      recipients/email-oncall-example.com.yaml
      slos/api/checkout-availability.yaml
      burn_alerts/api/checkout-availability-exhaustion_time-60m.yaml
      triggers/__all__/error-budget.yaml
      triggers/api/high-latency.yaml
      marker_settings/api/deploy.yaml
      query_annotations/api/slow-endpoints.yaml
      boards/service-health.yaml

One file per object, named from its name (lower case, unsafe characters replaced); two
objects whose names give the same file name keep the name in sorted order of their keys,
the others get a suffix made from a hash of their key, so the suffix never changes while
the object exists. The file's content says the real name. There are no ids and no
timestamps, keys are sorted, so exporting an unchanged environment again writes a
byte-identical tree. ``write`` removes the object files it no longer writes (and nothing
else: a README or ``.git`` next to them is left alone).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from honeycomb.errors import HoneycombError
from honeycomb.porting._objects import (
    DATASET_KINDS,
    ENVIRONMENT_KINDS,
    KINDS,
    PortableObject,
    assign_keys,
    canonical,
    without_defaults,
)

__all__ = ["FORMAT", "FORMAT_VERSION", "Snapshot", "SnapshotError"]

FORMAT = "honeycomb-snapshot"
FORMAT_VERSION = 1
"""The version of the file format ``write`` produces and the newest ``read`` accepts."""

Format = Literal["yaml", "json"]
WriteFormat = Literal["yaml", "json", "terraform"]

_DIRS = {kind: f"{kind}s" for kind in KINDS}
_KIND_OF_DIR = {v: k for k, v in _DIRS.items()}
_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_FIRST_KEYS = ("slug", "name", "alias", "key_name", "type")
_UNSAFE = re.compile(r"[^a-z0-9._@-]+")


class SnapshotError(HoneycombError, ValueError):
    """A snapshot cannot be read, written or remapped: the message names the file or field."""


def _yaml() -> Any:
    try:
        import yaml
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise SnapshotError(
            'YAML snapshots need PyYAML: pip install "honeycomb-sdk[porting]" '
            "(or write the snapshot as JSON)"
        ) from err
    return yaml


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def _document(obj: PortableObject) -> dict[str, Any]:
    head: dict[str, Any] = {"kind": obj.kind}
    if obj.dataset is not None:
        head["dataset"] = obj.dataset
    spec = _sorted(obj.spec)
    first = [k for k in _FIRST_KEYS if k in spec]
    rest = [k for k in spec if k not in first]
    return {**head, **{k: spec[k] for k in first + rest}}


def _dump(data: Mapping[str, Any], fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    text: str = _yaml().safe_dump(
        dict(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return text


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if _EXTENSIONS[path.suffix] == "json":
            return json.loads(text)
        return _yaml().safe_load(text)
    except (ValueError, _yaml().YAMLError) as err:
        raise SnapshotError(f"{path}: not valid {path.suffix[1:].upper()}: {err}") from err


def safe_file_name(name: str) -> str:
    """A file name (without extension) for an object's name: lower case, safe characters.

    Args:
        name: The object's name.

    Returns:
        The stem, at most 80 characters, never empty.
    """
    stem = _UNSAFE.sub("-", name.lower()).strip("-.")
    return stem[:80].rstrip("-.") or "unnamed"


def _file_name(obj: PortableObject) -> str:
    """What an object's file is named from: its key, except that a PagerDuty recipient is
    named by its integration's name, so file listings never show the integration key."""
    if obj.kind == "recipient" and obj.spec.get("type") == "pagerduty":
        details = obj.spec.get("details") or {}
        return f"pagerduty-{details.get('pagerduty_integration_name') or 'integration'}"
    return obj.key


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


class Snapshot:
    """The configuration of an environment, with every reference symbolic.

    Made by ``client.porting.export()`` or :meth:`read`; compared with a target by
    ``client.porting.plan(snapshot)``.

    Examples:
        >>> from honeycomb.porting import PortableObject, Snapshot
        >>> snap = Snapshot([PortableObject("marker_setting", "api",
        ...                                 {"type": "deploy", "color": "#00ff00"})])
        >>> [o.label for o in snap]
        ['marker_setting api/"deploy"']

    Args:
        objects: The portable objects (keys are assigned here).
        source: Where it came from: ``team``, ``environment``, ``api_url``.
        datasets: The datasets it covers, when it was exported for some datasets only;
            None when it holds the whole environment (``plan(prune=True)`` deletes only
            inside what a snapshot covers).
    """

    def __init__(
        self,
        objects: Iterable[PortableObject] = (),
        *,
        source: Mapping[str, Any] | None = None,
        datasets: Iterable[str] | None = None,
    ) -> None:
        items = list(objects)
        for obj in items:
            _check_object(obj)
            obj.spec = without_defaults(obj.kind, obj.spec)
        self.objects: list[PortableObject] = assign_keys(items)
        self.source: dict[str, Any] = dict(source or {})
        self.datasets: list[str] | None = sorted(set(datasets)) if datasets is not None else None

    def __iter__(self) -> Iterator[PortableObject]:
        return iter(self.objects)

    def __len__(self) -> int:
        return len(self.objects)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={n}" for k, n in self.counts().items())
        return f"Snapshot({counts or 'empty'})"

    def counts(self) -> dict[str, int]:
        """How many objects of each kind it holds (kinds with none left out)."""
        out: dict[str, int] = {}
        for obj in self.objects:
            out[obj.kind] = out.get(obj.kind, 0) + 1
        return out

    def of_kind(self, kind: str) -> list[PortableObject]:
        """The objects of one kind, in key order."""
        return [o for o in self.objects if o.kind == kind]

    def get(self, kind: str, dataset: str | None, key: str) -> PortableObject | None:
        """The object with this address, or None."""
        for obj in self.objects:
            if obj.address == (kind, dataset, key):
                return obj
        return None

    def covers(self, dataset: str | None) -> bool:
        """Whether objects of ``dataset`` (None: of the environment) are in scope."""
        if self.datasets is None:
            return True
        return dataset is not None and dataset in self.datasets

    def to_dict(self) -> dict[str, Any]:
        """The snapshot as one JSON-ready document (manifest and objects)."""
        return {**self._manifest(), "objects": [_document(o) for o in self.objects]}

    def _manifest(self) -> dict[str, Any]:
        manifest: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION}
        if self.source:
            manifest["source"] = _sorted(self.source)
        if self.datasets is not None:
            manifest["datasets"] = list(self.datasets)
        return manifest

    # -- files ---------------------------------------------------------------------------

    def paths(self, fmt: Format = "yaml") -> dict[str, PortableObject]:
        """The relative path of every object's file (POSIX separators).

        Args:
            fmt: ``"yaml"`` or ``"json"`` (the extension).

        Returns:
            Path -> object, in the snapshot's order.
        """
        extension = ".yaml" if fmt == "yaml" else ".json"
        groups: dict[str, list[PortableObject]] = {}
        for obj in self.objects:
            folder = _DIRS[obj.kind] + (f"/{obj.dataset}" if obj.dataset is not None else "")
            groups.setdefault(f"{folder}/{safe_file_name(_file_name(obj))}", []).append(obj)
        out: dict[str, PortableObject] = {}
        for stem, members in groups.items():
            members.sort(key=lambda o: o.key)
            for index, obj in enumerate(members):
                suffix = "" if index == 0 else f"--{_short_hash(obj.key)}"
                out[f"{stem}{suffix}{extension}"] = obj
        return out

    def write(
        self, directory: str | os.PathLike[str], *, format: WriteFormat = "yaml"
    ) -> list[Path]:
        """Write one file per object, and the manifest, under ``directory``.

        Files are rewritten only when their content changes, and object files that no
        longer belong to the snapshot are removed (in the kind folders only). With
        ``format="terraform"`` it writes ``.tf`` files for the ``honeycombio`` provider
        instead (see ``honeycomb.porting.terraform_files``), which cannot be read back.

        Examples:
            >>> snapshot = client.porting.export()
            >>> [path.name for path in snapshot.write("honeycomb/prod", format="json")]
            ['manifest.json', 'api.json', 'web.json']

        Args:
            directory: The folder (created when missing).
            format: ``"yaml"`` (needs the ``porting`` extra), ``"json"`` or ``"terraform"``.

        Returns:
            The paths of every file of the snapshot (manifest first).

        Raises:
            SnapshotError: ``format`` is neither, or YAML without PyYAML.
        """
        if format == "terraform":
            from honeycomb.porting._terraform import write_terraform

            return write_terraform(self, directory)
        if format not in ("yaml", "json"):
            raise SnapshotError(f"format must be 'yaml', 'json' or 'terraform', not {format!r}")
        root = Path(directory)
        root.mkdir(parents=True, exist_ok=True)
        manifest = root / f"manifest.{format}"
        written = [manifest]
        _write_if_changed(manifest, _dump(self._manifest(), format))
        other = root / ("manifest.json" if format == "yaml" else "manifest.yaml")
        if other.exists():
            other.unlink()
        for rel, obj in self.paths(format).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_if_changed(path, _dump(_document(obj), format))
            written.append(path)
        _remove_stale(root, set(written))
        return written

    @classmethod
    def read(cls, directory: str | os.PathLike[str]) -> Snapshot:
        """Read a snapshot that :meth:`write` (or a person) made.

        Examples:
            >>> files = client.porting.export().write("honeycomb/prod")
            >>> snapshot = Snapshot.read("honeycomb/prod")
            >>> snapshot, staging.porting.plan(snapshot)
            (Snapshot(dataset=2), Plan(create=2, update=0, delete=0))

        Args:
            directory: The folder holding ``manifest.yaml`` (or ``manifest.json``).

        Returns:
            The snapshot.

        Raises:
            SnapshotError: No manifest, a newer format version, or a file that does not
                describe one valid object (the message names the file).
        """
        root = Path(directory)
        manifests = [p for p in (root / "manifest.yaml", root / "manifest.json") if p.exists()]
        if not manifests:
            raise SnapshotError(f"{root}: no manifest.yaml or manifest.json (not a snapshot)")
        manifest = _load(manifests[0])
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise SnapshotError(f"{manifests[0]}: not a {FORMAT} manifest")
        version = manifest.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
            raise SnapshotError(
                f"{manifests[0]}: format version {version!r} is not supported "
                f"(this SDK reads versions 1 to {FORMAT_VERSION})"
            )
        objects = [_object_from_file(path) for path in _object_files(root)]
        datasets = manifest.get("datasets")
        if datasets is not None and not (
            isinstance(datasets, list) and all(isinstance(d, str) for d in datasets)
        ):
            raise SnapshotError(f"{manifests[0]}: datasets must be a list of slugs")
        source = manifest.get("source")
        return cls(objects, source=source if isinstance(source, dict) else None, datasets=datasets)

    # -- moving between environments ----------------------------------------------------

    def remap(self, dataset_map: Mapping[str, str] | None) -> Snapshot:
        """The same snapshot with datasets renamed, references included.

        Examples:
            >>> snapshot = client.porting.export(datasets=["api"])
            >>> [obj.key for obj in snapshot.remap({"api": "api-staging"}).of_kind("dataset")]
            ['api-staging']

        Args:
            dataset_map: Source slug -> target slug.

        Returns:
            A new snapshot (this one is unchanged).

        Raises:
            SnapshotError: A source dataset the snapshot does not have, or two datasets
                mapped onto one.
        """
        if not dataset_map:
            return self
        known = {o.dataset for o in self.objects if o.dataset is not None}
        known |= {str(o.spec.get("slug")) for o in self.of_kind("dataset")}
        known |= set(self.datasets or [])
        unknown = sorted(set(dataset_map) - known)
        if unknown:
            raise SnapshotError(
                f"--map-dataset names datasets the snapshot does not have: {', '.join(unknown)}"
            )
        final = [dataset_map.get(d, d) for d in sorted(known)]
        clashes = sorted({d for d in final if final.count(d) > 1})
        if clashes:
            raise SnapshotError(f"two datasets would map onto {', '.join(clashes)}")

        def move(slug: Any) -> Any:
            return dataset_map.get(slug, slug) if isinstance(slug, str) else slug

        moved = []
        for obj in self.objects:
            spec = json.loads(canonical(obj.spec))
            if obj.kind == "dataset" and spec.get("slug") in dataset_map:
                spec["slug"] = spec["name"] = dataset_map[spec["slug"]]
            for ref in (spec.get("slo"),):
                if isinstance(ref, dict):
                    ref["dataset"] = move(ref.get("dataset"))
            if isinstance(spec.get("dataset_slugs"), list):
                spec["dataset_slugs"] = sorted(move(s) for s in spec["dataset_slugs"])
            for panel in spec.get("panels") or []:
                if isinstance(panel, dict):
                    if "dataset" in panel:
                        panel["dataset"] = move(panel["dataset"])
                    if isinstance(panel.get("slo"), dict):
                        panel["slo"]["dataset"] = move(panel["slo"].get("dataset"))
            moved.append(PortableObject(obj.kind, move(obj.dataset), spec))
        datasets = None if self.datasets is None else [move(d) for d in self.datasets]
        return Snapshot(moved, source=self.source, datasets=datasets)


def _check_object(obj: PortableObject) -> None:
    if obj.kind not in KINDS:
        raise SnapshotError(f"unknown kind {obj.kind!r} (expected one of {', '.join(KINDS)})")
    if obj.kind in ENVIRONMENT_KINDS and obj.dataset is not None:
        raise SnapshotError(f"a {obj.kind} belongs to no dataset, got dataset {obj.dataset!r}")
    if obj.kind in DATASET_KINDS and not obj.dataset:
        raise SnapshotError(f"a {obj.kind} needs a dataset")
    if not isinstance(obj.spec, dict):
        raise SnapshotError(f"a {obj.kind}'s spec must be a mapping")


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def _object_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in sorted(_KIND_OF_DIR):
        base = root / folder
        if base.is_dir():
            files.extend(
                p for p in sorted(base.rglob("*")) if p.is_file() and p.suffix in _EXTENSIONS
            )
    return files


def _remove_stale(root: Path, keep: set[Path]) -> None:
    for path in _object_files(root):
        if path not in keep:
            path.unlink()
    for folder in sorted(_KIND_OF_DIR):
        base = root / folder
        if not base.is_dir():
            continue
        for sub in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
            if not any(sub.iterdir()):
                sub.rmdir()
        if not any(base.iterdir()):
            base.rmdir()


def _object_from_file(path: Path) -> PortableObject:
    data = _load(path)
    if not isinstance(data, dict):
        raise SnapshotError(f"{path}: expected a mapping with kind and the object's fields")
    spec = dict(data)
    kind = spec.pop("kind", None)
    if kind not in KINDS:
        raise SnapshotError(f"{path}: unknown kind {kind!r}")
    dataset = spec.pop("dataset", None)
    if kind in DATASET_KINDS and not isinstance(dataset, str):
        raise SnapshotError(f"{path}: a {kind} needs a dataset")
    if kind in ENVIRONMENT_KINDS and dataset is not None:
        raise SnapshotError(f"{path}: a {kind} belongs to no dataset")
    return PortableObject(kind, dataset, spec)
