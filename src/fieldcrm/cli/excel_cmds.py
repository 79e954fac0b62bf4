"""`fieldcrm import`, `fieldcrm export`, `fieldcrm export-template`: customer lists to and from Excel and CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from fieldcrm.cli.common import (
    CommandError,
    output_file,
    parse_day,
    print_json,
    print_table,
    profile_paths,
    services_of,
    writing,
)
from fieldcrm.cli.language import language, localizer
from fieldcrm.excel import (
    ImportHistory,
    ImportJob,
    ImportLimits,
    export_customers,
    write_error_workbook,
    write_template,
)
from fieldcrm.excel.fields import FIELDS
from fieldcrm.excel.headers import fold_header
from fieldcrm.excel.importer import ImportSummary, MappingProposal
from fieldcrm.services import CustomerQuery
from fieldcrm.times import for_people

_IGNORE = ("", "-", "ignore", "none")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import customers from .xlsx/.xls/.csv; `import history`, `import undo IMPORT_ID`",
        description="Import a customer list. `fieldcrm import history` lists imports; "
        "`fieldcrm import undo IMPORT_ID` undoes one.",
    )
    p.add_argument("file", metavar="FILE", help="the file to import, or `history`, or `undo`")
    p.add_argument("import_id", nargs="?", metavar="IMPORT_ID", help="with `undo`: the import to undo")
    p.add_argument("--sheet", help="the sheet to read (default: the first visible one)")
    p.add_argument("--dry-run", action="store_true", help="show the preview and write nothing")
    p.add_argument("--on-duplicate", choices=("skip", "update", "create"), default="skip")
    p.add_argument(
        "--map", action="append", default=[], metavar="列名=field", help=f"map a column: {', '.join(FIELDS)}"
    )
    p.add_argument("--save-mapping", action="store_true", help="remember this mapping for files with these headers")
    p.add_argument("--errors", metavar="OUT.xlsx", help="write the rows that failed, with the reason, to this file")
    p.add_argument("--max-rows", type=int, default=ImportLimits.max_rows, help="refuse sheets with more rows")
    p.add_argument(
        "--max-unpacked-mb", type=int, default=ImportLimits.max_unpacked_bytes // 2**20, help="refuse bigger files"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export customers (filters as in `customers list`) to .xlsx")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--search", default="")
    for option in ("grade", "stage", "region", "industry"):
        p.add_argument(f"--{option}")
    p.add_argument("--owner", help="owner's name")
    p.add_argument("--due", help="next follow-up on or before this day (YYYY-MM-DD)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the header row")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("export-template", help="a blank import template with drop-down lists")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_template)


def _apply_maps(proposal: MappingProposal, maps: list[str]) -> dict[int, str]:
    mapping = dict(proposal.mapping)
    by_header = {fold_header(h): i for i, h in enumerate(proposal.headers) if h}
    for item in maps:
        header, sep, field = item.partition("=")
        if not sep:
            raise CommandError(f"--map: '{item}' should look like 列名=field")
        index = by_header.get(fold_header(header))
        if index is None:
            raise CommandError(f"--map: there is no column '{header}'; the columns are {', '.join(proposal.headers)}")
        field = field.strip()
        if field.lower() in _IGNORE:
            mapping.pop(index, None)
            continue
        if field not in FIELDS:
            raise CommandError(f"--map: '{field}' is not an import field; use one of {', '.join(FIELDS)}")
        mapping = {i: f for i, f in mapping.items() if f != field}
        mapping[index] = field
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    if args.file == "history" and not Path("history").is_file():
        return _history(args)
    if args.file == "undo" and not Path("undo").is_file():
        if not args.import_id:
            raise CommandError("import undo: give the IMPORT_ID to undo (see `fieldcrm import history`)")
        return _undo(args)
    if args.import_id:
        raise CommandError(f"import: unexpected argument '{args.import_id}'")
    errors_file = output_file(args.errors, "--errors") if args.errors else None
    paths = profile_paths(args)
    with services_of(args) as services:
        limits = ImportLimits(max_unpacked_bytes=args.max_unpacked_mb * 2**20, max_rows=args.max_rows)
        job = ImportJob(services.store, args.file, config_dir=paths.config, limits=limits)
        proposal = job.read(args.sheet)
        mapping = _apply_maps(proposal, args.map)
        summary = job.preview(mapping, args.on_duplicate)
        if args.save_mapping:
            job.save_mapping(mapping)
        if not args.dry_run:
            summary = job.commit()
        if errors_file is not None:
            headers, rows = job.failed_rows()
            lang = "zh" if language(paths) == "zh_CN" else "en"
            with writing(errors_file, "--errors"):
                write_error_workbook(errors_file, headers, rows, lang, localizer(paths))
    if args.format == "json":
        print_json(summary.to_json())
    else:
        _print_summary(proposal, mapping, summary, args, localizer(paths))
    return 0


def _print_summary(
    proposal: MappingProposal, mapping: dict[int, str], summary: ImportSummary, args, say: Callable[[str], str]
) -> None:
    """The import's outcome for people; `say` puts each reason into the user's language."""
    if summary.notice:
        print(f"note: {summary.notice}")
    mapped = ", ".join(f"{proposal.headers[i]}→{f}" for i, f in sorted(mapping.items()))
    print(f"Sheet {proposal.sheet}, header on row {proposal.header_row}: {mapped}")
    unmapped = [h for i, h in enumerate(proposal.headers) if h and i not in mapping]
    if unmapped:
        print(f"Not imported: {', '.join(unmapped)}")
    print(
        f"new {summary.new}, update {summary.update}, duplicate {summary.duplicate}, "
        f"skipped {summary.skipped}, error {summary.error}"
    )
    if args.dry_run and summary.preview:
        rows = [
            {"row": p["row"], "status": p["status"], **p["customer"], "reason": say(p["reason"] or "")}
            for p in summary.preview
        ]
        keys = list(dict.fromkeys(k for r in rows for k in r))
        print_table(rows, [(k, k) for k in keys])
    for match in summary.possible_duplicates[:20]:
        print(f"row {match['row']}: {match['name']} may be the same as {', '.join(match['matches'])}")
    for warning in summary.warnings[:50]:
        print(f"row {warning.row}, {warning.column}: warning: {say(warning.reason)} (the row is imported all the same)")
    if len(summary.warnings) > 50:
        print(f"… and {len(summary.warnings) - 50} more warnings (use --format json to see them all)")
    for problem in summary.errors[:50]:
        print(f"row {problem.row}, {problem.column}: {say(problem.reason)}", file=sys.stderr)
    if len(summary.errors) > 50:
        print(f"… and {len(summary.errors) - 50} more problems (use --errors OUT.xlsx)", file=sys.stderr)
    if summary.import_id:
        print(f"Imported as {summary.import_id}; undo with `fieldcrm import undo {summary.import_id}`")
    elif args.dry_run:
        print("Dry run: nothing was written.")


def _history(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        rows = ImportHistory(services.store).list()
    if args.format == "json":
        print_json(rows)
    elif not rows:
        print("No imports yet.")
    else:
        rows = [{**r, "when": for_people(r["created_at"])} for r in rows]
        columns = [("import_id", "id"), ("when", "when"), ("file", "file"), ("new", "new")]
        columns += [("update", "update"), ("error", "error"), ("status", "status")]
        print_table(rows, columns)
    return 0


def _undo(args: argparse.Namespace) -> int:
    with services_of(args) as services:
        result = ImportHistory(services.store).undo(args.import_id)
    if args.format == "json":
        print_json(result.to_json())
    else:
        kept = f"; {result.kept} fields changed since were kept" if result.kept else ""
        print(f"Undid import {result.import_id}: {result.removed} rows removed, {result.restored} restored{kept}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if Path(args.file).suffix.lower() != ".xlsx":
        raise CommandError(f"export: '{args.file}' should end in .xlsx")
    target = output_file(args.file, "export", force=args.force)
    query = CustomerQuery(
        text=args.search,
        grade=args.grade,
        stage=args.stage,
        region=args.region,
        industry=args.industry,
        owner_name=args.owner,
        follow_up_due=parse_day(args.due, "due") if args.due else None,
    )
    with services_of(args) as services, writing(target, "export"):
        result = export_customers(services.store, target, query, lang=args.lang)
    print(f"Exported {result.written} customers to {target}")
    if result.left_out:
        print(f"Left out {result.left_out} customers that are not yours: your role may export only its own customers")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    target = output_file(args.file, "export-template", force=args.force)
    with services_of(args) as services:
        regions = services.search.distinct_values("region")
    with writing(target, "export-template"):
        write_template(target, regions or None, args.lang)
    print(f"Wrote the import template to {args.file}")
    return 0
