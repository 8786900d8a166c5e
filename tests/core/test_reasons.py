"""The system's failures in the reader's language: common ones in words, the rest quoted."""

from __future__ import annotations

import errno
import os
import socket

import pytest

from tracker.errors import TrackerError
from tracker.i18n import set_language
from tracker.reasons import MAX_QUOTED, failure_text, quoted, system_reason


@pytest.fixture
def vi():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("en")


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code), "/srv/tracker/bao-cao.html")


def test_common_failures_are_said_in_vietnamese(vi) -> None:  # type: ignore[no-untyped-def]
    assert system_reason(os_error(errno.EACCES)) == "không có quyền truy cập"
    assert system_reason(os_error(errno.ENOSPC)) == "ổ đĩa đã hết chỗ trống"
    assert (
        system_reason(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))
        == "máy chủ từ chối kết nối"
    )
    assert system_reason(socket.gaierror(-2, "Name or service not known")) == "không tìm thấy tên máy chủ"
    assert system_reason(TimeoutError("timed out")) == "máy chủ không trả lời kịp thời hạn"


def test_and_in_english_when_asked() -> None:
    assert system_reason(os_error(errno.EROFS)) == "the disk is read-only"
    assert system_reason(os_error(errno.ENOENT)) == "no such file or folder"


def test_anything_else_is_quoted_as_the_systems_words(vi) -> None:  # type: ignore[no-untyped-def]
    assert (
        system_reason(os_error(errno.EXDEV))
        == f"«[Errno {errno.EXDEV}] {os.strerror(errno.EXDEV)}: '/srv/tracker/bao-cao.html'»"
    )
    assert system_reason(ValueError("odd")) == "«odd»"
    assert system_reason(ValueError("odd"), text="scrubbed ***") == "«scrubbed ***»"


def test_a_quotation_is_one_printable_line_of_bounded_length() -> None:
    assert quoted("first\nsecond\x1b[31m  third") == "«first second�[31m third»"
    long = quoted("x" * 10_000)
    assert len(long) == MAX_QUOTED + 2 and long.endswith("…»")


def test_a_jobs_failure_keeps_trackers_own_message_and_quotes_the_rest(vi) -> None:  # type: ignore[no-untyped-def]
    assert failure_text(TrackerError("cơ sở dữ liệu đang bận")) == "cơ sở dữ liệu đang bận"
    assert failure_text(os_error(errno.EACCES)) == "không có quyền truy cập"
    assert failure_text(KeyError("T99")) == "«KeyError: 'T99'»"
