#!/usr/bin/python3
"""Asks the backtalk IRC bridge a question in a channel of a real IRC server, as a person would.

Joins CHANNEL as NICK, waits until the bridge (BOT) is in the channel, says "BOT: QUESTION" and prints the
bridge's first reply line addressed to NICK. Exits 0 when one came within TIMEOUT seconds, 1 otherwise.

usage: irc_ask.py HOST PORT CHANNEL BOT QUESTION [TIMEOUT]
"""
import socket, sys, time

host, port, channel, bot, question = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
timeout = float(sys.argv[6]) if len(sys.argv) > 6 else 60
nick = "asker"
deadline = time.monotonic() + timeout
connection = socket.create_connection((host, port), timeout=5)
connection.settimeout(1)


def send(line):
    connection.sendall((line + "\r\n").encode())


send(f"NICK {nick}")
send(f"USER {nick} 0 * :a person with a sore back")
buffer, asked, joined = b"", False, False
next_names = 0.0
while time.monotonic() < deadline:
    if joined and not asked and time.monotonic() >= next_names:
        send(f"NAMES {channel}")
        next_names = time.monotonic() + 1
    try:
        data = connection.recv(4096)
    except socket.timeout:
        continue
    if not data:
        break
    buffer += data
    while b"\r\n" in buffer:
        raw, buffer = buffer.split(b"\r\n", 1)
        line = raw.decode("utf-8", "replace")
        words = line.split(" ")
        if words[0] == "PING":
            send("PONG " + " ".join(words[1:]))
        elif len(words) > 1 and words[1] == "001":
            send(f"JOIN {channel}")
            joined = True
        elif len(words) > 1 and words[1] == "353" and not asked:
            members = line.split(" :", 1)[-1].split()
            if any(member.lstrip("@+") == bot for member in members):
                send(f"PRIVMSG {channel} :{bot}: {question}")
                asked = True
        elif asked and len(words) > 3 and words[0].startswith(f":{bot}!") and words[1] == "PRIVMSG":
            text = line.split(" :", 1)[-1]
            if text.startswith(f"{nick}: "):
                print(text)
                sys.exit(0)
print(f"no answer from {bot} in {channel} within {timeout:.0f} s (asked: {asked})", file=sys.stderr)
sys.exit(1)
