#!/usr/bin/env bash
# The installed backtalk service under a real systemd (PID 1 in a throwaway container, see
# ../shared/tools/systemd-sandbox): socket activation, journal, reload, restarts and kill -9 under load,
# watchdog, and the hardening score; an ordinary user (nobody) asks after each start, restart and reload. Prints one PASS/FAIL line per check, the figures, and
# "N passed, N failed" (", N skipped" with the reason when the sandbox cannot run here).
cd "$(dirname "$0")/../.."
NAME=backtalk-it
SKIPPED=14
source Tests/Systemd/common.sh
ask() { sbx /usr/local/bin/backtalk ask --json "$1"; }
# user_asks WHEN: an ordinary user (not root) asks, as a person would (the client finds the socket itself).
user_asks() {
  local reply; reply=$(as_user /usr/local/bin/backtalk ask --json "how often should I get a massage?" 2>&1)
  [ "$(intent_of_reply <<<"$reply")" = faq.frequency ] && ok "an ordinary user (uid 65534) is answered $1" \
    || bad "an ordinary user after $1: $reply ($(sbx ls -ld /run/backtalk /run/backtalk/backtalk.sock 2>&1 | tr '\n' ' '))"
}

# 0. Hardening: the unit as shipped.
exposure=$(systemd-analyze security --offline=yes --no-pager systemd/backtalk.service 2>/dev/null | tail -n 1)
echo "systemd-analyze security --offline=yes systemd/backtalk.service: $exposure"
if [[ $exposure =~ exposure\ level.*:\ ([0-9.]+) ]] && awk "BEGIN { exit !(${BASH_REMATCH[1]} <= 1.0) }"; then
  ok "hardening exposure ${BASH_REMATCH[1]} <= 1.0"
else
  bad "hardening exposure: $exposure"
fi

[ "$(id -u)" = 0 ] || skip "the systemd sandbox needs root"
[ -x "$SANDBOX" ] || skip "no systemd sandbox at $SANDBOX"

WORK=$(mktemp -d)
trap '"$SANDBOX" down "$NAME" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
make -s install DESTDIR="$WORK/root" PREFIX=/usr/local >/dev/null || { bad "make install"; echo "$pass passed, $fail failed"; exit 1; }
"$SANDBOX" up "$NAME" >/dev/null 2>&1 || skip "systemd did not boot in the sandbox here: $("$SANDBOX" console "$NAME" 2>/dev/null | tail -n 3)"
"$SANDBOX" cp "$NAME" "$WORK/root/usr/local" /usr/local
"$SANDBOX" cp "$NAME" "$WORK/root/etc/backtalk" /etc/backtalk
"$SANDBOX" cp "$NAME" Tests/Systemd/load.py /usr/local/bin/backtalk-load
sbx systemctl daemon-reload
sbx systemctl enable --now backtalk.socket >/dev/null 2>&1

# 1. Socket activation: nothing runs until the first connection, which is answered.
[ "$(prop backtalk.service ActiveState)" = inactive ] && ok "service not started before the first connection" \
  || bad "service started early"
reply=$(ask "how often should I get a massage?")
[[ $reply == *'"intent":"faq.frequency"'* ]] && ok "first connection started the service and was answered" \
  || bad "first connection: $reply"
status=$(prop backtalk.service StatusText)
echo "StatusText: $status"
[[ $status == serving* ]] && ok "systemctl show -p StatusText reports the status line" || bad "StatusText '$status'"
user_asks "after the service's first start"

# 2. The journal: one start-up line that says what is served, where its model came from (the one `make
# install` trained, or the cache), with its priority and fields; no question text; no libdispatch noise.
entry=$(sbx journalctl -u backtalk.service -o json --no-pager | grep '"MESSAGE":"serving on /run/backtalk/backtalk.sock: ' | head -n 1)
if [[ $entry =~ \"MESSAGE\":\"serving[^\"]*[0-9]+\ intents,\ [0-9]+\ English\ and\ [0-9]+\ Danish[^\"]*from\ /usr/local/share/backtalk/knowledge[^\"]*,\ (trained|model\ from\ the\ (file|cache))\ in\ [0-9.]+\ s\" \
   && $entry == *'"PRIORITY":"5"'* && $entry == *'"SYSLOG_IDENTIFIER":"backtalkd"'* && $entry == *'"CODE_FILE":'* \
   && $entry == *'"BACKTALK_KNOWLEDGE_SUMMARY":'* ]]; then
  ok "journal: one start-up line with intents, questions, layers and seconds, PRIORITY=5, BACKTALK_ fields"
else
  bad "journal start-up entry: ${entry:-none}"
fi
noise=$(sbx journalctl -u backtalk.service --no-pager | grep -c "thread priority")
[ "$noise" = 0 ] && ok "no thread-priority errors in the journal" || bad "$noise thread-priority errors in the journal"
sbx journalctl -u backtalk.service --no-pager -o verbose | grep -qi "how often should" \
  && bad "question text found in the journal" || ok "no question text in the journal"

# 3. Reload under load: a changed knowledge base is served; a broken one is refused and the old one answers.
KB=/usr/local/share/backtalk/knowledge
sbx rm -f /tmp/stop-load
sbx python3 /usr/local/bin/backtalk-load $SOCKET 2 60 /tmp/stop-load > "$WORK/reload-load.json" 2>&1 &
loader=$!
sbx sed -i 's/Hello! I.m backtalk,/Hello again! I am backtalk, reloaded,/' $KB/conversation.yaml
start=$(date +%s.%N)
sbx systemctl reload backtalk.service; reloaded=$?
seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
ask hello | grep -q 'Hello again' && [ $reloaded = 0 ] \
  && ok "systemctl reload returned 0 after $seconds s with the changed answer already served" \
  || bad "systemctl reload exit $reloaded, then: $(ask hello)"
user_asks "after a reload"
echo "broken: true" | sbx sh -c "cat >> $KB/faq.yaml"
sbx systemctl reload backtalk.service > "$WORK/reload-refused.txt" 2>&1; refused=$?
echo "systemctl reload with a broken knowledge base: exit $refused: $(head -n 1 "$WORK/reload-refused.txt")"
[ $refused != 0 ] && ok "systemctl reload fails when the reload is refused (exit $refused)" \
  || bad "systemctl reload exit 0 for a broken knowledge base"
sbx systemctl status backtalk.service --no-pager -n 4 -l > "$WORK/status.txt" 2>&1
sed 's/^/  /' "$WORK/status.txt"
grep -q "unknown key 'broken'" "$WORK/status.txt" && ok "systemctl status shows why the reload was refused" \
  || bad "systemctl status does not show the reason"
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'reload refused'" \
  && ok "broken knowledge base refused" || bad "no 'reload refused' in the journal"
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q \"faq.yaml:[0-9]*:1: unknown key 'broken'\"" \
  && ok "journal lists the problem with file:line" || bad "problem not listed in the journal"
ask hello | grep -q 'Hello again' && ok "the previous knowledge base keeps answering" || bad "old answers gone: $(ask hello)"
sbx touch /tmp/stop-load; wait $loader; reload_status=$?
echo "load during reloads: $(cat "$WORK/reload-load.json")"
[ $reload_status = 0 ] && ok "no request failed during the reloads" || bad "requests failed during the reloads"
sbx sed -i '$d' $KB/faq.yaml
sbx systemctl reload backtalk.service

# 4. Restart and kill -9 under load: every request gets exactly one correct reply.
sbx rm -f /tmp/stop-load
sbx python3 /usr/local/bin/backtalk-load $SOCKET 4 120 /tmp/stop-load > "$WORK/restart-load.json" 2>&1 &
loader=$!
sleep 1
pid1=$(prop backtalk.service MainPID)
sbx systemctl restart backtalk.service
sleep 1
pid2=$(prop backtalk.service MainPID)
sbx kill -9 "$pid2"
waitfor "[ \"\$(prop backtalk.service ActiveState)\" = active ] && [ \"\$(prop backtalk.service MainPID)\" != $pid2 ]"
sleep 1
pid3=$(prop backtalk.service MainPID)
sbx touch /tmp/stop-load; wait $loader; load_status=$?
user_asks "after a restart and a kill -9"
figures=$(cat "$WORK/restart-load.json")
echo "load through restart and kill -9 (PIDs $pid1 -> $pid2 -> $pid3, NRestarts=$(prop backtalk.service NRestarts)): $figures"
[ "$pid1" != "$pid2" ] && [ "$pid2" != "$pid3" ] && [ "$pid3" != 0 ] && ok "restart and kill -9 each gave a new process" \
  || bad "processes: $pid1 -> $pid2 -> $pid3"
[ $load_status = 0 ] && ok "every request sent got exactly one correct reply" || bad "load: $figures"

# 5. Watchdog: a wedged daemon stops petting and systemd restarts it.
sbx mkdir -p /etc/systemd/system/backtalk.service.d
printf '[Service]\nExecStart=\nExecStart=/usr/local/bin/backtalkd --knowledge %s --debug-wedge-on-sigusr2\nWatchdogSec=3s\n' $KB \
  | sbx sh -c 'cat > /etc/systemd/system/backtalk.service.d/wedge.conf'
sbx systemctl daemon-reload
sbx systemctl restart backtalk.service
waitfor "ask hello | grep -q answer"
wedged=$(prop backtalk.service MainPID)
sbx systemctl kill -s USR2 --kill-who=main backtalk.service
start=$(date +%s)
waitfor "sbx journalctl -u backtalk.service --no-pager | grep -q 'Watchdog timeout'" \
  && ok "watchdog timeout after $(( $(date +%s) - start )) s" || bad "no watchdog timeout"
waitfor "[ \"\$(prop backtalk.service MainPID)\" != $wedged ] && ask hello | grep -q answer" \
  && ok "systemd restarted the wedged service and it answers ($wedged -> $(prop backtalk.service MainPID))" \
  || bad "not restarted after the watchdog"

# 6. The journal of one start, reload and stop, as an administrator reads it.
sbx rm -f /etc/systemd/system/backtalk.service.d/wedge.conf
sbx systemctl daemon-reload
sbx systemctl stop backtalk.service
sleep 1.1
since=$(sbx date '+%Y-%m-%d %H:%M:%S')
waitfor "ask hello | grep -q answer"
sbx systemctl reload backtalk.service
sbx systemctl stop backtalk.service
sbx journalctl -u backtalk.service --no-pager --since "$since" -o short > "$WORK/journal.txt"
echo "journalctl -u backtalk.service for one start, reload and stop:"; sed 's/^/  /' "$WORK/journal.txt"
grep -q "stopped after answering" "$WORK/journal.txt" && ok "one line at stop" || bad "no stop line in the journal"
[ "$(grep -c 'backtalkd\[' "$WORK/journal.txt")" = 3 ] && ok "the daemon logs three lines for a start, a reload and a stop" \
  || bad "the daemon logged $(grep -c 'backtalkd\[' "$WORK/journal.txt") lines for a start, a reload and a stop"

[ "$(sbx systemctl is-system-running)" = running ] || echo "note: sandbox state $(sbx systemctl is-system-running)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
