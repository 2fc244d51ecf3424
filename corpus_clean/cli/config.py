"""``--config FILE`` and ``--no-config`` on every subcommand: the project's table of the
subcommand (``corpus_clean.config``) gives its options' defaults, and the command line wins.

Both options are eager, so click reads them before the others; their callback loads the
file, checks each key of the subcommand's table against the subcommand's own options (the
option's long name without ``--``: ``rules = ["site.rules"]``, ``min-docs = 20``,
``no-chrome = true``) and sets them as the context's ``default_map``.  A path is relative to
the configuration file's folder.  An unknown key or a bad value is one line naming the file
and line, exit 2.
"""
from __future__ import annotations

import os
from collections.abc import Collection

import click

from ..config import ConfigFile, find_config, load_config
from ..errors import InputError

# Options that are actions or name this run's own files, not project settings.
NOT_SETTINGS = frozenset({"output", "in_place", "input_files", "list_only", "learn_mode", "version_info",
                          "list_rules", "write_baseline", "config_path", "no_config", "help", "version"})
META_KEY = "corpus_clean.config"


def _settings(command: click.Command) -> dict[str, click.Option]:
    """The configuration keys of a command's options: each long name without the dashes
    (``annotations --mode`` is also ``--annotations``: either key)."""
    return {name[2:]: p for p in command.params
            if isinstance(p, click.Option) and not p.hidden and p.name not in NOT_SETTINGS
            for name in p.opts if name.startswith("--")}


def option_defaults(ctx: click.Context, config: ConfigFile, command: str,
                    special: Collection[str] = ()) -> dict[str, object]:
    """The ``default_map`` of ``command`` from its table in ``config`` (``special``: keys the
    command reads itself, left out here)."""
    options = _settings(ctx.command)
    defaults: dict[str, object] = {}
    for key, value in config.table(command).items():
        if key in special:
            continue
        param = options.get(key)
        where = config.where(command, key)
        if param is None:
            raise InputError(f"{where}: unknown setting '{key}' for {command} "
                             f"(the settings are its options: {', '.join(sorted(options))})")
        if param.multiple and isinstance(value, str):
            value = [value]
        if param.is_flag and not isinstance(value, bool):
            raise InputError(f"{where}: '{key}' must be true or false")
        if param.multiple and not (isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)):
            raise InputError(f"{where}: '{key}' must be a list")
        if isinstance(value, (dict, list)) and not param.multiple:
            raise InputError(f"{where}: '{key}' must be a single value")
        if isinstance(param.type, click.Path):
            value = [_relative(config, v) for v in value] if param.multiple else _relative(config, value)
        try:
            param.type_cast_value(ctx, value)
        except click.BadParameter as err:
            raise InputError(f"{where}: '{key}': {err.message}") from None
        defaults[param.name] = value
    return defaults


def _relative(config: ConfigFile, value):
    if isinstance(value, str) and value != "-" and not os.path.isabs(value):
        return os.path.join(config.folder, value)
    return value


def config_options(fn=None, *, special: Collection[str] = (), file_option: bool = True):
    """Add ``--config FILE`` and ``--no-config``; ``special``: the table's keys the command
    reads itself (``check``'s gate), from ``ctx.meta[META_KEY]``, the loaded file or None.
    ``file_option=False``: only ``--no-config`` (``convert``, whose ``--config`` is the
    deprecated name of ``--opencc-config`` for one more release)."""
    if fn is None:
        return lambda f: config_options(f, special=special, file_option=file_option)

    def load(ctx: click.Context, param: click.Parameter, value):
        seen = ctx.meta.setdefault("corpus_clean.config-options", {})
        seen[param.name] = value
        if len(seen) < (2 if file_option else 1):  # the other option's callback loads, whichever comes last
            return value
        path, off = seen.get("config_path"), seen["no_config"]
        if path and off:
            raise click.UsageError("--config and --no-config cannot be used together")
        config = None if off else load_config(path) if path else find_config()
        ctx.meta[META_KEY] = config
        if config is not None:
            defaults = option_defaults(ctx, config, ctx.info_name or ctx.command.name, special)
            ctx.default_map = {**(ctx.default_map or {}), **defaults}
        return value

    fn = click.option("--no-config", is_flag=True, is_eager=True, expose_value=False, callback=load,
                      help="Ignore configuration files.")(fn)
    if file_option:
        fn = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), is_eager=True,
                          expose_value=False, callback=load,
                          help="Read settings from this file instead of searching corpus-clean.toml/"
                               "pyproject.toml upward.")(fn)
    return fn
