"""The Hub's load scenario: members browse, search, sign up to open sessions (RSVP) and
contribute good practice (submit), each signed in as an account of their own.

Run by `manage.py bench_load`, which seeds the accounts and events and writes the plan this
file reads from HUB_LOAD_PLAN (JSON: password, accounts, open_events, cases, events). Each RSVP
and submission is a success only when the Hub confirms it; the runner then counts the rows.
"""

import itertools
import json
import os
import random
import uuid

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["HUB_LOAD_PLAN"]).read())  # noqa: PTH123, SIM115
SEARCHES = [
    "digital inclusion",
    "adult social care",
    "chatbot",
    "data sharing",
    "school admissions",
    "cyber",
    "waste collection",
    "user research",
]
# Names the runner reads back from the stats (hub.ops.load.report).
RSVP = "RSVP: sign up to an open session"
SUBMIT = "Submit: contribute a case"
PLACE_CONFIRMED = ("You have a place", "you are on the waiting list")

_accounts = itertools.count()
# Which page, query and event: not a secret, so the ordinary generator.
_pick = random.Random()  # noqa: S311


class Member(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.sign_in_as_next_account()

    def sign_in_as_next_account(self):
        index = next(_accounts)
        self.email = PLAN["accounts"][index % len(PLAN["accounts"])]
        self.client.cookies.clear()
        self.events_to_join = _pick.sample(PLAN["open_events"], len(PLAN["open_events"]))
        self.client.get("/account/sign-in/", name="Sign in (form)")
        with self.client.post(
            "/account/sign-in/",
            data={
                "username": self.email,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.csrf_token(),
            },
            name="Sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in gave {response.status_code}, not a redirect")

    def csrf_token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(3)
    def browse(self):
        page = _pick.choice(
            [
                ("/", "Home"),
                ("/cases/", "Good practice list"),
                (f"/cases/{_pick.choice(PLAN['cases'])}/", "Good practice case"),
                ("/events/", "Events list"),
                (f"/events/{_pick.choice(PLAN['events'])}/", "Event"),
            ]
        )
        self.client.get(page[0], name=page[1])

    @task(2)
    def search(self):
        self.client.get("/cases/", params={"q": _pick.choice(SEARCHES)}, name="Search")

    @task(1)
    def rsvp(self):
        if not self.events_to_join:
            self.sign_in_as_next_account()
        slug = self.events_to_join.pop()
        self.client.get(f"/events/{slug}/", name="Event")
        with self.client.post(
            f"/events/{slug}/sign-up/",
            data={"csrfmiddlewaretoken": self.csrf_token()},
            headers={"Referer": f"{self.host}/events/{slug}/"},
            name=RSVP,
            catch_response=True,
        ) as response:
            # The sign-up redirects to the event either way; its message says which.
            if response.status_code != 200 or not any(
                words in response.text for words in PLACE_CONFIRMED
            ):
                response.failure(f"no place confirmed (status {response.status_code})")

    @task(1)
    def submit(self):
        self.client.get("/cases/contribute/new/", name="Submit (form)")
        with self.client.post(
            "/cases/contribute/new/",
            data={
                "kind": "case_study",
                "title": f"Load test: shared booking service {uuid.uuid4().hex[:8]}",
                "csrfmiddlewaretoken": self.csrf_token(),
            },
            name=SUBMIT,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/edit/" not in response.headers.get("Location", ""):
                response.failure(f"not saved (status {response.status_code})")
