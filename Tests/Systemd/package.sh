#!/usr/bin/env bash
# The Debian package under a real systemd (PID 1 in a throwaway container, ../shared/tools/systemd-sandbox):
# lintian; dpkg -i enables the socket, which answers; a local intent in /etc/backtalk/knowledge.d is
# reloaded and answers, a broken one is refused and located; an upgrade to a higher version while 4
# clients pipeline questions loses, repeats and confuses nothing; dpkg -r stops everything, dpkg -P
# removes /etc/backtalk. Prints one PASS/FAIL line per check, the figures, and "N passed, N failed".
cd "$(dirname "$0")/../.."
NAME=backtalk-deb
SKIPPED=1
LOCAL=/etc/backtalk/knowledge.d
source Tests/Systemd/common.sh
ask() { sbx /usr/bin/backtalk --json ask "$1"; }
intent_of() { ask "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("intent"))' 2>/dev/null; }

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
[ "$(intent_of "how often should I get a massage?")" = faq.frequency ] \
  && ok "/usr/bin/backtalk is answered through socket activation (service $(prop backtalk.service ActiveState))" \
  || bad "no answer: $(ask "how often should I get a massage?" 2>&1 | head -c 300)"

# 2. A local intent: reloaded and answered; a broken local file refused, located, the old answers going on.
sed -n '/^```yaml$/,/^```$/p' docs/KNOWLEDGE.md | sed '1d;$d' > "$WORK/clinic.yaml"
"$SANDBOX" cp "$NAME" "$WORK/clinic.yaml" "$LOCAL/"
sbx systemctl reload backtalk.service
waitfor '[ "$(intent_of "what are your opening hours?")" = clinic.opening_hours ]' \
  && ok "a local intent in $LOCAL answers after systemctl reload" || bad "local intent: $(intent_of "what are your opening hours?")"
printf 'intents:\n  - extends: clinic.openinghours\n    enabled: false\n' > "$WORK/broken.yaml"
"$SANDBOX" cp "$NAME" "$WORK/broken.yaml" "$LOCAL/"
sbx systemctl reload backtalk.service
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'reload refused'" && ok "a broken local file is refused" \
  || bad "no 'reload refused' in the journal"
located=$(sbx journalctl -u backtalk.service --no-pager | grep -o "$LOCAL/broken.yaml:2:[0-9]*: [^;]*" | head -n 1)
[ -n "$located" ] && ok "the journal locates it: $located" || bad "the problem is not located in the journal"
[ "$(intent_of "what are your opening hours?")" = clinic.opening_hours ] && ok "the running knowledge keeps answering" \
  || bad "old answers gone"
sbx rm -f "$LOCAL/broken.yaml"
sbx systemctl reload backtalk.service

# 3. Upgrade to a higher version while 4 clients pipeline questions: every request answered exactly once.
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
[ "$(intent_of "what are your opening hours?")" = clinic.opening_hours ] && ok "the local intent survives the upgrade" \
  || bad "local intent lost in the upgrade"

# 4. Remove: nothing runs or listens; purge: /etc/backtalk is gone.
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
sbx test -e /etc/backtalk && bad "/etc/backtalk still there after dpkg -P" || ok "dpkg -P: /etc/backtalk is gone"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
