LOGIN_URL = "/accounts/login/"


def assert_sent_to_login(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")


def field_errors(response, field: str) -> list[str]:
    """The errors a re-rendered browser form shows next to `field`."""
    return list(response.context["form"].errors.get(field, []))
