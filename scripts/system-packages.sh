#!/usr/bin/env bash
# Installs what the tests need from Debian, when it is missing: Chromium and a CJK font for
# the browser tests. Needs root (or sudo).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
# Virtuoso for the external-store tests (the virtuoso fixture of tests/conftest.py starts its own instance on a temporary
# database); the packaged instance's dba password is preseeded so the install asks nothing.
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing from Debian: ${missing[*]}"
    if [[ " ${missing[*]} " == *" virtuoso-opensource "* ]]; then
        password="$(head -c 18 /dev/urandom | base64)"
        printf 'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password %s\nvirtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password %s\n' \
            "$password" "$password" | $sudo debconf-set-selections
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
