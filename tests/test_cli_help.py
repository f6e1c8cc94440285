"""Every command's --help shows an example call."""

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sgnet.cli import app

runner = CliRunner()
COMMANDS = sorted(get_command(app).commands)


def test_the_commands_are_found():
    assert {"validate", "report", "template"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert f"Example: sgnet {command}" in result.output
