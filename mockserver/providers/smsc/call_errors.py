"""The error tables of SMSC's paths beyond send, status, balance and senders: one closed enum
per path, each with the codes its page lists. Texts follow the live server's short English
style of the first four paths (clients switch on the code); contract_tests/smsc/README.md says
which code comes from which page."""

from __future__ import annotations

from enum import Enum

from ...core.accounts import AuthFailure
from .errors import AUTH_ERRORS, ErrorEntry

PARAMETERS = ErrorEntry(1, "parameters error")
AUTHORISE = ErrorEntry(2, "authorise error")
IP_BLOCKED = ErrorEntry(4, "ip is blocked")
TOO_MANY = ErrorEntry(9, "duplicate request, wait a minute")


class TemplatesError(Enum):
    """/sys/templates.php: 1, 2, 3 (no such template), 4, 5 (saving or deleting), 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "template not found")
    IP_BLOCKED = IP_BLOCKED
    SAVE_FAILED = ErrorEntry(5, "template save error")
    TOO_MANY = TOO_MANY


class PhonesError(Enum):
    """/sys/phones.php: 1, 2, 3 (no such contact or group), 4, 5, 7 (number format), 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "contact or group not found")
    IP_BLOCKED = IP_BLOCKED
    SAVE_FAILED = ErrorEntry(5, "contact save error")
    NUMBER_FORMAT = ErrorEntry(7, "invalid number format")
    TOO_MANY = TOO_MANY


class JobsError(Enum):
    """/sys/jobs.php: 1, 2, 3 (no such mailing), 4, 5 (time format), 6 (denied), 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "job not found")
    IP_BLOCKED = IP_BLOCKED
    TIME_FORMAT = ErrorEntry(5, "invalid time format")
    DENIED = ErrorEntry(6, "message is denied")
    TOO_MANY = TOO_MANY


class UsersError(Enum):
    """/sys/users.php: 1, 2, 3 (no such sub-client), 4, 5 (saving; a login taken), 6 (no money
    to pay), 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "user not found")
    IP_BLOCKED = IP_BLOCKED
    SAVE_FAILED = ErrorEntry(5, "user save error")
    NO_MONEY = ErrorEntry(6, "no money")
    TOO_MANY = TOO_MANY


class ReceivePhonesError(Enum):
    """/sys/receive_phones.php: 1, 2, 3 (no such number), 4, 6 (no money), 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "phone not found")
    IP_BLOCKED = IP_BLOCKED
    NO_MONEY = ErrorEntry(6, "no money")
    TOO_MANY = TOO_MANY


class InfoError(Enum):
    """/sys/info.php: 1, 2, 3 (operator not found), 4, 9 (three identical or 100 requests a
    minute), as its page lists them."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "operator not found")
    IP_BLOCKED = IP_BLOCKED
    TOO_MANY = TOO_MANY


class MnpError(Enum):
    """/sys/get_mnp.php: 1, 2, 4, 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    IP_BLOCKED = IP_BLOCKED
    TOO_MANY = TOO_MANY


class GetError(Enum):
    """/sys/get.php: 1, 2, 3 (nothing found), 4, 9."""

    PARAMETERS = PARAMETERS
    AUTHORISE = AUTHORISE
    NOT_FOUND = ErrorEntry(3, "messages not found")
    IP_BLOCKED = IP_BLOCKED
    TOO_MANY = TOO_MANY


CALL_TABLES: tuple[type[Enum], ...] = (TemplatesError, PhonesError, JobsError, UsersError,
                                       ReceivePhonesError, InfoError, MnpError, GetError)

# These paths join the one map call.py reads: the lock-out is error 4, any other failure 2.
AUTH_ERRORS.update({
    table: {failure: table.IP_BLOCKED if failure is AuthFailure.BLOCKED  # type: ignore
            else table.AUTHORISE for failure in AuthFailure}  # type: ignore[attr-defined]
    for table in CALL_TABLES})
