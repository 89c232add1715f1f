#!/usr/bin/env python3
"""A throwaway Synapse homeserver for the Matrix tests: SQLite in a temporary folder, a free local port,
users registered with the shared secret (the user "admin" as a server administrator), rate limits
raised so that tests are not throttled (the admin API lowers them again for one user).

usage: homeserver.py VENV serve USER...   start it, register USERs, print one JSON line
                                          {"url": ..., "server_name": ..., "tokens": {USER: TOKEN}},
                                          then serve until standard input closes (or SIGTERM); a line
                                          "restart" on standard input restarts it (on the same port and
                                          data), answered by a line "restarted" once it is up again
       homeserver.py VENV serve-until-stopped FILE USER...
                                          the same, but writes that JSON line to FILE and serves until
                                          SIGTERM (as a service: systemd-run in the sandbox test)
       homeserver.py VENV self-test       start, register two users, send a message in a room and read it
                                          back, restart the homeserver, read it again, stop; print timings
VENV is the virtual environment `make matrix-deps` creates (.build-venv/matrix).
"""
import json, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

SERVER_NAME = "backtalk.test"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Homeserver:
    def __init__(self, venv):
        venv = os.path.abspath(venv)
        self.python = os.path.join(venv, "bin", "python")
        self.register = os.path.join(venv, "bin", "register_new_matrix_user")
        self.work = tempfile.mkdtemp(prefix="bt-synapse-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = os.path.join(self.work, "homeserver.yaml")
        self.process = None
        subprocess.run(
            [self.python, "-m", "synapse.app.homeserver", "--server-name", SERVER_NAME, "--config-path", self.config,
             "--data-directory", self.work, "--generate-config", "--report-stats=no"],
            check=True, capture_output=True, cwd=self.work)
        with open(self.config, "a") as f:
            f.write(f"""
listeners:
  - port: {self.port}
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
rc_message: {{per_second: 1000, burst_count: 1000}}
rc_registration: {{per_second: 1000, burst_count: 1000}}
rc_login:
  address: {{per_second: 1000, burst_count: 1000}}
  account: {{per_second: 1000, burst_count: 1000}}
  failed_attempts: {{per_second: 1000, burst_count: 1000}}
rc_joins:
  local: {{per_second: 1000, burst_count: 1000}}
  remote: {{per_second: 1000, burst_count: 1000}}
rc_invites:
  per_room: {{per_second: 1000, burst_count: 1000}}
  per_user: {{per_second: 1000, burst_count: 1000}}
""")

    def start(self, timeout=60):
        self.log = open(os.path.join(self.work, "homeserver.out"), "a")
        self.process = subprocess.Popen(
            [self.python, "-m", "synapse.app.homeserver", "-c", self.config], cwd=self.work,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Synapse exited with {self.process.returncode}; see {self.work}/homeserver.out")
            try:
                urllib.request.urlopen(self.url + "/_matrix/client/versions", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Synapse did not answer within {timeout} s; see {self.work}/homeserver.out")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def remove(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def register_user(self, name):
        """Registers `name` with the shared secret (a server administrator when it is "admin") and returns its
        access token."""
        subprocess.run([self.register, "-c", self.config, "-u", name, "-p", name + "-password",
                        "--admin" if name == "admin" else "--no-admin", self.url],
                       check=True, capture_output=True)
        reply = self.call("POST", "/_matrix/client/v3/login", {
            "type": "m.login.password", "identifier": {"type": "m.id.user", "user": name},
            "password": name + "-password"})
        return reply["access_token"]

    def call(self, method, path, body=None, token=None):
        request = urllib.request.Request(self.url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.load(reply)


def self_test(venv):
    started = time.monotonic()
    server = Homeserver(venv)
    try:
        server.start()
        up = time.monotonic() - started
        alice, bob = server.register_user("alice"), server.register_user("bob")
        room = server.call("POST", "/_matrix/client/v3/createRoom",
                           {"invite": [f"@bob:{SERVER_NAME}"], "preset": "private_chat"}, alice)["room_id"]
        server.call("POST", f"/_matrix/client/v3/rooms/{room}/join", {}, bob)
        server.call("PUT", f"/_matrix/client/v3/rooms/{room}/send/m.room.message/1",
                    {"msgtype": "m.text", "body": "hvor tit skal jeg have massage?"}, alice)

        def bodies():
            events = server.call("GET", f"/_matrix/client/v3/rooms/{room}/messages?dir=b&limit=10", None, bob)
            return [e["content"].get("body") for e in events["chunk"] if e["type"] == "m.room.message"]

        assert bodies() == ["hvor tit skal jeg have massage?"], bodies()
        server.stop()
        restarted = time.monotonic()
        server.start()
        assert bodies() == ["hvor tit skal jeg have massage?"], "the message did not survive a restart"
        print(f"PASS: Synapse up in {up:.1f} s, two users registered, a message sent and read back, "
              f"read again after a restart ({time.monotonic() - restarted:.1f} s)")
    finally:
        server.stop()
        server.remove()


def serve(venv, users, info_file=None):
    server = Homeserver(venv)
    signal.signal(signal.SIGTERM, lambda *_: (server.stop(), server.remove(), sys.exit(0)))
    try:
        server.start()
        tokens = {user: server.register_user(user) for user in users}
        info = json.dumps({"url": server.url, "server_name": SERVER_NAME, "tokens": tokens})
        if info_file:
            with open(info_file + ".new", "w") as f:
                f.write(info + "\n")
            os.rename(info_file + ".new", info_file)
            while True:
                signal.pause()
        print(info, flush=True)
        for line in sys.stdin:
            if line.strip() == "restart":
                server.stop()
                server.start()
                print("restarted", flush=True)
    finally:
        server.stop()
        server.remove()


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[2] == "self-test":
        self_test(sys.argv[1])
    elif len(sys.argv) >= 3 and sys.argv[2] == "serve":
        serve(sys.argv[1], sys.argv[3:])
    elif len(sys.argv) >= 4 and sys.argv[2] == "serve-until-stopped":
        serve(sys.argv[1], sys.argv[4:], info_file=sys.argv[3])
    else:
        sys.exit(__doc__)
