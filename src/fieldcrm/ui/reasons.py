"""The services explain a refusal in one English sentence (the CLI and the logs show them as written); the window
shows the same sentence in the user's language. Each known sentence is a template here, marked for Qt's
translation tools; its `{n}` parts (a value, a file name, a number) are carried over into the translation.

A sentence made of parts ("same phone as an existing customer; it belongs to another rep") is translated part by
part; a "file name: why" sentence keeps its name. A sentence no template matches is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication

from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "reasons"

TEMPLATES = (
    # fields (services/validation.py, excel/cleaners.py)
    QT_TRANSLATE_NOOP("reasons", "is required and was left empty"),
    QT_TRANSLATE_NOOP("reasons", "is required"),
    QT_TRANSLATE_NOOP("reasons", "is {0} characters long; at most {1} are allowed"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a phone number (it has {1} digits)"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a phone number"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "'{0}' was shortened by Excel to scientific notation and its last digits are lost; type the number again as"
        " text",
    ),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a grade; use one of {1}"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a lifecycle stage; use one of {1}"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "'{0}' is not a valid unified social credit code (18 characters with a matching check digit)",
    ),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not an e-mail address"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a date; write it as YYYY-MM-DD"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a date that exists"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a kind of contact; use one of {1}"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a role; use one of {1}"),
    QT_TRANSLATE_NOOP("reasons", "are too long; at most 500 characters in all"),
    QT_TRANSLATE_NOOP("reasons", "is not a customer field"),
    QT_TRANSLATE_NOOP("reasons", "is not a contact field"),
    QT_TRANSLATE_NOOP("reasons", "cannot be changed once set; it identifies the company"),
    QT_TRANSLATE_NOOP("reasons", "must be at least 8 characters"),
    QT_TRANSLATE_NOOP("reasons", "is required, e.g. https://crm.example.com"),
    # a team's own settings (domain/team_rules.py, services/team_rules.py)
    QT_TRANSLATE_NOOP("reasons", "the team's settings must be a JSON object"),
    QT_TRANSLATE_NOOP("reasons", "is not a team setting"),
    QT_TRANSLATE_NOOP("reasons", "must be true or false"),
    QT_TRANSLATE_NOOP("reasons", "must map rep ids to whole numbers from 0 to {0}"),
    QT_TRANSLATE_NOOP("reasons", "must be a whole number from {0} to {1}, or off"),
    QT_TRANSLATE_NOOP("reasons", "must be a whole number from {0} to {1}"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a time zone"),
    QT_TRANSLATE_NOOP("reasons", "only the team's supervisor or an admin may change the team's settings"),
    QT_TRANSLATE_NOOP("reasons", "a team's settings row is the one of its team and cannot be moved to another"),
    QT_TRANSLATE_NOOP("reasons", "must be a list of at most {0} pools, each an object with a name"),
    QT_TRANSLATE_NOOP(
        "reasons", "each pool needs a name of its own (not empty, not repeated, not the default pool's {0})"
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "pool {0}: give its regions and/or industries, each a list of names that are not empty"
    ),
    QT_TRANSLATE_NOOP("reasons", "pool {0}: '{1}' is not a pool's setting (name, regions, industries, rules)"),
    QT_TRANSLATE_NOOP("reasons", "pool {0}: '{1}' is not a rule a pool may set"),
    QT_TRANSLATE_NOOP("reasons", "cannot read {0}: {1}"),
    QT_TRANSLATE_NOOP("reasons", "you are in no team; a team's settings are set by its supervisor"),
    QT_TRANSLATE_NOOP("reasons", "write each setting as key=value"),
    # customers, visits, plans, opportunities
    QT_TRANSLATE_NOOP("reasons", "this customer belongs to another rep; ask your supervisor to reassign it"),
    QT_TRANSLATE_NOOP("reasons", "is before the start of the visit"),
    QT_TRANSLATE_NOOP("reasons", "cannot be edited on a visit"),
    QT_TRANSLATE_NOOP("reasons", "only the rep who logged a visit can correct it"),
    QT_TRANSLATE_NOOP("reasons", "belongs to another customer"),
    QT_TRANSLATE_NOOP("reasons", "this planned stop was cancelled"),
    QT_TRANSLATE_NOOP("reasons", "must list every stop of the day exactly once"),
    QT_TRANSLATE_NOOP("reasons", "this stop is {0} and can no longer be moved"),
    QT_TRANSLATE_NOOP("reasons", "this stop is already done; a logged visit cannot be cancelled"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not an amount of money"),
    QT_TRANSLATE_NOOP("reasons", "cannot be negative"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not an open stage; use one of {1}"),
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a stage; use one of {1}"),
    QT_TRANSLATE_NOOP("reasons", "the opportunity is already at {0}"),
    QT_TRANSLATE_NOOP("reasons", "is required when an opportunity is lost"),
    # handover (domain/handover.py)
    QT_TRANSLATE_NOOP("reasons", "say why the customer is handed over"),
    QT_TRANSLATE_NOOP("reasons", "say why the handover is declined"),
    QT_TRANSLATE_NOOP("reasons", "only the rep who holds a customer, or their supervisor, can hand it over"),
    QT_TRANSLATE_NOOP("reasons", "only a customer a rep holds can be handed over; assign pool customers instead"),
    QT_TRANSLATE_NOOP("reasons", "a customer cannot be handed over to the rep who holds it"),
    QT_TRANSLATE_NOOP("reasons", "a customer can be handed over only to a rep of the same team"),
    QT_TRANSLATE_NOOP("reasons", "only the rep receiving the customer can accept the handover"),
    QT_TRANSLATE_NOOP("reasons", "only the supervisor of both reps can approve the handover"),
    QT_TRANSLATE_NOOP("reasons", "only the receiving rep or the supervisor can decline the handover"),
    QT_TRANSLATE_NOOP(
        "reasons", "this handover waits for the receiving rep to accept it; it can be approved after that"
    ),
    QT_TRANSLATE_NOOP("reasons", "this handover was already accepted; it waits for the supervisor's approval"),
    QT_TRANSLATE_NOOP("reasons", "this handover was already approved; the customer has moved"),
    QT_TRANSLATE_NOOP("reasons", "this handover was declined; ask for a new one if the customer should still move"),
    QT_TRANSLATE_NOOP("reasons", "a handover starts as requested; accept, approve and decline are its steps"),
    QT_TRANSLATE_NOOP("reasons", "a handover changes only through accept, approve or decline"),
    QT_TRANSLATE_NOOP("reasons", "what a handover is about (customer, reps, reason) is fixed once it is asked for"),
    QT_TRANSLATE_NOOP("reasons", "a handover is never deleted; decline it instead"),
    QT_TRANSLATE_NOOP("reasons", "this customer is already being handed over"),
    QT_TRANSLATE_NOOP("reasons", "the customer changed hands since the handover was asked for; decline it instead"),
    QT_TRANSLATE_NOOP("reasons", "a {0} step sets only its own fields and leads to {1}"),
    # the fairness report (domain/fairness.py, services/fairness.py)
    QT_TRANSLATE_NOOP("reasons", "'{0}' is not a month; write it as YYYY-MM, e.g. 2026-11"),
    QT_TRANSLATE_NOOP("reasons", "the range of months ends before it starts"),
    QT_TRANSLATE_NOOP("reasons", "a fairness report covers at most 24 months at once; choose a shorter range"),
    QT_TRANSLATE_NOOP("reasons", "a fairness report you export may hold only your own side's reps"),
    QT_TRANSLATE_NOOP("reasons", "give one month, or a range of months from/to, not both"),
    # assignment (domain/assignment.py)
    QT_TRANSLATE_NOOP("reasons", "only a supervisor or an admin can assign customers"),
    QT_TRANSLATE_NOOP("reasons", "there is no rep on your team to assign customers to"),
    QT_TRANSLATE_NOOP("reasons", "choose the rep to give the customers to"),
    QT_TRANSLATE_NOOP("reasons", "{0} is not a rep on your team"),
    QT_TRANSLATE_NOOP("reasons", "{0} already holds this customer"),
    QT_TRANSLATE_NOOP("reasons", "{0} already holds {1} customers, their limit"),
    QT_TRANSLATE_NOOP("reasons", "every rep is at their limit of customers"),
    QT_TRANSLATE_NOOP("reasons", "there is no other rep on your team to give this customer to"),
    QT_TRANSLATE_NOOP("reasons", "this customer has no region"),
    QT_TRANSLATE_NOOP("reasons", "no rep works in {0}"),
    QT_TRANSLATE_NOOP("reasons", "this customer has no industry"),
    QT_TRANSLATE_NOOP("reasons", "no rep holds customers in {0}"),
    # reports
    QT_TRANSLATE_NOOP("reasons", "this report is countersigned and can no longer be changed"),
    QT_TRANSLATE_NOOP("reasons", "this report is submitted; it can be changed only after the supervisor returns it"),
    QT_TRANSLATE_NOOP("reasons", "is longer than 10,000 characters"),
    QT_TRANSLATE_NOOP("reasons", "only the rep's own supervisor or an admin can countersign or return a report"),
    QT_TRANSLATE_NOOP("reasons", "this report is {0}, not submitted"),
    QT_TRANSLATE_NOOP("reasons", "the report changed since you opened it; reload it before deciding"),
    QT_TRANSLATE_NOOP("reasons", "is required: tell the rep what to change"),
    QT_TRANSLATE_NOOP("reasons", "a report with no visits needs a summary of the day"),
    QT_TRANSLATE_NOOP("reasons", "{0} has no report for {1}"),
    # sync and conflicts
    # remote wipe (sync/remote_wipe.py)
    QT_TRANSLATE_NOOP(
        "reasons",
        "Head office reported this laptop lost, so FieldCRM has erased its data here without sending anything.",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "Head office ended your use of FieldCRM on this laptop, so FieldCRM sent your work to head office and erased"
        " its data here.",
    ),
    QT_TRANSLATE_NOOP("reasons", "only customer fields can be edited here; keep one of the two values"),
    QT_TRANSLATE_NOOP("reasons", "use mine or theirs"),
    QT_TRANSLATE_NOOP("reasons", "no conflict with id {0}"),
    QT_TRANSLATE_NOOP("reasons", "this conflict is {0} already"),
    QT_TRANSLATE_NOOP("reasons", "this record is no longer on this laptop; there is nothing to send again"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "this profile belongs to {0} and holds {1} change(s) head office has not received; log in as {2} to send"
        " them, or give {3} a profile of their own (--data-dir DIR)",
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "this profile also holds {0} change(s) of {1}, made on this laptop, which head office cannot accept from {2};"
        " keep this profile for working offline (a demo) and give {3} a profile of their own (--data-dir DIR)",
    ),
    # refused by head office (domain/, server/checks.py, server/merge.py), shown beside the refused record
    QT_TRANSLATE_NOOP("reasons", "rejected with its group: {0}"),
    QT_TRANSLATE_NOOP("reasons", "you cannot create rows for another owner"),
    QT_TRANSLATE_NOOP("reasons", "this row belongs to another rep; ask your supervisor"),
    QT_TRANSLATE_NOOP("reasons", "customer {0} is not on the server"),
    QT_TRANSLATE_NOOP("reasons", "contains a NUL character"),
    QT_TRANSLATE_NOOP("reasons", "longer than {0} characters"),
    QT_TRANSLATE_NOOP("reasons", "you cannot give a customer to someone outside your team"),
    QT_TRANSLATE_NOOP(
        "reasons", "ownership of a customer is decided by head office rules (first contact, protection period)"
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "a customer in the public pool has no owner; release it to the pool, or assign it to someone"
    ),
    QT_TRANSLATE_NOOP("reasons", "users and teams are managed by head office"),
    # the public pool (domain/pool.py)
    QT_TRANSLATE_NOOP(
        "reasons", "this customer is protected for its owner until {0}; it cannot be claimed before then"
    ),
    QT_TRANSLATE_NOOP("reasons", "this customer is not in the public pool; ask your supervisor to assign it"),
    QT_TRANSLATE_NOOP("reasons", "this customer is already yours"),
    QT_TRANSLATE_NOOP("reasons", "you let this customer go back to the pool on {0}; you can claim it again from {1}"),
    QT_TRANSLATE_NOOP("reasons", "you hold {0} customers and your limit is {1}; release one before claiming another"),
    QT_TRANSLATE_NOOP("reasons", "you have claimed {0} customers today, the daily limit; claim more tomorrow"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "already claimed by {0} on {1} at {2}, when head office accepted it; it is no longer in the public pool",
    ),
    QT_TRANSLATE_NOOP("reasons", "give a reason for releasing this customer to the public pool"),
    QT_TRANSLATE_NOOP("reasons", "only its owner can release this customer to the public pool"),
    # ownership history (domain/ownership_history.py)
    QT_TRANSLATE_NOOP("reasons", "a lost claim is recorded by head office, never from a laptop"),
    # appeals and arbitration (domain/appeals.py)
    QT_TRANSLATE_NOOP("reasons", "only reps appeal about customers they lost"),
    QT_TRANSLATE_NOOP("reasons", "an appeal is filed by the rep who lost the customer, for themselves"),
    QT_TRANSLATE_NOOP("reasons", "say why the customer should be yours"),
    QT_TRANSLATE_NOOP("reasons", "a new appeal starts open, without a decision"),
    QT_TRANSLATE_NOOP("reasons", "this customer is yours; there is nothing to appeal"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "you can appeal only about a customer you lost: another rep's claim or registration came first, or it was"
        " returned to the pool, assigned or handed over away from you",
    ),
    QT_TRANSLATE_NOOP("reasons", "you have an open appeal about this customer already; wait for its decision"),
    QT_TRANSLATE_NOOP(
        "reasons", "the customer changed hands since this appeal was written; look again and file it anew"
    ),
    QT_TRANSLATE_NOOP("reasons", "this appeal was decided already ({0}); a decision is final"),
    QT_TRANSLATE_NOOP("reasons", "you are a party to this appeal; the supervisor of both reps decides it"),
    QT_TRANSLATE_NOOP("reasons", "only the supervisor of both reps, or an admin, decides an appeal"),
    QT_TRANSLATE_NOOP("reasons", "write the reason for your decision; both reps will read it"),
    QT_TRANSLATE_NOOP("reasons", "an appeal is decided by upholding or rejecting it"),
    QT_TRANSLATE_NOOP("reasons", "an appeal is written once and changes only by its decision"),
    QT_TRANSLATE_NOOP(
        "reasons", "{0}'s claim reached head office first, accepted on {1}; your visits stay with the customer"
    ),
    QT_TRANSLATE_NOOP(
        "reasons",
        "{0} registered this company first, accepted by head office on {1}; your first contact and visits stay with it",
    ),
    QT_TRANSLATE_NOOP("reasons", "head office returned it to the public pool on {0}"),
    QT_TRANSLATE_NOOP("reasons", "assigned to {0} on {1}"),
    QT_TRANSLATE_NOOP("reasons", "handed over to {0} on {1}"),
    QT_TRANSLATE_NOOP("reasons", "{0}'s claim reached head office first; your visits stay with the customer"),
    QT_TRANSLATE_NOOP("reasons", "{0} registered this company first; your first contact and visits stay with it"),
    QT_TRANSLATE_NOOP("reasons", "head office returned it to the public pool"),
    QT_TRANSLATE_NOOP("reasons", "assigned to {0}"),
    QT_TRANSLATE_NOOP("reasons", "handed over to {0}"),
    # the store
    QT_TRANSLATE_NOOP("reasons", "no local profile yet; run `fieldcrm init` or log in to a server first"),
    QT_TRANSLATE_NOOP("reasons", "the current user {0} is not in this store"),
    QT_TRANSLATE_NOOP("reasons", "no {0} with id {1}"),
    QT_TRANSLATE_NOOP("reasons", "no user named '{0}' in this store"),
    # backups (store/backups.py)
    QT_TRANSLATE_NOOP("reasons", "{0} is not a FieldCRM backup or is damaged ({1})"),
    QT_TRANSLATE_NOOP("reasons", "{0} is not a FieldCRM backup (it has no customer store in it)"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "{0} is not a FieldCRM backup, or it was encrypted on another computer or with another passphrase",
    ),
    QT_TRANSLATE_NOOP("reasons", "{0} is damaged ({1}); choose another backup"),
    QT_TRANSLATE_NOOP("reasons", "{0} was made by a newer FieldCRM (schema {1}); update FieldCRM before restoring it"),
    QT_TRANSLATE_NOOP("reasons", "the copy of the store failed its integrity check ({0}); nothing was kept"),
    # import rows (excel/validate.py, excel/planning.py)
    QT_TRANSLATE_NOOP("reasons", "import {0} was already undone on {1}"),
    QT_TRANSLATE_NOOP("reasons", "is a total row, not a customer"),
    QT_TRANSLATE_NOOP("reasons", "needs a contact name ({0}) in the same row"),
    QT_TRANSLATE_NOOP("reasons", "a merged customer already has this credit code"),
    QT_TRANSLATE_NOOP("reasons", "same credit code as an existing customer"),
    QT_TRANSLATE_NOOP("reasons", "same company name as an existing customer"),
    QT_TRANSLATE_NOOP("reasons", "same phone as an existing customer"),
    QT_TRANSLATE_NOOP("reasons", "same credit code as row {0} of this file"),
    QT_TRANSLATE_NOOP("reasons", "same company name as row {0} of this file"),
    QT_TRANSLATE_NOOP("reasons", "same phone as row {0} of this file"),
    QT_TRANSLATE_NOOP("reasons", "{0}, already matched by row {1}"),
    QT_TRANSLATE_NOOP("reasons", "it belongs to another rep"),
    QT_TRANSLATE_NOOP("reasons", "nothing to change"),
    # files refused by the import (excel/sniff.py, excel/readers.py, excel/importer.py)
    QT_TRANSLATE_NOOP("reasons", "no such file"),
    QT_TRANSLATE_NOOP("reasons", "the file is empty"),
    QT_TRANSLATE_NOOP("reasons", "the file is larger than the import limit of {0} MB"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "this is a web page or XML file with a spreadsheet name; open it in Excel or WPS and save as .xlsx",
    ),
    QT_TRANSLATE_NOOP("reasons", "this is not a spreadsheet (it is neither .xlsx, .xls nor a CSV text file)"),
    QT_TRANSLATE_NOOP("reasons", "it unpacks to {0} MB, over the import limit of {1} MB"),
    QT_TRANSLATE_NOOP("reasons", "this is a Word or PowerPoint file, not a spreadsheet"),
    QT_TRANSLATE_NOOP("reasons", "this is a zip archive without an Excel workbook in it"),
    QT_TRANSLATE_NOOP("reasons", "the workbook is damaged (its zip structure cannot be read)"),
    QT_TRANSLATE_NOOP("reasons", "the workbook is encrypted with a password; save an unprotected copy and import that"),
    QT_TRANSLATE_NOOP("reasons", "the workbook is protected with a password; save an unprotected copy and import that"),
    QT_TRANSLATE_NOOP("reasons", "the workbook is damaged or in an unsupported format ({0})"),
    QT_TRANSLATE_NOOP("reasons", "the workbook is damaged ({0})"),
    QT_TRANSLATE_NOOP("reasons", "the sheet has more than {0} rows, the import limit"),
    QT_TRANSLATE_NOOP("reasons", "the workbook has no sheets"),
    QT_TRANSLATE_NOOP("reasons", "there is no sheet named '{0}'; it has {1}"),
    QT_TRANSLATE_NOOP("reasons", "the text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV"),
    QT_TRANSLATE_NOOP("reasons", "row {0} cannot be read as CSV ({1})"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "no header row found in the first rows of sheet '{0}'; a column headed 客户名称 / 公司名称 / Company is needed",
    ),
    QT_TRANSLATE_NOOP("reasons", "two columns are mapped to the same field; map each once"),
    # export control (domain/exports.py)
    QT_TRANSLATE_NOOP("reasons", "your role may not export customers; ask head office"),
    QT_TRANSLATE_NOOP(
        "reasons", "this export holds {0} customers, more than the {1} your role may export at once; narrow the filter"
    ),
    QT_TRANSLATE_NOOP("reasons", "this workbook contains macros; only its data is read and the macros are never run"),
    # masked numbers and the lock policy (domain/masking.py, domain/app_lock.py)
    QT_TRANSLATE_NOOP(
        "reasons",
        "this customer's numbers are kept at head office for its owner; connect to the server and reveal them again",
    ),
    QT_TRANSLATE_NOOP("reasons", "the numbers are kept at head office and could not be fetched: {0}"),
    QT_TRANSLATE_NOOP(
        "reasons",
        "head office asks for your password before FieldCRM shows customer data, and there is no terminal to ask"
        " it on; run the command in a terminal",
    ),
    QT_TRANSLATE_NOOP(
        "reasons", "that is not your password (the one you log in to head office with); nothing was shown"
    ),
    QT_TRANSLATE_NOOP("reasons", "the idle time must be between 1 and 1440 minutes (a day)"),
)

#: How parts are joined (Chinese uses full-width punctuation).
SEPARATORS = (QT_TRANSLATE_NOOP("reasons", "; "), QT_TRANSLATE_NOOP("reasons", ": "))

_PLACEHOLDER = re.compile(r"\\\{(\d)\\\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a pattern whose groups capture its `{n}` parts, longest first (most specific wins)."""
    compiled = []
    for template in sorted(TEMPLATES, key=len, reverse=True):
        pattern = _PLACEHOLDER.sub(lambda m: f"(?P<p{m.group(1)}>.+?)", re.escape(template))
        compiled.append((re.compile(f"^{pattern}$", re.DOTALL), template))
    return tuple(compiled)


#: How a template is looked up: `QCoreApplication.translate` (the GUI's installed catalogue) unless a caller brings
#: its own (the CLI asks a translator of its own, so the GUI's language is never touched).
Translate = Callable[[str, str], str]


def _app_translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _one(text: str, tr: Translate) -> str | None:
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match:
            parts = {int(name[1:]): value for name, value in match.groupdict().items()}
            translated = tr(CONTEXT, template)
            return translated.format(*(localize(parts[i], tr) for i in sorted(parts)))  # a part may be a reason too
    return None


def _prefixed(text: str, tr: Translate) -> str | None:
    """ "客户名单.xlsx: the workbook has no sheets", "客户名称: is required and was left empty"."""
    head, sep, rest = text.partition(": ")
    if sep and head and "'" not in head:
        tail = _one(rest, tr)
        if tail is not None:
            return f"{head}{tr(CONTEXT, ': ')}{tail}"
    return None


def _sentence(text: str, tr: Translate) -> str | None:
    return _one(text, tr) or _prefixed(text, tr)


def _translate(message: str, tr: Translate = _app_translate) -> str | None:
    whole = _sentence(message, tr)
    if whole is not None:
        return whole
    if "; " in message:  # parts joined by the import planner; a part may hold "; " itself
        pieces = message.split("; ")
        # best[i]: the translated parts of pieces[:i], split where each part is a known sentence
        best: list[list[str] | None] = [[]] + [None] * len(pieces)
        for end in range(1, len(pieces) + 1):
            for start in range(end - 1, -1, -1):
                done = best[start]
                if done is None:
                    continue
                part = _sentence("; ".join(pieces[start:end]), tr)
                if part is not None:
                    best[end] = [*done, part]
                    break
        if best[-1] is not None:
            return tr(CONTEXT, "; ").join(best[-1])
    return None


def localize(message: str, tr: Translate = _app_translate) -> str:
    """`message` in the user's language where a template knows it; otherwise as written. `tr` looks a template
    up (default: the application's installed catalogue)."""
    translated = _translate(message, tr)
    return message if translated is None else translated


def known(message: str) -> bool:
    """Whether a template covers `message` (a test checks every refusal the services can raise)."""
    return _translate(message) is not None
