"""Locust users for `make load`: each signed-in person opens their dashboards again and again, with no pause.

scripts/load_dashboards.py signs the people in and passes their session cookies and URLs in LOAD_SESSIONS (a JSON
file). The cookie goes in a header of its own: production settings mark it Secure, and the load runs over plain HTTP
on 127.0.0.1, where a browser (or Locust's cookie jar) would not send it back.
"""

import itertools
import json
import os

from locust import FastHttpUser, constant, task

with open(os.environ["LOAD_SESSIONS"]) as sessions_file:
    SESSIONS = json.load(sessions_file)
_next = itertools.count()


class DashboardUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        person = SESSIONS[next(_next) % len(SESSIONS)]
        self.urls = itertools.cycle(person["urls"])
        self.headers = {"Cookie": f"{person['cookie_name']}={person['cookie']}"}

    @task
    def dashboard(self):
        url = next(self.urls)
        with self.client.get(url, headers=self.headers, name=url.split("?")[0], catch_response=True) as response:
            # A signed-out or two-factor redirect would be quick and wrong: only the page itself counts.
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
