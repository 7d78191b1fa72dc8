"""Interoperability tests live in this folder; the simulator tests arrive with it."""


def test_official_client_is_installed():
    from KalturaClient import KalturaClient  # noqa: F401
