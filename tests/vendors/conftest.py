"""Clients signed in as a given user: the browser through a session, the API through a token."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import api_key_for


@pytest.fixture
def browser_as():
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_as():
    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
        return client

    return make
