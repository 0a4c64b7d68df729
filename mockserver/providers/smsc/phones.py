"""/sys/phones.php: contacts, groups and the contact blacklist.

Contacts: `add` (phone, name, grp), `chg` (phone -> new_phone, name, grp), `del`, `get`.
Groups: `add_group` (name), `chg_group` (grp, name), `del_group` (grp), `get_group`, and
`move_group` with grp and phone: 1 moves the contact into the group (its only one), 2 adds the
group to the contact's, 3 takes the contact out of it.
Blacklist: `add_black`, `del_black` (phone), `get_black`. The blacklist is the account's own,
so send.php refuses those numbers (status 23, error 6 when no number is left)."""

from __future__ import annotations

from ...core.state import MockState
from .book import MAX_ENTRIES, AccountBook, Contact, Group, books
from .call_errors import PhonesError
from .calls import ApiCall, command, created_text, endpoint, rows_text
from .errors import SmscError
from .reply import ok_text
from .send import PHONE_SEPARATORS, normalize_phone

COMMANDS = ("add", "add_group", "chg", "chg_group", "move_group", "del", "del_group", "get",
            "get_group", "add_black", "del_black", "get_black")
MAX_NAME = 100


def phone_of(call: ApiCall, name: str = "phone") -> str:
    number = normalize_phone(call.require(name))
    if not (number.isascii() and number.isdigit() and 7 <= len(number) <= 15):
        call.warn("phone_format", name, f"{name} is an international number; got "
                  f"{call.text(name)!r}")
        raise SmscError(PhonesError.NUMBER_FORMAT)
    return number


def _groups(call: ApiCall, book: AccountBook) -> list[int]:
    raw = [g.strip() for g in call.text("grp").split(",") if g.strip()]
    ids = [int(g) for g in raw if g.isdigit()]
    if len(ids) != len(raw) or any(g not in book.groups for g in ids):
        raise SmscError(PhonesError.NOT_FOUND)
    return ids


def _group(call: ApiCall, book: AccountBook) -> Group:
    raw = call.require("grp")
    found = book.groups.get(int(raw)) if raw.isdigit() else None
    if found is None:
        raise SmscError(PhonesError.NOT_FOUND)
    return found


def _contact(call: ApiCall, book: AccountBook) -> Contact:
    found = book.contacts.get(phone_of(call))
    if found is None:
        raise SmscError(PhonesError.NOT_FOUND)
    return found


def _contact_row(contact: Contact) -> list[tuple[str, object]]:
    return [("id", contact.id), ("phone", contact.phone),
            ("grp", ",".join(str(g) for g in contact.groups)), ("name", contact.name)]


def _add(call: ApiCall, book: AccountBook) -> str:
    phone, name = phone_of(call), call.text("name")[:MAX_NAME]
    groups = _groups(call, book)
    existing = book.contacts.get(phone)
    if existing is not None:  # the same number again: the contact is updated, as in the UI
        existing.name = name or existing.name
        existing.groups = sorted(set(existing.groups) | set(groups))
        return created_text(existing.id, call.fmt)
    if len(book.contacts) >= MAX_ENTRIES:
        raise SmscError(PhonesError.SAVE_FAILED)
    contact = Contact(books(call.state).next_id("contact"), phone, name, groups)
    book.contacts[phone] = contact
    return created_text(contact.id, call.fmt)


def _change(call: ApiCall, book: AccountBook) -> str:
    contact = _contact(call, book)
    if call.text("new_phone"):
        new_phone = phone_of(call, "new_phone")
        if new_phone != contact.phone and new_phone in book.contacts:
            raise SmscError(PhonesError.SAVE_FAILED)
        del book.contacts[contact.phone]
        contact.phone = new_phone
        book.contacts[new_phone] = contact
    if "name" in call.params:
        contact.name = call.text("name")[:MAX_NAME]
    if call.text("grp"):
        contact.groups = _groups(call, book)
    return ok_text(call.fmt)


def _move(call: ApiCall, book: AccountBook) -> str:
    mode = call.text("move_group")
    if mode not in ("1", "2", "3"):
        raise SmscError(PhonesError.PARAMETERS)
    group, contact = _group(call, book), _contact(call, book)
    if mode == "1":
        contact.groups = [group.id]
    elif mode == "2" and group.id not in contact.groups:
        contact.groups.append(group.id)
    elif mode == "3" and group.id in contact.groups:
        contact.groups.remove(group.id)
    return ok_text(call.fmt)


def _groups_command(call: ApiCall, book: AccountBook, which: str) -> str:
    if which == "get_group":
        rows = [[("id", g.id), ("num", len(book.contacts_in(g.id))), ("name", g.name)]
                for g in book.groups.values()]
        return rows_text(rows, call.fmt, "group")
    if which == "add_group":
        name = call.require("name")[:MAX_NAME]
        if len(book.groups) >= MAX_ENTRIES:
            raise SmscError(PhonesError.SAVE_FAILED)
        group = Group(books(call.state).next_id("group"), name)
        book.groups[group.id] = group
        return created_text(group.id, call.fmt)
    group = _group(call, book)
    if which == "chg_group":
        group.name = call.require("name")[:MAX_NAME]
    else:  # del_group: its contacts stay, outside the group
        del book.groups[group.id]
        for contact in book.contacts_in(group.id):
            contact.groups.remove(group.id)
    return ok_text(call.fmt)


def _blacklist(call: ApiCall, which: str) -> str:
    blacklist = call.account.blacklist
    if which == "get_black":
        return rows_text([[("phone", p)] for p in sorted(blacklist)], call.fmt, "phone")
    phone = phone_of(call)
    if which == "add_black":
        blacklist.add(phone)
        # The reply carries an id, as for any entry added (the clients read `id`).
        return created_text(sorted(blacklist).index(phone) + 1, call.fmt)
    if phone not in blacklist:
        raise SmscError(PhonesError.NOT_FOUND)
    blacklist.discard(phone)
    return ok_text(call.fmt)


def with_groups(state: MockState, login: str, phones: str) -> str:
    """`G<group id>` among the numbers of a send stands for the numbers of that contact group
    (an unknown group for none)."""
    if "G" not in phones and "g" not in phones:
        return phones
    book, expanded = books(state).of(login), []
    for entry in PHONE_SEPARATORS.split(phones):
        name = entry.strip()
        if name[:1] in ("G", "g") and name[1:].isdigit():
            expanded += [c.phone for c in book.contacts_in(int(name[1:]))]
        elif name:
            expanded.append(name)
    return ",".join(expanded)


def handle(call: ApiCall) -> str:
    book = books(call.state).of(call.account.login)
    which = command(call, COMMANDS)
    if which.endswith("_black"):
        return _blacklist(call, which)
    if which.endswith("_group"):
        return _move(call, book) if which == "move_group" else _groups_command(call, book, which)
    if which == "get":
        return rows_text([_contact_row(c) for c in book.contacts.values()], call.fmt, "contact")
    if which == "add":
        return _add(call, book)
    if which == "chg":
        return _change(call, book)
    contact = _contact(call, book)  # del
    del book.contacts[contact.phone]
    return ok_text(call.fmt)


phones = endpoint(PhonesError, handle)
