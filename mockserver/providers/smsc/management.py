"""The management and data paths of SMSC's HTTP API, each with its handler and error table."""

from __future__ import annotations

from .call_errors import (
    GetError,
    InfoError,
    JobsError,
    MnpError,
    PhonesError,
    ReceivePhonesError,
    TemplatesError,
    UsersError,
)
from .get_data import get_data
from .info import info
from .jobs import jobs
from .mnp import get_mnp
from .phones import phones
from .receive_phones import receive_phones
from .templates import templates
from .users import users

MANAGEMENT_PATHS = {
    "/sys/templates.php": (templates, TemplatesError),
    "/sys/jobs.php": (jobs, JobsError),
    "/sys/phones.php": (phones, PhonesError),
    "/sys/users.php": (users, UsersError),
    "/sys/receive_phones.php": (receive_phones, ReceivePhonesError),
    "/sys/info.php": (info, InfoError),
    "/sys/get_mnp.php": (get_mnp, MnpError),
    "/sys/get.php": (get_data, GetError),
}
