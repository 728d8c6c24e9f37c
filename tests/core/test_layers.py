"""The layers hold, the contracts would catch an import that breaks them, and the README draws them as they are."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


ORGANISATIONS = 'source_modules = ["organisations"]\nforbidden_modules = [\n'


def lint_imports(config: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(LINT_IMPORTS), "--no-cache", *(["--config", str(config)] if config else [])]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def project_config() -> str:
    return (ROOT / "pyproject.toml").read_text()


def test_the_import_contracts_are_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("change", "broken"),
    [
        # organisations may import core: take core off what it may import, and the contract breaks.
        ((ORGANISATIONS, ORGANISATIONS + '    "core",\n'), "organisations imports only core"),
        # reporting may use the domains: put the domains above it, and the layers break.
        (
            (
                '    "reporting : benchmarking : api_access",\n'
                '    "delivery_plans | hra | slas | inspections | tenants | agreements | consultations",\n',
                '    "delivery_plans | hra | slas | inspections | tenants | agreements | consultations",\n'
                '    "reporting : benchmarking : api_access",\n',
            ),
            "reporting, benchmarking and the API tokens may use the domains",
        ),
    ],
)
def test_a_contract_breaks_when_its_allowed_imports_shrink(tmp_path, change, broken):
    old, new = change
    text = project_config()
    assert old in text, "the contract this test edits has changed: update the test"
    config = tmp_path / "pyproject.toml"
    config.write_text(text.replace(old, new, 1))
    result = lint_imports(config)
    assert result.returncode != 0
    assert broken in result.stdout.replace("\n", " ")


def readme_layers() -> list[set[str]]:
    """The layers as the README's diagram draws them, top to bottom."""
    readme = (ROOT / "README.md").read_text()
    diagram = re.search(r"## How the pieces fit\n.*?```text\n(.*?)```", readme, re.S)
    assert diagram, "the README has no diagram under 'How the pieces fit'"
    layers = []
    for line in diagram.group(1).splitlines():
        names = re.findall(r"\b([a-z_]+)/", line)
        if names:
            layers.append(set(names))
    return layers


def test_the_readme_diagram_matches_the_layers_contract():
    config = tomllib.loads(project_config())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    layers = [set(re.split(r"\s*[|:]\s*", layer.strip())) for layer in contract["layers"]]
    assert readme_layers() == layers


def test_the_portals_own_static_sources_are_served(client, db, django_user_model):
    """The favicon lives in the top-level static/ folder, beside the git-ignored build/ folder."""
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/static/images/favicon.svg"' in page
    assert client.get("/static/images/favicon.svg").status_code == 200
    assert "static/build/" in (ROOT / ".gitignore").read_text().split()
