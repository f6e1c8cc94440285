"""Conda parity: environment.yml and pyproject.toml name the same dependencies, same lower bounds."""

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sgnet.paths import PROJECT_DIR

#: PyPI name -> conda-forge name, where they differ. None of sgnet's differ today; add the pair
#: here when one does (as for "tables" -> "pytables" or "torch" -> "pytorch").
CONDA_NAMES = {"tables": "pytables", "torch": "pytorch"}

_SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9A-Za-z.]*))?\s*(?:,.*)?$")


def _lower_bound(req: Requirement) -> str | None:
    bounds = [s.version for s in req.specifier if s.operator == ">="]
    return bounds[0] if bounds else None


def pyproject_requirements() -> dict[str, str | None]:
    """Every dependency of the package and of its extras: canonical name -> lower bound."""
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    out: dict[str, str | None] = {}
    for text in reqs:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        bound = _lower_bound(req)
        assert out.get(name, bound) == bound, f"{name} has two lower bounds in pyproject.toml"
        out[name] = bound
    return out


def environment_requirements() -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(conda packages, pip packages) of environment.yml: name -> lower bound."""
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda: dict[str, str | None] = {}
    pip: dict[str, str | None] = {}
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            for spec in entry.get("pip", []):
                if spec.startswith("-e"):
                    continue
                req = Requirement(spec)
                pip[canonicalize_name(req.name)] = _lower_bound(req)
            continue
        match = _SPEC.match(entry)
        assert match, f"environment.yml: cannot read {entry!r}"
        conda[match[1].lower()] = match[2]
    return conda, pip


def test_same_dependencies_and_lower_bounds():
    wanted = pyproject_requirements()
    conda, pip = environment_requirements()
    found = dict(pip)
    for name, bound in conda.items():
        if name in ("python", "pip"):
            continue
        pypi = next((p for p, c in CONDA_NAMES.items() if c == name), name)
        found[canonicalize_name(pypi)] = bound
    missing = sorted(set(wanted) - set(found))
    extra = sorted(set(found) - set(wanted))
    differ = {n: (wanted[n], found[n]) for n in set(wanted) & set(found) if wanted[n] != found[n]}
    assert missing == [], f"in pyproject.toml but not environment.yml: {missing}"
    assert extra == [], f"in environment.yml but not pyproject.toml: {extra}"
    assert differ == {}, f"lower bounds differ (pyproject, environment.yml): {differ}"


def test_every_dependency_has_a_lower_bound():
    unbounded = [n for n, b in pyproject_requirements().items() if b is None]
    assert unbounded == []


def test_same_python():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conda, _ = environment_requirements()
    assert project["requires-python"] == f">={conda['python']}"


def test_the_parsers_see_the_known_dependencies():
    wanted = pyproject_requirements()
    conda, pip = environment_requirements()
    assert wanted["pandas"] == "2.2" and conda["pandas"] == "2.2"
    assert pip["cpca"] == "0.5.5" and "cpca" not in conda
    assert wanted["ipywidgets"] == conda["ipywidgets"]
