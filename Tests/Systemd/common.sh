# Shared by the scripts that test backtalk under a real systemd: source it after setting NAME (the
# sandbox) and SKIPPED (how many checks a skip leaves out). The caller's working folder is the repository.
set -uo pipefail
ROOT=$PWD
SANDBOX=${SYSTEMD_SANDBOX:-$ROOT/../shared/tools/systemd-sandbox}
SOCKET=/run/backtalk/backtalk.sock
pass=0; fail=0
ok()  { echo "PASS: $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
skip() { echo "SKIP: $*"; echo "$pass passed, $fail failed, $SKIPPED skipped"; exit 0; }
sbx() { "$SANDBOX" exec "$NAME" "$@"; }
prop() { sbx systemctl show -P "$2" "$1"; }
# as_user CMD...: CMD inside the sandbox as an ordinary local user (nobody), not root.
as_user() { sbx setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
# intent_of_reply: the intent of the JSON reply on standard input.
intent_of_reply() { python3 -c 'import json,sys; print(json.load(sys.stdin).get("intent"))' 2>/dev/null; }
# waitfor CMD: up to 60 s for CMD to succeed (a start or reload trains the classifiers: 10-15 s on two cores).
waitfor() { local _; for _ in $(seq 1 600); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
