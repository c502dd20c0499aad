"""The ``kopedu`` command's subcommands, one module each (listed in ``kopedu.cli.COMMANDS``).

Each module exposes ``register(subparsers)``, which adds its parser and sets ``func`` to the
function that runs it; :mod:`kopedu.cli` builds the parser from them.
"""
