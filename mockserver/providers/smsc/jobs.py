"""/sys/jobs.php: mailings. `add` (name, phones, mes or tpl, sender, mms=1 / viber=1) starts a
mailing: its messages go out as a send.php request's would, under one id, priced and recorded;
`get` lists the mailings, `cancel` stops one, `del` removes it from the list, `chg` renames it."""

from __future__ import annotations

from ...core.billing import Channel
from ...core.sending import ChannelContent, Recipient, SendCommand
from .attachments import attach_files
from .book import MAX_ENTRIES, Job, books
from .call_errors import JobsError
from .calls import ApiCall, command, created_text, endpoint, rows_text
from .errors import SmscError
from .phones import with_groups
from .reply import ok_text
from .send import PHONE_SEPARATORS, normalize_phone
from .send_time import BadTime, scheduled_at, zone_for
from .templates import template_of

KINDS = (("mms", Channel.MMS), ("viber", Channel.VIBER), ("call", Channel.CALL),
         ("tg", Channel.TELEGRAM), ("mail", Channel.MAIL))


def _kind(call: ApiCall) -> Channel:
    for flag, channel in KINDS:
        if call.flag(flag):
            return channel
    return Channel.SMS


def _text(call: ApiCall) -> str:
    if call.text("tpl"):
        template = template_of(call.state, call.account.login, call.text("tpl"))
        if template is None:
            call.warn("unknown_template", "tpl", f"no template {call.text('tpl')!r}")
            raise SmscError(JobsError.PARAMETERS)
        return template.message
    return call.require("mes")


def _job(call: ApiCall) -> Job:
    raw = call.require("id")
    found = books(call.state).of(call.account.login).jobs.get(int(raw) if raw.isdigit() else -1)
    if found is None:
        raise SmscError(JobsError.NOT_FOUND)
    return found


def _start(call: ApiCall):
    """When the mailing starts: `time` as send.php takes it (error 5 otherwise)."""
    try:
        zone = zone_for(call.text("tz"), call.account.zone)
        return scheduled_at(call.params.get("time", ""), call.state.clock.now(), zone).at
    except BadTime as exc:
        call.warn("time_format", "time", f"{exc}; see the documented forms of time")
        raise SmscError(JobsError.TIME_FORMAT) from exc


def _add(call: ApiCall) -> str:
    name = call.require("name")
    raw = with_groups(call.state, call.account.login, call.require("phones"))
    phones = [normalize_phone(p) for p in PHONE_SEPARATORS.split(raw) if p.strip()]
    text, channel, start = _text(call), _kind(call), _start(call)
    book, every = books(call.state).of(call.account.login), books(call.state)
    if len(phones) > call.state.limits.max_recipients or len(book.jobs) >= MAX_ENTRIES:
        raise SmscError(JobsError.PARAMETERS)
    message_id = str(call.state.messages.next_number("smsc"))
    job = Job(every.next_id("job"), name, phones, text, str(channel), call.state.clock.now(),
              message_id)
    command_ = SendCommand(
        account=call.account, recipients=[Recipient(p) for p in phones],
        contents=[ChannelContent(channel, text, sender=call.text("sender"))],
        scheduled_at=start, virtual=call.account.test_mode, meta={"job": job.id, "job_name": name},
        provider_ids=lambda message: {"id": message_id})
    attach_files(command_, call.request)
    results = call.state.sending.send(command_)
    if not any(r.accepted for r in results):
        raise SmscError(JobsError.DENIED)
    book.jobs[job.id] = job
    return created_text(job.id, call.fmt)


def handle(call: ApiCall) -> str:
    which = command(call, ("add", "get", "cancel", "del", "chg"))
    book = books(call.state).of(call.account.login)
    if which == "add":
        return _add(call)
    if which == "get":
        rows = [[("id", j.id), ("status", j.status), ("cnt", len(j.phones)),
                 ("format", j.kind), ("name", j.name), ("message", j.text)]
                for j in book.jobs.values()]
        return rows_text(rows, call.fmt, "job")
    job = _job(call)
    if which == "cancel":
        job.status = "cancelled"
    elif which == "del":
        del book.jobs[job.id]
    else:
        job.name = call.require("name")
    return ok_text(call.fmt)


jobs = endpoint(JobsError, handle)
