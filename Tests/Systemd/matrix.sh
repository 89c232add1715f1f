#!/usr/bin/env bash
# The packaged Matrix bot under a real systemd (PID 1 in a throwaway container, ../shared/tools/systemd-sandbox),
# against a real Synapse started inside the same sandbox (its virtual environment bound in read-only): the
# unit's exposure, the access token as a systemd credential (not on the command line, not in the journal),
# a direct chat answered, a restart, a stop with a question sent meanwhile and a kill -9 with every question
# answered once, the sync position in the state folder, and dpkg -P removing it but not the token. Prints
# one PASS/FAIL line per check and "N passed, N failed".
cd "$(dirname "$0")/../.."
NAME=backtalk-matrix
SKIPPED=10
source Tests/Systemd/common.sh
VENV=$ROOT/.build-venv/matrix
BOT=@backtalk:backtalk.test
QUESTIONS=("how often should I get a massage?" "what is sports massage?" "hvad er triggerpunktsmassage?"
  "is massage safe for everyone?")

[ "$(id -u)" = 0 ] || skip "the systemd sandbox needs root"
[ -x "$SANDBOX" ] || skip "no systemd sandbox at $SANDBOX"
[ -x "$VENV/bin/python" ] || skip "no Synapse in $VENV: make matrix-deps"
package=$(make -s deb DEB_REVISION=1 | tail -n 1) || { bad "make deb"; echo "$pass passed, $fail failed"; exit 1; }
WORK=$(mktemp -d)
trap '"$SANDBOX" down "$NAME" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
SYSTEMD_SANDBOX_BIND_RO="$([ -d /opt/swift ] && echo /opt/swift) $VENV" "$SANDBOX" up "$NAME" >/dev/null 2>&1 \
  || skip "systemd did not boot in the sandbox here"
"$SANDBOX" dpkg "$NAME"
"$SANDBOX" cp "$NAME" "$package" /tmp/
"$SANDBOX" cp "$NAME" Tests/Matrix/homeserver.py /tmp/homeserver.py
"$SANDBOX" cp "$NAME" Tests/Systemd/matrix_chat.py /tmp/matrix_chat.py
sbx dpkg -i "/tmp/$(basename "$package")" > "$WORK/install.log" 2>&1 || bad "dpkg -i: $(tail -n 3 "$WORK/install.log")"
[ "$(sbx systemctl is-enabled backtalk-matrix.service)" = disabled ] && sbx test -f /usr/share/man/man1/backtalk-matrix.1.gz \
  && ok "the package installs backtalk-matrix.service (not enabled: it needs a token) and its man page" \
  || bad "backtalk-matrix.service $(sbx systemctl is-enabled backtalk-matrix.service), man page: $(sbx ls /usr/share/man/man1)"
chat() { sbx python3 /tmp/matrix_chat.py /tmp/homeserver.json alice "$@"; }
# answers N: every message of the bot in the room, once it has sent N (or after 60 s)
answers() { chat answers "$room" "$BOT" "$1" 60; }
# summary_start QUESTION: the first 40 characters of the daemon's own summary for QUESTION
summary_start() { sbx /usr/bin/backtalk --json ask "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"][:40])'; }

# The homeserver, then the bot as an administrator sets it up: the token in a root-only file, the options.
sbx systemd-run --quiet --unit synapse-test /usr/bin/python3 /tmp/homeserver.py "$VENV" serve-until-stopped \
  /tmp/homeserver.json backtalk alice
waitfor "sbx test -s /tmp/homeserver.json" || {
  bad "Synapse did not start in the sandbox: $(sbx journalctl -u synapse-test --no-pager -n 5)"
  echo "$pass passed, $fail failed"; exit 1; }
url=$(sbx python3 -c 'import json; print(json.load(open("/tmp/homeserver.json"))["url"])')
token=$(sbx python3 -c 'import json; print(json.load(open("/tmp/homeserver.json"))["tokens"]["backtalk"])')
sbx sh -c "umask 077; echo '$token' > /etc/backtalk/matrix-token"
echo "BACKTALK_MATRIX_OPTIONS=--homeserver $url --allow @alice:backtalk.test" | sbx sh -c 'cat > /etc/backtalk/matrix.env'
sbx systemctl start backtalk-matrix.service

# 1. The unit: hardened, the token a credential.
exposure=$(sbx systemd-analyze security --no-pager backtalk-matrix.service 2>/dev/null | tail -n 1)
echo "systemd-analyze security backtalk-matrix.service (in the sandbox, the installed unit): $exposure"
if [[ $exposure =~ exposure\ level.*:\ ([0-9.]+) ]] && awk "BEGIN { exit !(${BASH_REMATCH[1]} <= 1.0) }"; then
  ok "the packaged backtalk-matrix.service: exposure ${BASH_REMATCH[1]} <= 1.0"
else
  bad "exposure: $exposure"
fi
pid=$(prop backtalk-matrix.service MainPID)
cmdline=$(sbx cat /proc/"$pid"/cmdline | tr '\0' ' ')
echo "its command line: $cmdline"
[[ $cmdline == *"--token-file /run/credentials/backtalk-matrix.service/matrix-token"* && $cmdline != *"$token"* ]] \
  && ok "the token comes as a credential (LoadCredential=), not on the command line" || bad "command line: $cmdline"

# 2. A direct chat is answered.
room=$(chat dm "$BOT") && ok "the bot joined a direct chat alice opened" || bad "no direct chat: $room"
chat say "$room" "${QUESTIONS[0]}"
first=$(answers 1 | head -n 1)
echo "alice: ${QUESTIONS[0]} / backtalk: $(head -c 160 <<<"$first")…"
[[ $first == "\"$(summary_start "${QUESTIONS[0]}")"* ]] && ok "the packaged bot answers a direct chat" \
  || bad "answer: $first ($(sbx journalctl -u backtalk-matrix.service --no-pager -n 5 | tr '\n' ' '))"

# 3. A restart, a stop with a question sent meanwhile, a kill -9: each question answered once, in order.
sbx systemctl restart backtalk-matrix.service
chat say "$room" "${QUESTIONS[1]}"
answers 2 >/dev/null
sbx systemctl stop backtalk-matrix.service
chat say "$room" "${QUESTIONS[2]}"
sbx systemctl start backtalk-matrix.service
answers 3 >/dev/null
sbx systemctl kill --signal=KILL backtalk-matrix.service
waitfor "[ \"\$(prop backtalk-matrix.service ActiveState)\" = active ] && [ \"\$(prop backtalk-matrix.service NRestarts)\" = 1 ]" \
  && ok "after kill -9 systemd restarts the bot (Restart=on-failure)" || bad "not restarted: $(prop backtalk-matrix.service ActiveState)"
chat say "$room" "${QUESTIONS[3]}"
answers 4 >/dev/null
sleep 3
mapfile -t said < <(answers 4)
expected=0
for i in 0 1 2 3; do [[ ${said[$i]:-} == "\"$(summary_start "${QUESTIONS[$i]}")"* ]] && expected=$((expected + 1)); done
[ "${#said[@]}" = 4 ] && [ $expected = 4 ] \
  && ok "after a restart, a stop and a kill -9: 4 questions, 4 answers, each its question's, in order" \
  || bad "${#said[@]} answers, $expected of them right: $(printf '%s\n' "${said[@]}" | cut -c1-80)"
sbx test -s /var/lib/private/backtalk-matrix/sync-position.json \
  && ok "the sync position is kept in the state folder (/var/lib/private/backtalk-matrix)" || bad "no sync-position.json"

# 4. What the bot wrote to the journal (its own lines, not systemd's about the unit): rooms and errors, not
# the questions, not the token.
journal=$(sbx journalctl _SYSTEMD_UNIT=backtalk-matrix.service --no-pager -o cat)
echo "its journal: $(grep -c . <<<"$journal") lines, e.g. $(grep -m1 'joined a room' <<<"$journal")"
leaked=$(grep -F -e "$token" "${QUESTIONS[@]/#/-e}" <<<"$journal")
[ -n "$journal" ] && [ -z "$leaked" ] && ok "the journal holds neither a question nor the token" \
  || bad "the journal holds message text or the token: $leaked"

# 5. Purge: the state goes, the administrator's token stays.
sbx dpkg -P backtalk > "$WORK/purge.log" 2>&1
! sbx test -e /var/lib/private/backtalk-matrix && sbx test -f /etc/backtalk/matrix-token \
  && ok "dpkg -P removes the bot's state and leaves the administrator's token file" \
  || bad "after dpkg -P: $(sbx ls -la /var/lib/private /etc/backtalk 2>&1 | tr '\n' ' ')"
echo "the packaged bot's checks took $SECONDS s (the package built, the sandbox booted, Synapse started in it)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
