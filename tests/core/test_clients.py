from django.test import RequestFactory

from core.clients import client_address

factory = RequestFactory()


def test_the_direct_address_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert client_address(request) == "192.0.2.1"


def test_the_address_the_trusted_proxies_saw_read_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1")
    assert client_address(request) == "203.0.113.7"
    short = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_address(short) == "10.0.0.2"
