#!/usr/bin/env python3
"""A Matrix user for the sandbox test of the packaged bot (the standard library only, like a shell client).

usage: matrix_chat.py INFO USER dm BOT              create a direct chat with BOT, wait until it joins,
                                                     print the room ID
       matrix_chat.py INFO USER say ROOM TEXT       send TEXT to ROOM
       matrix_chat.py INFO USER answers ROOM BOT N TIMEOUT
                                                     wait up to TIMEOUT s for N messages of BOT in ROOM,
                                                     then print them all, one JSON string per line
INFO is the file `homeserver.py VENV serve-until-stopped INFO …` wrote: the URL and each user's token.
"""
import json, sys, time, urllib.parse, urllib.request, uuid


def main():
    info, user, command, args = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4:]
    token = info["tokens"][user]

    def call(method, path, body=None):
        request = urllib.request.Request(info["url"] + "/_matrix/client/v3" + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.load(reply)

    def quoted(text):
        return urllib.parse.quote(text, safe="")

    def bot_messages(room, bot):
        events = call("GET", f"/rooms/{quoted(room)}/messages?dir=f&limit=1000")["chunk"]
        return [e["content"].get("body", "") for e in events if e["type"] == "m.room.message" and e["sender"] == bot]

    if command == "dm":
        bot = args[0]
        room = call("POST", "/createRoom", {"invite": [bot], "is_direct": True, "preset": "trusted_private_chat"})["room_id"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if call("GET", f"/rooms/{quoted(room)}/state/m.room.member/{quoted(bot)}").get("membership") == "join":
                    print(room)
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"{bot} did not join {room} within 60 s")
    elif command == "say":
        call("PUT", f"/rooms/{quoted(args[0])}/send/m.room.message/{uuid.uuid4()}", {"msgtype": "m.text", "body": args[1]})
    elif command == "answers":
        room, bot, count, timeout = args[0], args[1], int(args[2]), float(args[3])
        deadline = time.monotonic() + timeout
        while len(found := bot_messages(room, bot)) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        for body in found:
            print(json.dumps(body))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
