#!/usr/bin/env bash
# The Debian package under a real systemd (PID 1 in a throwaway container, ../shared/tools/systemd-sandbox):
# lintian; dpkg -i enables the socket, which answers root and an ordinary user; a local intent in
# /etc/backtalk/knowledge.d is reloaded and answers, a broken one is refused and located; the packaged IRC
# bridge answers in a channel of a real IRC server and says why when it cannot; an upgrade to a higher
# version while 4 clients pipeline questions loses, repeats and confuses nothing; dpkg -r stops everything,
# dpkg -P removes what the package made and leaves the administrator's files. Prints one PASS/FAIL line per
# check, the figures, and "N passed, N failed".
cd "$(dirname "$0")/../.."
NAME=backtalk-deb
SKIPPED=21
LOCAL=/etc/backtalk/knowledge.d
source Tests/Systemd/common.sh
ask() { sbx /usr/bin/backtalk --json ask "$1"; }
intent_of() { ask "$1" | intent_of_reply; }
# user_intent_of QUESTION: the intent an ordinary user (not root) is answered with.
user_intent_of() { as_user /usr/bin/backtalk --json ask "$1" 2>&1 | intent_of_reply; }

# 0. Build the package, and a higher version of it for the upgrade; lintian on it.
first=$(make -s deb DEB_REVISION=1 | tail -n 1) && second=$(make -s deb DEB_REVISION=2 | tail -n 1) \
  || { bad "make deb"; echo "$pass passed, $fail failed"; exit 1; }
echo "packages: $first $second ($(du -h "$first" | cut -f1))"
echo "Depends: $(dpkg-deb -f "$first" Depends)"
lint=$(lintian --no-tag-display-limit "$first" 2>&1)
errors=$(grep -c '^E:' <<<"$lint"); warnings=$(grep -c '^W:' <<<"$lint")
echo "lintian: $errors errors, $warnings warnings"; grep -E '^(E|W):' <<<"$lint" | sed 's/^/  /'
[ "$errors" = 0 ] && ok "lintian reports no errors ($warnings warnings)" || bad "lintian reports $errors errors"

[ "$(id -u)" = 0 ] || skip "the systemd sandbox needs root"
[ -x "$SANDBOX" ] || skip "no systemd sandbox at $SANDBOX"
WORK=$(mktemp -d)
trap '"$SANDBOX" down "$NAME" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
"$SANDBOX" up "$NAME" >/dev/null 2>&1 || skip "systemd did not boot in the sandbox here"
"$SANDBOX" dpkg "$NAME"
# The sandbox presets every unit disabled; a Debian system enables what a package enables (its default
# preset is "enable *"), so the test says so for backtalk.socket, the unit the package enables.
printf 'enable backtalk.socket\n' | sbx sh -c 'cat > /etc/systemd/system-preset/00-backtalk.preset'
"$SANDBOX" cp "$NAME" "$first" /tmp/
"$SANDBOX" cp "$NAME" "$second" /tmp/
"$SANDBOX" cp "$NAME" Tests/Systemd/load.py /tmp/backtalk-load

# 1. Install: the socket is enabled and listening, the service starts on the first question.
sbx dpkg -i "/tmp/$(basename "$first")" > "$WORK/install.log" 2>&1 && ok "dpkg -i $(basename "$first")" \
  || bad "dpkg -i: $(tail -n 3 "$WORK/install.log")"
[ "$(sbx systemctl is-enabled backtalk.socket)" = enabled ] && [ "$(prop backtalk.socket ActiveState)" = active ] \
  && ok "backtalk.socket enabled and listening" || bad "socket: $(sbx systemctl is-enabled backtalk.socket) $(prop backtalk.socket ActiveState)"
[ "$(sbx systemctl is-enabled backtalk-irc.service)" != enabled ] && ok "backtalk-irc.service installed, not enabled" \
  || bad "backtalk-irc.service enabled"
# The first question starts the service (socket activation) from the shipped model; timed inside the
# sandbox, from the client's start to its exit, and printed (a figure, not a check).
first_reply=$(sbx sh -c 'start=$(date +%s%N); reply=$(/usr/bin/backtalk --json ask "how often should I get a massage?");
  printf "%s %s\n" "$(( ($(date +%s%N) - start) / 1000000 ))" "$reply"')
echo "INFO: first answer after dpkg -i, the service started by it: ${first_reply%% *} ms"
[ "$(echo "${first_reply#* }" | intent_of_reply)" = faq.frequency ] \
  && ok "/usr/bin/backtalk is answered through socket activation (service $(prop backtalk.service ActiveState))" \
  || bad "no answer: $(echo "$first_reply" | head -c 300)"
[ "$(user_intent_of "how often should I get a massage?")" = faq.frequency ] \
  && ok "an ordinary user (uid 65534) is answered after the service's first start" \
  || bad "an ordinary user is not answered: $(as_user /usr/bin/backtalk ask "how often should I get a massage?" 2>&1)"
[ "$(sbx /usr/bin/backtalkd --check)" = "$(sbx /usr/bin/backtalkd --check --knowledge /usr/share/backtalk/knowledge \
  --knowledge $LOCAL)" ] && ok "backtalkd --check with no options checks the installed layers" \
  || bad "backtalkd --check: $(sbx /usr/bin/backtalkd --check 2>&1 | tail -n 1)"

# 2. A local intent: reloaded and answered; a broken local file refused, located, the old answers going on.
sed -n '/^```yaml$/,/^```$/p' docs/KNOWLEDGE.md | sed '1d;$d' > "$WORK/clinic.yaml"
"$SANDBOX" cp "$NAME" "$WORK/clinic.yaml" "$LOCAL/"
sbx systemctl reload backtalk.service
[ "$(user_intent_of "what are your opening hours?")" = clinic.opening_hours ] \
  && ok "a local intent in $LOCAL answers an ordinary user as soon as systemctl reload returns" \
  || bad "local intent: $(intent_of "what are your opening hours?")"
printf 'intents:\n  - extends: clinic.openinghours\n    enabled: false\n' > "$WORK/broken.yaml"
"$SANDBOX" cp "$NAME" "$WORK/broken.yaml" "$LOCAL/"
sbx systemctl reload backtalk.service > "$WORK/refused.txt" 2>&1; refused=$?
[ $refused != 0 ] && ok "systemctl reload exits $refused for a broken local file" || bad "systemctl reload exit 0 for a broken file"
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'reload refused'" && ok "a broken local file is refused" \
  || bad "no 'reload refused' in the journal"
located=$(sbx journalctl -u backtalk.service --no-pager | grep -o "$LOCAL/broken.yaml:2:[0-9]*: [^;]*" | head -n 1)
[ -n "$located" ] && ok "the journal locates it: $located" || bad "the problem is not located in the journal"
[ "$(intent_of "what are your opening hours?")" = clinic.opening_hours ] && ok "the running knowledge keeps answering" \
  || bad "old answers gone"
sbx rm -f "$LOCAL/broken.yaml"
sbx systemctl reload backtalk.service

# 3. The packaged IRC bridge, configured as an administrator would, in a channel of a real IRC server
# (ngircd, Debian's, started inside the sandbox); then with backtalkd stopped, its log says why.
printf '[Global]\n\tName = irc.backtalk.test\n\tInfo = backtalk test\n\tListen = 127.0.0.1\n\tPorts = 6667\n\tMotdPhrase = test\n[Limits]\n\tMaxConnectionsIP = 0\n[Options]\n\tPAM = no\n\tIdent = no\n\tDNS = no\n[Channel]\n\tName = #backpain\n' \
  > "$WORK/ngircd.conf"
"$SANDBOX" cp "$NAME" "$WORK/ngircd.conf" /etc/ngircd-test.conf
"$SANDBOX" cp "$NAME" Tests/Systemd/irc_ask.py /tmp/irc_ask.py
sbx systemd-run --quiet --unit ngircd-test /usr/sbin/ngircd --nodaemon --config /etc/ngircd-test.conf
echo 'BACKTALK_IRC_OPTIONS=--server 127.0.0.1 --port 6667 --channel #backpain' | sbx sh -c 'cat > /etc/backtalk/irc.env'
sbx systemctl start backtalk-irc.service
irc=$(sbx python3 /tmp/irc_ask.py 127.0.0.1 6667 '#backpain' backtalk "how often should I get a massage?" 60 2>&1)
echo "IRC #backpain: <asker> backtalk: how often should I get a massage? / <backtalk> $irc"
[[ $irc == "asker: "* && $irc != *"not available"* ]] && ok "backtalk-irc.service from the package answers in an IRC channel" \
  || bad "IRC bridge: $irc ($(sbx journalctl -u backtalk-irc.service --no-pager -n 5 | tr '\n' ' '))"
sbx systemctl stop backtalk.socket backtalk.service
irc=$(sbx python3 /tmp/irc_ask.py 127.0.0.1 6667 '#backpain' backtalk "how often should I get a massage?" 30 2>&1)
why=$(sbx journalctl -u backtalk-irc.service --no-pager -o cat | grep "did not answer" | tail -n 1)
echo "with backtalkd stopped: <backtalk> $irc; its log: $why"
[[ $irc == *"not available"* && $why == *"not running"*"systemctl"* ]] \
  && ok "with backtalkd stopped the bridge says so in the channel and its log says why" || bad "bridge without backtalkd: $irc / $why"
sbx systemctl start backtalk.socket
sbx systemctl stop backtalk-irc.service ngircd-test.service

# 4. Upgrade to a higher version while 4 clients pipeline questions: every request answered exactly once.
sbx rm -f /tmp/stop-load
sbx python3 /tmp/backtalk-load $SOCKET 4 120 /tmp/stop-load > "$WORK/upgrade-load.json" 2>&1 &
loader=$!
sleep 2
before=$(prop backtalk.service MainPID)
sbx env DEBIAN_FRONTEND=noninteractive dpkg -i "/tmp/$(basename "$second")" > "$WORK/upgrade.log" 2>&1; upgraded=$?
waitfor '[ "$(prop backtalk.service ActiveState)" = active ]'
sleep 2
after=$(prop backtalk.service MainPID)
sbx touch /tmp/stop-load; wait $loader; load_status=$?
figures=$(cat "$WORK/upgrade-load.json")
echo "upgrade $(dpkg-deb -f "$first" Version) -> $(sbx dpkg-query -W -f '${Version}' backtalk) under load (PID $before -> $after): $figures"
[ $upgraded = 0 ] && ok "dpkg -i of the higher version" || bad "upgrade: $(tail -n 3 "$WORK/upgrade.log")"
sent=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("sent", 0))' "$(tail -n 1 <<<"$figures")" 2>/dev/null)
[ $load_status = 0 ] && [ "${sent:-0}" -gt 0 ] && ok "upgrade under load: $sent sent, 0 lost, 0 wrong, 0 duplicated replies" \
  || bad "upgrade under load: $figures"
[ -n "$before" ] && [ "$before" != 0 ] && [ "$after" != "$before" ] && [ "$after" != 0 ] \
  && ok "the service was restarted by the upgrade" || bad "PID $before -> $after"
[ "$(user_intent_of "what are your opening hours?")" = clinic.opening_hours ] \
  && ok "the local intent survives the upgrade and answers an ordinary user" || bad "local intent lost in the upgrade"

# 5. Remove: nothing runs or listens; purge: /etc/backtalk is gone.
sbx dpkg -r backtalk > "$WORK/remove.log" 2>&1 || bad "dpkg -r: $(tail -n 3 "$WORK/remove.log")"
active=$(sbx systemctl is-active backtalk.socket backtalk.service | tr '\n' ' ')
if sbx python3 -c "import socket; socket.socket(socket.AF_UNIX).connect('$SOCKET')" 2>/dev/null; then
  bad "something still listens on $SOCKET after dpkg -r"
elif sbx test -e $SOCKET; then
  bad "the socket file $SOCKET is left after dpkg -r"
elif [[ $active == *" active"* || $active == active* ]]; then
  bad "units still active after dpkg -r: $active"
else
  ok "dpkg -r: the socket is gone and nothing listens (units: $active)"
fi
sbx test -d /etc/backtalk && ok "dpkg -r keeps the local knowledge in /etc/backtalk" || bad "dpkg -r removed /etc/backtalk"
sbx dpkg -P backtalk > "$WORK/purge.log" 2>&1 || bad "dpkg -P: $(tail -n 3 "$WORK/purge.log")"
echo "dpkg -P backtalk:"; sed 's/^/  /' "$WORK/purge.log"
sbx test -e $LOCAL/README && bad "the package's README is left after dpkg -P" || ok "dpkg -P removes what the package made"
sbx test -f $LOCAL/clinic.yaml && sbx test -f /etc/backtalk/irc.env \
  && ok "dpkg -P leaves the administrator's own files ($LOCAL/clinic.yaml, /etc/backtalk/irc.env)" \
  || bad "dpkg -P removed the administrator's files"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
