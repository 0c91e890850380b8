"""Each way a company sign-in can fail, and what its page tells the person.

The page shows fixed sentences chosen by a reason key: nothing the provider or the address bar
sent is echoed, and no token appears. The security log gets the key and the detail."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    title: str
    explanation: str
    # What the person can do next: "retry" offers to start again, "contact" names whom to ask.
    next_step: str = "retry"


class SignInFailed(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


FAILURES: dict[str, Failure] = {
    "state": Failure(
        "This sign-in was not started here",
        "The answer from {provider} does not match a sign-in this browser started: the link was "
        "used already, it came from another tab or browser, or the sign-in took too long.",
    ),
    "denied": Failure(
        "{provider} did not sign you in",
        "{provider} refused the sign-in or it was cancelled before it finished.",
    ),
    "provider_error": Failure(
        "{provider} reported an error",
        "{provider} could not complete the sign-in. If this happens again, your administrator "
        "can look it up in {provider}'s sign-in logs.",
        "contact",
    ),
    "unreachable": Failure(
        "{provider} could not be reached",
        "This application could not reach {provider} to finish the sign-in. It may be down for "
        "a moment.",
    ),
    "audience": Failure(
        "The sign-in was meant for another application",
        "{provider} sent an identity token addressed to a different application (its audience "
        "is not this one). Nobody was signed in. The client id configured here and in "
        "{provider} must match.",
        "contact",
    ),
    "expired": Failure(
        "The sign-in had expired",
        "The identity token from {provider} had expired before it arrived, or the clocks of "
        "{provider} and this application disagree by more than the allowed margin.",
    ),
    "issuer": Failure(
        "The sign-in came from an unexpected provider",
        "The identity token was not issued by the provider this application trusts. Nobody was "
        "signed in.",
        "contact",
    ),
    "token": Failure(
        "The identity token could not be trusted",
        "The identity token from {provider} failed a check (its signature, its nonce or a "
        "required claim). Nobody was signed in.",
        "contact",
    ),
    "deactivated": Failure(
        "Your account here is switched off",
        "{provider} knows you, but your account in this application has been deactivated, so "
        "it cannot be used.",
        "contact",
    ),
}
