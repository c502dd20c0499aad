"""The ``kopedu`` command's subcommands, one module each (listed in ``kopedu.cli.COMMANDS``).

Each module exposes ``register(subparsers)``, which adds its parser to the subcommands of
:func:`kopedu.cli.build_parser` and sets ``func`` to the function that runs it: that function
takes the parsed command line (``args``) and returns the exit code (:mod:`kopedu.cli` lists
the codes).
"""
