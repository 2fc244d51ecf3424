"""What the installed package carries besides code: the PEP 561 marker and its data files."""
import importlib.resources
import sys

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_the_package_declares_and_ships_its_type_marker():
    assert importlib.resources.files("corpus_clean").joinpath("py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["corpus_clean"]
