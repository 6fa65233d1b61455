#!/bin/bash
# The bash completion the package installs: commands, options, feature ids
# (asked of the config on the line), channel and scope words.
#   test_completion.sh COMPLETION_FILE CLI_DIR CONFIG
set -u
source "$1"
PATH=$2:$PATH
config=$3
failed=0

# expect "WANTED" WORD...: completing the last word gives exactly WANTED.
expect() {
    local wanted=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _scopegate scopegate
    local got="${COMPREPLY[*]}"
    if [[ $got != "$wanted" ]]; then
        echo "completing '$*': expected '$wanted', got '$got'"
        failed=1
    fi
}

expect "check info login dial feature explain batch dump can who diff test" scopegate ""
expect "info" scopegate -c "$config" i
expect "check can" scopegate -c "$config" c
expect "portal mobile_app web_phone attendant_console api sip_device" scopegate login 101@acme.example ""
expect "sip_device" scopegate explain login 101@acme.example s
expect "monitor.listen monitor.whisper monitor.barge" scopegate -c "$config" feature 101@acme.example monitor.
expect "fax.send" scopegate -c "$config" who fa
expect "fax.send" scopegate -c "$config" can 101@acme.example --feature fa
expect "site_manager super_user" scopegate feature 100@acme.example scope.assign user:101 --scope s
expect "--widen-only" scopegate diff --w
expect "--json" scopegate --j
exit $failed
